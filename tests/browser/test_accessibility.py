"""Every public page type passes axe-core (injected into the page) without a serious or critical violation, in the
standard mode and in 长者模式, where every text must also reach the enhanced contrast of 7:1 (WCAG AAA)."""

import json
from urllib.parse import unquote

import pytest

from .conftest import DESKTOP

# A live server needs committed data; the serialized rollback restores what migrations created (the page
# tree's root, the root collection) after each test flushes the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOCKING = ("serious", "critical")


def axe_violations(page, axe_script, enhanced_contrast=False):
    """Run axe-core on the page as it is; return its findings of serious or critical impact.

    Findings axe cannot decide ("incomplete", to be reviewed by hand) count too: it files text whose contrast
    it measures as 1:1 there, which is how white text typed into the header's white search box went unseen.
    With enhanced_contrast, axe's AAA rule (7:1, off by default) runs too and any finding of it counts.
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe_script)
    options = {"resultTypes": ["violations", "incomplete"]}
    if enhanced_contrast:
        options["rules"] = {"color-contrast-enhanced": {"enabled": True}}
    result = page.evaluate("async options => await axe.run(document, options)", options)
    findings = result["violations"] + [{**item, "id": f"{item['id']} (needs review)"} for item in result["incomplete"]]
    return [
        finding
        for finding in findings
        if finding["impact"] in BLOCKING or finding["id"].startswith("color-contrast-enhanced")
    ]


def describe(violations):
    """Say what is wrong and where, one violation after another, with the elements concerned."""
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"      at {json.dumps(node['target'], ensure_ascii=False)}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def test_public_pages_have_no_serious_accessibility_violation_in_either_mode(open_browser, public_site, axe_script):
    # The site's CSP refuses inline scripts, and Playwright injects axe-core as one; the pages' own scripts
    # are checked under the real CSP by the other browser tests.
    browsing = open_browser(bypass_csp=True, **DESKTOP)
    page = browsing.page
    found = {}
    for name, url in public_site.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not found" else 200), (name, url, response.status)
        page.wait_for_load_state("load")
        browsing.screenshot(name)
        violations = axe_violations(page, axe_script)
        if violations:
            found[f"{name} ({unquote(url)})"] = violations
        # 长者模式, switched on and off as a visitor does (the page is not reloaded: the mode is all CSS).
        switch = page.get_by_role("button", name="长者模式")
        switch.click()
        browsing.screenshot(f"{name}, senior mode")
        violations = axe_violations(page, axe_script, enhanced_contrast=True)
        if violations:
            found[f"{name} ({unquote(url)}), 长者模式"] = violations
        switch.click()
    report = "\n".join(f"{page_name}:\n{describe(violations)}" for page_name, violations in found.items())
    assert not found, f"Serious or critical accessibility violations:\n{report}"
