"""长者模式 and 朗读, with the keyboard alone: a citizen turns on large type, searches, opens a document and one of
its interpretations, and has it read aloud; the mode stays on from page to page, on a phone too."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, NARROW_PHONE, PHONE
from .test_layout import PHONE_PAGES, characters_per_line, measure

# A live server needs committed data; the serialized rollback restores what migrations created (the page
# tree's root, the root collection) after each test flushes the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLICY = "浙江省大气污染防治办法"
QA = "《浙江省大气污染防治办法》简明问答"

# Headless Chromium has speechSynthesis but no voice: its utterances fail at once. To walk through pausing and
# stopping, this stand-in for the browser's speech engine (not for anything of ours) starts each utterance and
# holds it, and notes what the page asked of it.
HELD_SPEECH = """
(() => {
    const engine = window.speechSynthesis;
    const log = window.speechLog = {texts: [], calls: []};
    let current = null;
    let paused = false;
    Object.defineProperty(engine, 'speaking', {get: () => current !== null});
    Object.defineProperty(engine, 'paused', {get: () => paused});
    engine.speak = utterance => {
        log.calls.push('speak');
        log.texts.push(utterance.text);
        current = utterance;
        setTimeout(() => utterance.dispatchEvent(new Event('start')), 0);
    };
    engine.pause = () => { log.calls.push('pause'); paused = true; };
    engine.resume = () => { log.calls.push('resume'); paused = false; };
    engine.cancel = () => { log.calls.push('cancel'); current = null; paused = false; };
})();
"""

# The browser's own engine, watched: what it was asked to say and whether it was speaking right after.
WATCHED_SPEECH = """
(() => {
    const engine = window.speechSynthesis;
    const speak = engine.speak.bind(engine);
    const log = window.speechLog = {texts: [], speakingAfterCall: []};
    engine.speak = utterance => {
        log.texts.push(utterance.text);
        speak(utterance);
        log.speakingAfterCall.push(engine.speaking);
    };
})();
"""

NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"


def tab_to(page, target, limit=60):
    """Press Tab until `target` has the focus, checking each stop shows it; return the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                return {outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 3,
                        tag: element.tagName, text: (element.textContent || element.name || '').trim().slice(0, 20)};
            }"""
        )
        assert focused["outline"], f"no visible focus on {focused}"
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{target} not reached in {limit} presses of Tab")


def in_senior_mode(page):
    return page.evaluate("document.documentElement.classList.contains('senior-mode')")


def small_controls(page):
    """The visible buttons, boxes, lists and foldable headings less than 44px high."""
    return page.evaluate(
        """() => [...document.querySelectorAll('button, input, select, summary, .site-nav a, .tag-list a')]
            .filter(element => element.getClientRects().length)
            .map(element => [element.outerHTML.slice(0, 60), element.getBoundingClientRect().height])
            .filter(([, height]) => height < 44)"""
    )


def test_senior_mode_by_keyboard_on_a_desktop_and_on_phones(open_browser, public_site):
    # One site for both walks: building it and the browser cost more than a walk.
    keyboard_only_citizen_path_in_senior_mode_with_reading_aloud(open_browser, public_site)
    senior_mode_on_a_phone(open_browser, public_site)


def keyboard_only_citizen_path_in_senior_mode_with_reading_aloud(open_browser, public_site):
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    browsing.context.add_init_script(HELD_SPEECH)
    page.goto("/")
    standard_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")

    # The switch comes right after the skip link and the site's name.
    switch = page.get_by_role("button", name="长者模式")
    assert tab_to(page, switch) == 3
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert in_senior_mode(page)
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 1.5 * standard_size
    browsing.screenshot("home, senior mode")

    search = page.get_by_role("combobox", name="检索政策文件、解读和新闻")
    tab_to(page, search)
    page.keyboard.type("大气污染防治")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert in_senior_mode(page)  # remembered, and applied before the page was drawn
    browsing.screenshot("search results, senior mode")

    result = page.locator(".search-results").get_by_role("link", name=POLICY, exact=True)
    tab_to(page, result)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{public_site['policy']}")
    assert in_senior_mode(page)
    assert 35 <= characters_per_line(page, ".policy-body .article p") <= 40

    # The skip link is the first stop, shown when focused, and takes the focus to the main content.
    skip = page.get_by_role("link", name="跳到正文")
    assert tab_to(page, skip) == 1
    expect(skip).to_be_in_viewport()
    browsing.screenshot("skip link, senior mode")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    interpretation = page.locator("#interpretations").get_by_role("link", name=QA)
    tab_to(page, interpretation)
    browsing.screenshot("document, senior mode")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{public_site['qa']}")
    assert in_senior_mode(page)
    assert small_controls(page) == []

    # 朗读: one button starts, pauses and resumes; the stop button gives the focus back to it.
    start = page.get_by_role("button", name="朗读正文")
    tab_to(page, start)
    page.keyboard.press("Enter")
    pause = page.get_by_role("button", name="暂停朗读")
    expect(pause).to_be_focused()
    status = page.locator("[data-read-aloud-status]")
    expect(status).to_have_text("正在朗读正文")
    expect(page.get_by_role("heading", level=1)).to_have_class("read-aloud-current")
    assert page.evaluate("window.speechLog.texts") == [QA]  # the title first, one block at a time
    browsing.screenshot("reading aloud, senior mode")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="继续朗读")).to_be_focused()
    expect(status).to_have_text("已暂停，可继续朗读")
    page.keyboard.press("Enter")
    expect(pause).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="停止朗读")).to_be_focused()
    page.keyboard.press("Enter")
    expect(start).to_be_focused()
    expect(status).to_have_text("已停止朗读")
    expect(page.get_by_role("button", name="停止朗读")).to_be_hidden()
    assert page.evaluate("window.speechLog.calls") == ["cancel", "speak", "pause", "resume", "cancel"]

    # The browser's own engine is asked to speak the page's text (headless Chromium has no voice, and says so).
    watched = open_browser(**DESKTOP)
    watched.context.add_init_script(WATCHED_SPEECH)
    watched.page.goto(public_site["qa"])
    toggle = watched.page.locator("[data-read-aloud-toggle]")
    tab_to(watched.page, toggle)
    watched.page.keyboard.press("Enter")
    log = watched.page.evaluate("window.speechLog")
    assert log["texts"] == [QA] and log["speakingAfterCall"] == [True]
    voiceless = watched.page.evaluate("speechSynthesis.getVoices().length") == 0
    says = "本浏览器暂时无法朗读（没有可用的语音），请检查设备的语音设置" if voiceless else "正在朗读正文"
    expect(watched.page.locator("[data-read-aloud-status]")).to_have_text(says)
    expect(toggle).to_be_focused()
    watched.screenshot("no voice")

    # Where the browser cannot speak, there is no 朗读 button at all.
    mute = open_browser(**DESKTOP)
    mute.context.add_init_script(NO_SPEECH)
    mute.page.goto(public_site["qa"])
    expect(mute.page.get_by_role("button", name="打印本页")).to_be_visible()
    expect(mute.page.locator("[data-read-aloud]")).to_be_hidden()


def senior_mode_on_a_phone(open_browser, public_site):
    browsing = open_browser(**PHONE)
    page = browsing.page
    page.goto(public_site["policy"])
    page.get_by_role("button", name="长者模式").click()
    assert in_senior_mode(page)
    found = measure(page)
    assert found["header"] <= found["innerHeight"] / 4, f"header {found['header']}px"
    assert found["scrollWidth"] <= found["screenWidth"]
    assert small_controls(page) == []
    browsing.screenshot("policy, senior mode")
    # The header's search box is folded behind 菜单 with the navigation, and comes after its links when it opens,
    # in the order Tab reaches them.
    search = page.get_by_role("search", name="全站搜索")
    expect(search).to_be_hidden()
    page.get_by_role("button", name="菜单").click()
    expect(search).to_be_visible()
    navigation = page.get_by_role("navigation", name="主导航")
    assert search.bounding_box()["y"] > navigation.bounding_box()["y"]
    page.keyboard.press("Tab")  # from 菜单, into what it opened
    expect(navigation.get_by_role("link", name="首页")).to_be_focused()
    assert measure(page)["searchBoxes"] == 1
    browsing.screenshot("menu open, senior mode")

    # Remembered on the device: the narrow phone below shares nothing with it, so it is turned on there too.
    narrow = open_browser(**NARROW_PHONE)
    narrow.page.goto("/")
    narrow.page.get_by_role("button", name="长者模式").click()
    for name in PHONE_PAGES:
        narrow.page.goto(public_site[name])
        assert in_senior_mode(narrow.page), name
        found = measure(narrow.page)
        assert found["scrollWidth"] <= found["screenWidth"], f"{name}: {found['scrollWidth']}px wide"
        assert found["header"] <= found["innerHeight"] / 4, f"{name}: header {found['header']}px"
        # The header's search box is behind 菜单; a page's own box (home, search) still shows.
        expect(narrow.page.locator(".site-header form[role=search]")).to_be_hidden()
        assert found["searchBoxes"] <= 1, name
        narrow.screenshot(f"{name}, senior mode 320px")
    assert small_controls(narrow.page) == []
    narrow.page.get_by_role("button", name="长者模式").click()
    assert not in_senior_mode(narrow.page)
    narrow.page.reload()
    assert not in_senior_mode(narrow.page)
