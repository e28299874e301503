"""The shell every public page shares (templates/base.html): 长者模式, the menu button and 朗读 are in the one HTML
that every visitor gets (the page cache keeps one copy), and their scripts run under the site's CSP."""

import re

from tests import factories
from tests.pages import get_html


def test_scripts_come_from_the_site_and_the_mode_is_applied_before_paint(client):
    factories.site()
    response = client.get("/")
    html = response.content.decode()
    head = html[: html.index("</head>")]
    # The CSP runs no inline script: every script is a file of the site's.
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    # page-mode.js applies a remembered 长者模式 before paint: in <head>, neither deferred nor async.
    assert re.search(r'<script src="[^"]*/js/page-mode\.js"></script>', head)
    for script in ("site-header", "read-aloud"):
        assert re.search(rf'<script defer src="[^"]*/js/{script}\.js"></script>', head)
    # The same markup for everyone: the switch starts off, the script turns it on where this browser chose it.
    body = html[html.index("<body") :]
    assert body.index('<a class="skip-link" href="#main">跳到正文</a>') < body.index("<header")
    assert 'aria-pressed="false" data-senior-mode-switch>长者模式</button>' in html
    assert 'aria-expanded="false" aria-controls="site-nav" data-menu-button>' in html
    assert '<a class="header-button menu-button menu-button--no-script" href="#site-nav">' in html


def test_one_search_box_per_page(client):
    policy = factories.policy()
    interpretation = factories.interpretation("text", [policy])
    for url in ("/", "/search/?q=大气", "/zhengce/", policy.url, interpretation.url, "/no-such-page/"):
        html = get_html(client, url, status=404 if url == "/no-such-page/" else 200)
        assert html.count('role="search"') == 1, url


def test_reading_pages_mark_the_text_to_read_aloud(client):
    policy = factories.policy(summary="规范本省大气污染防治工作。")
    interpretation = factories.interpretation("text", [policy])
    for page, body in ((policy, 'class="policy-body"'), (interpretation, 'class="interpretation__body"')):
        html = get_html(client, page.url)
        assert re.search(r'<h1 id="[a-z-]+" data-read-aloud-text>', html)
        assert re.search(rf"{body}[^>]*data-read-aloud-text", html)
        # Hidden until the script finds the browser can speak; the words are the page's, translated with it.
        assert "data-read-aloud hidden" in html
        assert '<button type="button" class="tool-button" data-read-aloud-toggle>朗读正文</button>' in html
