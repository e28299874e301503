"""Chinese numerals as used in article and chapter numbers (第十二条, 第一百零三条)."""

DIGITS = "零一二三四五六七八九"
UNITS = {"十": 10, "百": 100, "千": 1000}


def to_chinese(number):
    """Write a positive integer below 10,000 in Chinese numerals, as legal texts do."""
    if not 0 < number < 10000:
        raise ValueError(f"article numbers run from 1 to 9999, not {number}")
    parts = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    text = "".join(parts)
    # Legal texts write 十二, not 一十二, when ten leads.
    return text[1:] if text.startswith("一十") else text


def from_chinese(text):
    """Read Chinese numerals (or ASCII digits) as an integer; raise ValueError if they are not one."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch not in UNITS and ch != "〇" for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, current = 0, 0
    for ch in text:
        if ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
        else:
            current = DIGITS.index(ch) if ch != "〇" else 0
    return total + current


def article_label(number):
    """Return the heading of an article, e.g. 第十二条."""
    return f"第{to_chinese(number)}条"
