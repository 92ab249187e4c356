"""Run axe-core in a Playwright page and fail with a readable report of the violations.

axe-core comes from ``node_modules`` (``npm ci``), the same place the NL Design System
CSS comes from; nothing is fetched from the network.

The script is run with ``page.evaluate`` rather than ``page.add_script_tag``: the site's
Content-Security-Policy (``script-src 'self'``) blocks an injected inline ``<script>``,
while code evaluated by Playwright (over the DevTools protocol) is not subject to it. So
the tests need no ``bypass_csp`` and see the pages exactly as the CSP lets users see them.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import Page

#: The WCAG 2.1 A and AA rules: what Dutch public services must meet (EN 301 549).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> Path:
    return Path(settings.NODE_MODULES_DIR) / "axe-core" / "axe.min.js"


@functools.cache
def _axe_source() -> str:
    return axe_script().read_text(encoding="utf-8")


def _assert_styled(page: Page) -> None:
    """The stylesheets loaded, so that axe's colour-contrast check means something."""
    styled = page.evaluate(
        """() => {
            const body = getComputedStyle(document.body);
            const layout = document.querySelector('.utrecht-page-layout');
            return {
                theme: body.getPropertyValue('--utrecht-space-around').trim(),
                utrecht: layout ? getComputedStyle(layout).display : null,
                sheets: Array.from(document.styleSheets).map(s => s.cssRules.length),
            };
        }"""
    )
    assert styled["theme"] == "1", f"theme.css did not load on {page.url}: {styled}"
    assert styled["utrecht"] == "flex", f"utrecht/index.css did not load on {page.url}: {styled}"
    assert all(styled["sheets"]), f"an empty stylesheet on {page.url}: {styled}"


def axe_violations(page: Page, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """The axe violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return results.violations;
        }""",
        tags or AXE_TAGS,
    )
    return result


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    target: {' '.join(map(str, node['target']))}")
            lines.append(f"    html:   {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n            ")
            if summary:
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


def _screenshot(page: Page) -> None:
    """With DICHTBIJ_SCREENSHOT_DIR set, keep a full-page screenshot of each checked page."""
    directory = os.environ.get("DICHTBIJ_SCREENSHOT_DIR")
    if not directory:
        return
    test = os.environ.get("PYTEST_CURRENT_TEST", "page").split(" ")[0].split("::")[-1]
    path = re.sub(r"[^A-Za-z0-9]+", "-", page.url.split("//", 1)[-1].split("/", 1)[-1]).strip("-")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{test}-{path or 'home'}")[:150]
    page.screenshot(path=str(Path(directory) / f"shot-{name}.png"), full_page=True)


def assert_no_axe_violations(page: Page) -> None:
    """Fail, listing every rule, node and reason, if axe finds a WCAG 2.1 A/AA violation."""
    _assert_styled(page)
    _screenshot(page)
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
