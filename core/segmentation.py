"""Chinese word segmentation for the database search backend.

SQLite FTS5 and PostgreSQL keep a run of Chinese characters as a single token, so 大气 would never
match 大气污染防治条例. Text is therefore indexed as jieba "search mode" words (which include the
short words inside long ones) separated by spaces, and queries are segmented the same way.
"""

import logging
import re
from contextlib import contextmanager
from functools import lru_cache

import jieba

# Terms of the trade that jieba's general dictionary splits wrongly or not at all.
DOMAIN_TERMS = [
    "排污许可",
    "排污许可证",
    "环评",
    "环境影响评价",
    "河长制",
    "湖长制",
    "林长制",
    "蓝天保卫战",
    "碧水行动",
    "净土行动",
    "清废行动",
    "污染防治攻坚战",
    "生态环境厅",
    "生态环境部",
    "政务公开",
    "行政规范性文件",
    "主动公开",
    "依申请公开",
    "排污权",
    "碳达峰",
    "碳中和",
    "危险废物",
    "固体废物",
    "医疗废物",
    "饮用水水源",
    "地表水",
    "挥发性有机物",
    "臭氧",
    "细颗粒物",
    "重污染天气",
    "生态补偿",
    "生态红线",
    "生态保护红线",
    "环境信用",
    "执法检查",
    "自由裁量",
    "三同步",
    "第一解读人",
    "一图读懂",
    "柴油货车",
    "机动车",
    "土壤污染",
    "水污染",
    "大气污染",
]

_WORD = re.compile(r"[\w]+", re.UNICODE)


@lru_cache(maxsize=1)
def _tokenizer():
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in DOMAIN_TERMS:
        tokenizer.add_word(term, freq=2_000_000)
    return tokenizer


def _dictionary_parts(word, tokenizer):
    """Yield the word, every dictionary word inside it, and its single characters."""
    yield word
    if len(word) < 2:
        return
    for size in range(len(word) - 1, 1, -1):
        for start in range(len(word) - size + 1):
            part = word[start : start + size]
            if tokenizer.FREQ.get(part):
                yield part
    yield from word


def index_words(text):
    """Return the words to index for a text: each word with the dictionary words and characters inside it."""
    tokenizer = _tokenizer()
    words = []
    for chunk in _WORD.findall((text or "").lower()):
        for word in tokenizer.cut(chunk, HMM=False):
            words.extend(_dictionary_parts(word, tokenizer))
    return words


def query_words(text):
    """Return the words of a search query, segmented the way indexed text is."""
    tokenizer = _tokenizer()
    words = []
    for chunk in _WORD.findall((text or "").lower()):
        words.extend(w for w in tokenizer.cut(chunk, HMM=False) if w.strip() and w != "_")
    return words


def segment(text):
    """Return the text as space-separated index words, ready for a full-text column."""
    done = _prepared.get(text)
    return done if done is not None else _segment(text)


# Saving and publishing a page indexes it several times over; the same long text is segmented once.
@lru_cache(maxsize=8)
def _segment(text):
    return " ".join(index_words(text))


def segment_all(texts):
    """Return `segment` of each text: run by a bulk import in a process of its own (see `presegmented`)."""
    return [" ".join(index_words(text)) for text in texts]


# {text: segment(text)} computed ahead by a bulk import, while the text was being saved.
_prepared = {}


@contextmanager
def presegmented(segmented):
    """Let `segment` use these results ({text: words}), computed elsewhere, for as long as the block runs.

    Segmentation is the slowest part of indexing a long document and is pure Python: an import hands its
    texts to another process (another core) while it saves the pages, then indexes them with the results.
    """
    _prepared.update(segmented)
    try:
        yield
    finally:
        for text in segmented:
            _prepared.pop(text, None)
