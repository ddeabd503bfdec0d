"""Themes in headless Chromium: the same page in the three shipped themes looks clearly
different; 置灰 turns the whole page grey; 长者模式 gives large, well-spaced, high-contrast text in
every theme and is switched on and off with the header link alone.

Screenshots go to var/screenshots/themes-*.png (var/ is not in git). Runs like the smoke test
(Playwright on Debian's chromium, browser on a thread of its own).
"""

from __future__ import annotations

import io
from itertools import combinations

import pytest

from django.core.cache import cache

from sitecluster.tenancy.models import ClusterSite
from tests.browser.test_smoke import CHROMIUM, SCREENSHOTS, BrowserThread
from tests.cluster import FGW_HOST

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THEMES = ("default", "red", "contrast")

# Computed look of the header, the navigation, a focused link and the site name.
LOOK = """() => {
  const css = sel => getComputedStyle(document.querySelector(sel));
  const header = css('.site-header');
  return {
    headerColour: header.backgroundColor,
    headerImage: header.backgroundImage,
    navColour: css('.site-nav').backgroundColor,
    brandAlign: css('.site-brand').flexDirection,
    brandSize: parseFloat(css('.site-brand__name').fontSize),
    emblem: !!document.querySelector('.site-brand__emblem'),
    htmlClass: document.documentElement.className,
    filter: getComputedStyle(document.documentElement).filter,
    overflow: document.documentElement.scrollWidth - innerWidth,
  };
}"""

# Every visible text of the page: its font size, line height and contrast with the first
# opaque background behind it (WCAG relative luminance).
TEXT_METRICS = """() => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.data.trim() || !el) continue;
    if (el.closest('.visually-hidden, .skip-link, script, style')) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height || getComputedStyle(el).visibility === 'hidden') continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const lh = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight);
    const [a, b] = [lum(parse(s.color)), lum(background(el))].sort((x, y) => y - x);
    out.push({text: node.data.trim().slice(0, 20), tag: el.tagName, cls: el.className,
              size, lineHeight: lh / size, contrast: (a + 0.05) / (b + 0.05)});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed: run `scripts/system-deps.sh browser`")
    thread = BrowserThread()
    yield thread
    thread.close()


@pytest.fixture
def fgw_url(live_server):
    from urllib.parse import urlsplit

    from tests.cluster import build_two_site_cluster

    build_two_site_cluster(articles_per_column=3)
    port = urlsplit(live_server.url).port
    return f"http://{FGW_HOST}:{port}/"


def use_theme(name):
    ClusterSite.objects.update(theme=name, theme_variables={})
    cache.clear()


def set_mourning(on: bool):
    from themes.mourning import switch_mourning

    switch_mourning(on)


def visit(browser, url, name, viewport="desktop"):
    def run():
        with browser.context(viewport) as context:
            page = context.new_page()
            response = page.goto(url, wait_until="load")
            assert response.status == 200, f"{url}: HTTP {response.status}"
            look = page.evaluate(LOOK)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shot = page.screenshot(path=str(SCREENSHOTS / f"themes-{name}.png"))
            return look, shot

    return browser.run(run)


def header_pixel(shot: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(shot)).convert("RGB")
    return image.getpixel((image.width // 2, 60))  # inside the header, below the toolbar


def test_the_three_themes_look_clearly_different(browser, fgw_url):
    looks, shots = {}, {}
    for name in THEMES:
        use_theme(name)
        looks[name], shots[name] = visit(browser, fgw_url, name)
        assert f"theme-{name}" in looks[name]["htmlClass"]
        mobile, _shot = visit(browser, fgw_url, f"{name}-mobile", viewport="mobile")
        assert mobile["overflow"] <= 0, f"{name}: sideways scrolling on a phone"

    colours = {name: looks[name]["headerColour"] for name in THEMES}
    navs = {name: looks[name]["navColour"] for name in THEMES}
    pixels = {name: header_pixel(shots[name]) for name in THEMES}
    for a, b in combinations(THEMES, 2):
        assert navs[a] != navs[b], f"{a} and {b} share the navigation colour {navs[a]}"
        assert shots[a] != shots[b]
        distance = sum(abs(x - y) for x, y in zip(pixels[a], pixels[b], strict=True))
        assert distance > 60, f"{a} {pixels[a]} and {b} {pixels[b]} headers look alike"
    # Blue government, red with gold, plain black.
    r, g, b = pixels["default"]
    assert b > r + 40, f"default header is not blue: {pixels['default']}"
    r, g, b = pixels["red"]
    assert r > g + 60 and r > b + 60, f"red header is not red: {pixels['red']}"
    assert colours["contrast"] == "rgb(0, 0, 0)" and looks["contrast"]["headerImage"] == "none"
    # Different header layouts: centred and larger in red, text-only in contrast.
    assert looks["red"]["brandAlign"] == "column" and looks["default"]["brandAlign"] == "row"
    assert looks["red"]["brandSize"] > looks["default"]["brandSize"]
    assert looks["default"]["emblem"] and not looks["contrast"]["emblem"]


def test_mourning_turns_every_theme_grey(browser, fgw_url):
    set_mourning(True)
    for name in THEMES:
        use_theme(name)
        look, shot = visit(browser, fgw_url, f"{name}-mourning")
        assert "mourning" in look["htmlClass"]
        assert look["filter"] == "grayscale(1)", look["filter"]
        r, g, b = header_pixel(shot)
        assert max(r, g, b) - min(r, g, b) <= 3, f"{name} header is not grey: {(r, g, b)}"
    set_mourning(False)
    look, shot = visit(browser, fgw_url, "contrast-after-mourning")
    assert look["filter"] == "none"


def check_care_mode(browser, url, name):
    def run():
        with browser.context("desktop") as context:
            page = context.new_page()
            page.goto(url, wait_until="load")
            # The header link alone switches it (a plain link, no script needed).
            page.get_by_role("link", name="长者模式", exact=True).click()
            page.wait_for_load_state("load")
            assert page.url == url
            assert "care-mode" in page.evaluate("document.documentElement.className")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"themes-{name}-care.png"), full_page=True)
            metrics = page.evaluate(TEXT_METRICS)
            assert len(metrics) > 20
            small = [m for m in metrics if m["size"] < 24]
            assert not small, f"{name}: text under 18pt (24px): {small[:5]}"
            tight = [m for m in metrics if m["lineHeight"] < 1.3]
            assert not tight, f"{name}: line height under 1.3: {tight[:5]}"
            low = [m for m in metrics if m["contrast"] < 4.5]
            assert not low, f"{name}: contrast under 4.5:1: {low[:5]}"
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{name}: sideways scrolling in 长者模式"
            # Keyboard focus is clearly visible.
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            outline = page.evaluate(
                "(() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
            )
            assert outline[0] != "none" and outline[1] >= 3, outline
            # And back.
            page.get_by_role("link", name="退出长者模式").click()
            page.wait_for_load_state("load")
            assert "care-mode" not in page.evaluate("document.documentElement.className")

    browser.run(run)


@pytest.mark.parametrize("name", THEMES)
def test_care_mode_in_every_theme(browser, fgw_url, name):
    use_theme(name)
    check_care_mode(browser, fgw_url + "gzdt/", name)
