"""Every public page costs the same number of queries however much it shows: 6 related items or 12."""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import CollectionPage, NewsPage, NewsPolicyLink
from policies.models import Topic
from policies.services import relate
from policies.validity import RelationKind
from tests import factories

# SQLite only: how many queries a page costs is the ORM's doing (its joins and prefetches), the same on either
# database; what the queries say on PostgreSQL is checked by the listings' and the pages' own tests there.

KINDS = ["text", "qa", "infographic", "expert", "media", "leader"]
# Every interpretation kind once is the fewest that still shows each kind. A query per item shows at twice as
# many items as well as at five times as many, and building 30 of everything took most of a minute.
FEW, MANY = len(KINDS), 2 * len(KINDS)


def queries(client, url):
    """Return how many queries a second visit to `url` costs (the first one fills per-process caches).

    The page cache is emptied in between, so the second visit renders the page (and tells the cache what it shows).
    """
    assert client.get(url).status_code == 200, url
    caches[settings.ZHENGCE_PAGE_CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


def library(size):
    """Create `size` of everything a page may list, around one document; return the pages to visit."""
    document = factories.policy(f"浙江省大气污染防治办法（{size}）")
    interpretations = {}
    for n in range(size):
        kind = KINDS[n % len(KINDS)]
        extra = {"questions": [(f"问题{size}-{n}？", "<p>见第一条。</p>", document, 1)]} if kind == "qa" else {}
        if kind == "infographic":
            extra["images"] = [factories.image(f"图解{size}-{n}.png", size=(40, 30))]
        interpretations[kind] = factories.interpretation(kind, [document], title=f"{kind}解读{size}-{n}", **extra)
        older = factories.policy(f"旧办法{size}-{n}", date_published=None)
        relate(document, older, RelationKind.AMENDS if n % 2 else RelationKind.REPEALS)
    others = [factories.policy(f"相关文件{size}-{n}") for n in range(size)]
    for page in interpretations.values():
        # An interpretation of many documents.
        for other in others:
            page.policy_links.create(policy=other)
    news = NewsPage(title=f"新闻发布会（{size}）", summary="发布会")
    factories.site()[3].add_child(instance=news)
    for other in [document, *others]:
        NewsPolicyLink.objects.create(page=news, policy=other)
    collection = CollectionPage(
        title=f"大气专题（{size}）", slug=f"zhuanti-{size}", topic=Topic.objects.get(name="大气环境")
    )
    factories.site()[0].add_child(instance=collection)
    urls = {"policy": document.url, "news": news.url, "collection": collection.url}
    urls.update({kind: page.url for kind, page in interpretations.items()})
    urls.update({"home": "/", "policy library": "/zhengce/", "interpretations": "/jiedu/", "news list": "/xinwen/"})
    urls["filtered library"] = "/zhengce/?topic=1&year=2020"
    return urls


def test_query_counts_do_not_grow_with_content(client):
    few = {name: queries(client, url) for name, url in library(FEW).items()}
    many = {name: queries(client, url) for name, url in library(MANY).items()}
    assert set(few) == set(many)
    grown = {name: (few[name], many[name]) for name in few if many[name] != few[name]}
    assert not grown, grown
    print("queries per page:", many)
