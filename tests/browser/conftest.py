"""Real browsers: Playwright drives Debian's Chromium (its headless shell) against pytest-django's live server.

Chromium is never downloaded by Playwright: `bin/browser-deps` installs Debian's package (and the pinned
axe-core these tests inject into pages); CHROMIUM names another executable. Full-page screenshots of every
step (and of the pages open when a test fails) go to artifacts/screenshots/<test>/, git-ignored, for CI to
keep as artifacts.
"""

import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

REPO_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell"))
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_DIR / "artifacts" / "screenshots"
PROVISION = "Run bin/browser-deps (it installs Debian's chromium-headless-shell and the pinned axe-core)."

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own calls home (updates, sync, field trials) go nowhere on a closed network and only add noise.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# The narrowest phones still in use (320 CSS pixels wide, as the first iPhone SE).
NARROW_PHONE = {**PHONE, "viewport": {"width": 320, "height": 568}}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def browser():
    """Chromium, for one test.

    Not kept for the session: while Playwright's event loop runs, Django's connection handler gives the
    test's thread connections of its own, separate from the ones the test database machinery set up, so the
    loop must not be running while a test's database is prepared (the serialized rollback) or flushed.
    """
    from django.db import connections

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}. {PROVISION}", pytrace=False)
    # Playwright's sync API keeps an asyncio event loop running in the test's thread, and Django then refuses
    # every ORM call made there (SynchronousOnlyOperation), although the calls are plain blocking ones made
    # between browser steps. Allowed for as long as Playwright runs, and only then.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                # The connections opened under the loop: left open, they would keep PostgreSQL from dropping
                # the test database at the end of the run.
                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Screenshots:
    """Full-page screenshots of one test's steps, numbered in the order taken, in a folder named after the test."""

    def __init__(self, folder):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.folder = folder
        self.taken = 0

    def take(self, page, step):
        self.taken += 1
        path = self.folder / f"{self.taken:02d}-{slug(step)}.png"
        page.screenshot(path=path, full_page=True)
        return path


class Browsing:
    """One browser context on the live site (one person's browser), with the scripts errors its pages raised."""

    def __init__(self, browser, base_url, screenshots, label="", **context_options):
        self.context = browser.new_context(base_url=base_url, locale="zh-CN", **context_options)
        self.label = label  # before each step's name: which of a test's browsers took the screenshot
        self.context.set_default_timeout(10_000)
        self.screenshots = screenshots
        self.folder = screenshots.folder
        self.errors = []  # (URL, message)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append((self.page.url, str(error))))

    def screenshot(self, step, page=None):
        return self.screenshots.take(page or self.page, f"{self.label} {step}".strip())

    def public_errors(self):
        """The script errors raised on the public site (not in the admin, which is Wagtail's own)."""
        return [(url, error) for url, error in self.errors if "/admin/" not in url]

    def close(self):
        self.context.close()


def slug(text):
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keeps the outcome of the test itself where a fixture's teardown can read it (to screenshot a failure).
    report = yield
    if report.when == "call":
        item.report_call = report
    return report


@pytest.fixture
def open_browser(browser, live_server, request):
    """Return a function opening a Browsing (with a label for its screenshots, and context options) on the live
    site; closed after the test.

    After the test, any script error raised on a public page fails it: the site's own scripts (search
    suggestions, the print button) run under its CSP, and one that throws or is refused breaks them for everyone.
    """
    screenshots = Screenshots(SCREENSHOTS / slug(request.node.name))
    opened = []

    def open_(label="", **context_options):
        browsing = Browsing(browser, live_server.url, screenshots, label, **context_options)
        opened.append(browsing)
        return browsing

    yield open_
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for browsing in opened:
            browsing.screenshot("failure")
    errors = [error for browsing in opened for error in browsing.public_errors()]
    for browsing in opened:
        browsing.close()
    assert not errors, f"Script errors on public pages: {errors}"


@pytest.fixture
def axe_script():
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}. {PROVISION}", pytrace=False)
    return AXE


@pytest.fixture
def public_site():
    """A small live site with every public page type; return {name: URL} of its pages."""
    from django.utils import timezone

    from policies.models import Topic
    from policies.services import relate
    from tests import factories

    older = factories.policy(
        "浙江省排污许可管理暂行办法", doc_number="浙环发〔2018〕5号", date_published=date(2018, 3, 1)
    )
    policy = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发〔2020〕12号",
        date_published=date(2020, 6, 10),
        summary="规范本省大气污染防治工作，明确排污许可和环评公开的要求。",
        tags=["大气污染", "排污许可"],
    )
    relate(policy, older, "repeals")
    qa = factories.interpretation(
        "qa",
        [policy],
        title="《浙江省大气污染防治办法》简明问答",
        questions=[
            ("哪些单位需要申领排污许可证？", "<p>排污单位应当依法申领排污许可证，见第三条。</p>", policy, 3),
            ("环评文件是否公开？", "<p>环评文件应当公开。</p>", policy, 4),
            # A second answer citing the third article: its two links under the article must wrap on a phone.
            ("未按排污许可证规定排放污染物的，由哪个部门依法查处？", "<p>由生态环境主管部门查处。</p>", policy, 3),
        ],
    )
    topic = Topic.objects.get(name="大气环境")
    pages = {
        "home": "/",
        "policy library": "/zhengce/",
        "policy library, filtered": f"/zhengce/?topic={topic.pk}&year=2020&validity=in_force",
        "policy": policy.url,
        "repealed policy": older.url,
        "qa": qa.url,
        "interpretations": "/jiedu/",
        "news list": "/xinwen/",
        "search": "/search/?q=大气污染防治",
        "search, nothing found": "/search/?q=不存在的词语",
        "not found": "/no-such-page/",
        "site map": "/ditu/",
        "contact": "/lianxi/",
        "subscribe": "/dingyue/",
    }
    for kind in ("text", "infographic", "expert", "media", "leader"):
        extra = {"images": [factories.image()]} if kind == "infographic" else {}
        pages[kind] = factories.interpretation(kind, [policy], title=f"大气污染防治办法{kind}解读", **extra).url
    pages["news"] = factories.news("省生态环境厅召开大气污染防治办法新闻发布会", policies=[policy]).url
    pages["collection"] = factories.collection("大气污染防治专题").url
    # An open consultation (the home page shows it) and a closed one, so the listing shows both states.
    pages["consultation"] = factories.consultation().url
    factories.consultation(
        "浙江省噪声污染防治条例（草案征求意见稿）",
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=30),
    )
    pages["consultations"] = "/zhengqiu/"
    # The 政府信息公开 platform, its guide and the application form (not a page of the tree).
    from disclosure.site_tree import ensure_platform

    ensure_platform()
    pages.update({"platform": "/xxgk/", "disclosure guide": "/xxgk/zhinan/", "disclosure form": "/yishenqing/"})
    return pages
