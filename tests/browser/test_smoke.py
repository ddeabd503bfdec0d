"""Browser smoke test: open the portal and a department site in headless Chromium and check
that a citizen sees them laid out properly — Chinese text set in a CJK font, styled, no
sideways scrolling on a desktop or a phone, and the page keyboard reachable.

Needs Debian's chromium and fonts-noto-cjk (`scripts/system-deps.sh browser`). Chromium is
driven through Playwright's Python package, launched on the system binary (no browser is
downloaded). Hostnames such as hedong.test are mapped to the live server by Chromium itself.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from django.conf import settings

from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
    # Every hostname (hedong.test, fgw.test) goes to the local live server.
    "--host-resolver-rules=MAP * 127.0.0.1",
]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
SITE_CSS = "/static/themes/default/css/site.css"

PORTAL_NAME = "河东区人民政府"
FGW_NAME = "河东区发展和改革委员会"
SKIP_LINK = "跳转到主要内容"
BRAND_BLUE = "rgb(11, 78, 162)"  # --brand of the default theme: the nav bar's colour

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MOBILE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}

# (label, host, path, site name in the header)
PAGES = [
    ("portal", PORTAL_HOST, "/", PORTAL_NAME),
    ("fgw", FGW_HOST, "/", FGW_NAME),
    ("portal-bm-fgw", PORTAL_HOST, "/bm/fgw/", FGW_NAME),
]

# Per text node: the size/spacing the browser used and, per character, the line it landed on.
MEASURE_TEXT = """el => {
  const style = getComputedStyle(el);
  const node = [...el.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.data.trim());
  const text = node.data.trim();
  const start = node.data.indexOf(text);
  const range = document.createRange();
  const tops = new Set();
  const advances = [];
  for (let i = 0; i < text.length; i++) {
    range.setStart(node, start + i);
    range.setEnd(node, start + i + 1);
    const r = range.getBoundingClientRect();
    tops.add(Math.round(r.top));
    advances.push(r.width);
  }
  const ls = parseFloat(style.letterSpacing);
  return {
    text,
    fontSize: parseFloat(style.fontSize),
    letterSpacing: Number.isNaN(ls) ? 0 : ls,
    lines: tops.size,
    advances,
  };
}"""


class BrowserThread:
    """Chromium driven from a thread of its own.

    Playwright's sync API keeps an asyncio loop marked as running on the thread that started
    it. Django treats such a thread as async: it refuses ORM calls there and, worse, hands out
    a different database connection (without the serialized-rollback data). So the browser
    lives on a one-worker thread pool and each test hands it a function to run; assertion
    errors come back through the future. The test's own thread only does the database work.
    """

    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._playwright = self._chromium = None
        try:
            self.run(self._start)
        except BaseException:
            self.close()
            raise

    def run(self, fn, *args):
        return self._pool.submit(fn, *args).result(timeout=300)

    def close(self):
        try:
            self.run(self._stop)
        finally:
            self._pool.shutdown()

    def _start(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._chromium = self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

    def _stop(self):
        if self._chromium is not None:
            self._chromium.close()
        if self._playwright is not None:
            self._playwright.stop()

    @contextmanager
    def context(self, viewport):
        """A fresh browser context (own cookies, viewport); call only on the browser thread."""
        context = self._chromium.new_context(locale="zh-CN", **VIEWPORTS[viewport])
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed: run `scripts/system-deps.sh browser` (as root)"
        if os.environ.get("SITECLUSTER_SKIP_BROWSER") == "1":
            pytest.skip(f"SITECLUSTER_SKIP_BROWSER=1 and {reason}")
        pytest.fail(f"{reason}, or set SITECLUSTER_SKIP_BROWSER=1 to skip the browser tests")
    thread = BrowserThread()
    yield thread
    thread.close()


@pytest.fixture
def site_url(live_server):
    """Build the cluster (visible to the live server thread) and return host, path -> URL."""
    build_two_site_cluster(articles_per_column=3)
    port = urlsplit(live_server.url).port
    return lambda host, path="/": f"http://{host}:{port}{path}"


@dataclass
class Visit:
    page: Page
    url: str  # as requested
    status: int
    redirected: bool
    stylesheet_statuses: list[int]


def open_page(context, url) -> Visit:
    page = context.new_page()
    stylesheets = []
    page.on("response", lambda r: stylesheets.append(r) if r.url.endswith(SITE_CSS) else None)
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    redirected = response.request.redirected_from is not None
    return Visit(page, url, response.status, redirected, [r.status for r in stylesheets])


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def platform_fonts(page, selector):
    """The fonts Chromium actually drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


def check_loads_styled_with_name_in_header(visit: Visit, name: str):
    page = visit.page
    assert visit.status == 200, f"{visit.url}: HTTP {visit.status}"
    assert not visit.redirected and page.url == visit.url, f"{visit.url} went to {page.url}"
    assert page.title() == name
    brand = page.locator(".site-header .site-brand__name")
    assert brand.is_visible()
    assert brand.inner_text().strip() == name
    nav = page.get_by_role("navigation", name="栏目导航")
    assert nav.get_by_role("link", name="首页", exact=True).is_visible()
    if name != PORTAL_NAME:
        assert page.get_by_role("link", name=f"返回{PORTAL_NAME}").is_visible()

    assert visit.stylesheet_statuses == [200], f"{SITE_CSS}: {visit.stylesheet_statuses}"
    nav_colour = page.locator(".site-nav").evaluate("el => getComputedStyle(el).backgroundColor")
    assert nav_colour == BRAND_BLUE, f"the theme stylesheet is not applied (nav: {nav_colour})"


def check_chinese_laid_out_without_overflow(visit: Visit, name: str, width: int):
    page = visit.page
    # Drawn with a real CJK font: every glyph of the name comes from Noto Sans CJK (not tofu
    # from a font that lacks them). document.fonts.check() would also say true for a font
    # that is not installed at all, so ask the renderer what it used.
    fonts = platform_fonts(page, ".site-brand__name")
    assert fonts, "no font was used for the site name"
    missing = "no CJK font: run `scripts/system-deps.sh browser` (fonts-noto-cjk)"
    assert all(f["familyName"].startswith("Noto Sans CJK") for f in fonts), (missing, fonts)
    assert sum(f["glyphCount"] for f in fonts) == len(name), (missing, fonts)

    # Full-width glyphs: each CJK character advances about one em (plus letter spacing), and
    # the name and a panel heading sit on one line, not one character per line.
    for selector in (".site-brand__name", ".panel__title"):
        m = page.locator(selector).first.evaluate(MEASURE_TEXT)
        em = m["fontSize"] + m["letterSpacing"]
        for char, advance in zip(m["text"], m["advances"], strict=True):
            assert 0.9 * em <= advance <= 1.1 * em, (width, selector, char, advance, em)
        assert m["lines"] == 1, f"at {width}px {m['text']!r} wraps over {m['lines']} lines"

    # No sideways scrolling.
    sizes = page.evaluate(
        "() => ({html: document.documentElement.scrollWidth,"
        " body: document.body.scrollWidth, innerWidth})"
    )
    assert sizes["innerWidth"] == width, sizes
    assert max(sizes["html"], sizes["body"]) <= width, f"horizontal overflow: {sizes}"


def check_keyboard_reaches_skip_link_then_navigation(visit: Visit, label: str):
    page = visit.page
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == SKIP_LINK, f"the first Tab focused {focused!r}, not the skip link"
    box = page.get_by_role("link", name=SKIP_LINK).bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off-screen: {box}"
    screenshot(page, f"{label}-skip-link-focused")

    # Header controls before the navigation: logo, 长者模式, search scope, field and button.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('nav.site-nav')"):
            break
    else:
        pytest.fail("the column navigation is not reached within 9 Tab presses")
    assert page.evaluate("document.activeElement.textContent.trim()") == "首页"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused navigation link shows no focus outline"

    # Activating the skip link moves focus to the main content.
    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    assert page.evaluate("document.activeElement.id") == "main"


def check_page(browser: BrowserThread, url: str, label: str, name: str):
    """Everything a visitor notices on one address; runs on the browser thread."""
    with browser.context("desktop") as desktop_context, browser.context("mobile") as mobile_context:
        desktop = open_page(desktop_context, url)
        check_loads_styled_with_name_in_header(desktop, name)
        screenshot(desktop.page, f"{label}-desktop")
        check_chinese_laid_out_without_overflow(desktop, name, DESKTOP["viewport"]["width"])

        mobile = open_page(mobile_context, url)
        assert mobile.status == 200, f"{url} on a phone: HTTP {mobile.status}"
        screenshot(mobile.page, f"{label}-mobile")
        check_chinese_laid_out_without_overflow(mobile, name, MOBILE["viewport"]["width"])

        check_keyboard_reaches_skip_link_then_navigation(desktop, label)


@pytest.mark.parametrize(("label", "host", "path", "name"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_laid_out_in_the_browser(browser, site_url, label, host, path, name):
    # One cluster build per address (the build dominates the run time), all checks on it.
    browser.run(check_page, browser, site_url(host, path), label, name)
