"""The full-page cache: anonymous reads of public pages are answered from Django's cache, kept exact by tags.

What is cached (``rules.py``): GET and HEAD requests without a session or messages cookie or an Authorization
header, outside the admin, answered 200 without setting a cookie or using a CSRF token, and either a Wagtail page
or one of ``ZHENGCE_PAGE_CACHE_CONTENT_PATHS`` (search, the search and pages APIs, feeds, the sitemap). The key is
the scheme, host, path and query string with its parameters sorted, hashed (``entries.py``).

Tags and versions (``tags.py``): a tag names something a response shows: ``page:<id>``, ``list:<page model>``
(the listings of a page type), ``<app.model>:<id>`` and ``<app.model>`` (reference data such as a topic), ``site``
(site settings, images, documents: shown everywhere) and ``all`` (any change at all). Each tag has a version, a
random token kept in the cache without expiry. A response is stored together with the versions of the tags it
depends on, read when it is stored; it is served while every one of them still has that version. A change gives
new versions to the tags it touches, so everything depending on them is a miss the next time, and nothing else
is: invalidating costs one cache write per tag, and a hit no database query and, on Redis, one round trip: the
entry and the versions of its tags are read together (``redis_pages.py``: one MGET of the keys a process learned
from the entry it served before, or GET and a script reading the list of tags kept beside the entry). Other
backends (the per-process caches of development and tests) read the entry, then its tags' versions.

Who declares what (``core/cache_tags.py``): a page's ``cache_tags()`` names what its rendering shows (a policy:
itself, its agency, topic and division, its interpretations, the Q&As citing it, the documents it changes and
those changing it; an interpretation: its documents; a listing: its page type's listing tag and the reference data
of its filters and cards). A changed object's ``invalidated_cache_tags()`` names what its change makes stale (a
policy: itself, the policy listings and every page linked with it; a topic: its tag and its model's). Every
response also depends on ``site``; search, APIs, feeds and the sitemap depend on ``all``; a page type that
declares nothing depends on ``all`` too.

When versions change (``signals.py``): on every save and delete of a page (except the bookkeeping of drafts and
locks) or of a model that declares ``invalidated_cache_tags()`` (reference data, link rows written straight to
the table), on publish and unpublish, on the editorial publication states (withdraw, remove in error; supersede
unpublishes), on moves and slug changes, and on changes to site settings, sites, view restrictions, images,
documents, search promotions and synonyms. A save sees the links as they were, the publish signal as they are,
so a link dropped and a link added both count. Nothing depends on Elasticsearch or the search outbox.

Races: versions change at once and again after the transaction commits, ``all`` before the other tags. A miss
reads ``all`` before rendering and again after reading its tags' versions, and stores nothing if it changed in
between; so a response rendered from data older than the versions it records is never stored. A tag whose version
was evicted gets a new one, never an old one back, so eviction only causes misses. An entry lives at most
``ZHENGCE_PAGE_CACHE_TIMEOUT`` seconds and never past midnight, when dates change validity (尚未施行, 已失效).
What changes at a time without an edit (a consultation opens, closes) is announced by its app through the
``timed_cache_changes`` hook (core.cache_tags): an entry showing it lives no later than that moment, and one
rendered across it is not kept (``timed.py``).

HTTP (``headers.py``): stored responses carry a strong ETag (a hash of the body), Last-Modified (when they were
rendered) and ``Cache-Control: public, max-age, s-maxage``; a conditional GET that matches is answered 304.
Redirects, 404 and 410 are not stored but may be kept briefly by a front cache; responses to signed-in users, the
admin, other methods, forms with a CSRF token and responses setting cookies are ``private, no-store``.

A search counts in the statistics even when the cache answers it: ``replay.py`` lets the code that runs during a
miss ask to be run again on each hit. Publishing a page also generates the image renditions it shows
(``renditions.py``), and ``manage.py generate_renditions`` does it for every live page.
"""
