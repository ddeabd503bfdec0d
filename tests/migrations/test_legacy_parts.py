"""The importer's parts: charsets, the sanitizer, image validation, mappings, the HTTP crawler."""

from __future__ import annotations

import pytest

from migrations.legacy.assets import RejectedFile, validate_image
from migrations.legacy.cleaning import clean_body
from migrations.legacy.encoding import decode_html
from migrations.legacy.mapping import MappingError, load_mapping, parse_mapping
from migrations.legacy.sources import HttpSource

from .legacy_sites import _gif_1x1, _jpeg, _png_bomb, build_trs_site, serve_folder

TEXT = "河东区发展和改革委员会 王堃 朱镕基"  # 堃 and 镕 are GBK, not GB2312


@pytest.mark.parametrize(
    "data, content_type, expected",
    [
        (f'<meta charset="gb2312"><p>{TEXT}</p>'.encode("gbk"), None, "gb18030"),
        (f'<meta charset="utf-8"><p>{TEXT}</p>'.encode("gbk"), None, "gb18030"),  # mis-declared
        (f'<meta charset="gbk"><p>{TEXT}</p>'.encode(), None, "utf-8"),  # stale declaration
        (f"<p>{TEXT}</p>".encode("gb18030"), "text/html; charset=ISO-8859-1", "gb18030"),
        (f"<p>{TEXT}</p>".encode("utf-8-sig"), None, "utf-8-sig"),
    ],
)
def test_pages_decode_whatever_they_declare(data, content_type, expected):
    text, encoding = decode_html(data, content_type)
    assert TEXT in text and encoding == expected


class LinkAll:
    def link(self, href):
        return ("external", href)

    def image(self, src, alt):
        return None, "not in this test"


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p onclick="alert(1)" style="x:expression(alert(1))">x</p>',
    '<iframe src="http://evil.example/"></iframe>',
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<style>@import 'http://evil.example/x.css';</style>",
    '<div><p title="a" onmouseover="alert(1)">x<b onfocus=alert(1)>y</b></p>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_survives_the_sanitizer(payload):
    blocks, _ = clean_body(f"<p>正文</p>{payload}", LinkAll())
    html = "".join(value for kind, value in blocks if kind == "paragraph").lower()
    forbidden = ["<script", "javascript:", "vbscript:", "onerror", "onclick", "onload"]
    forbidden += ["<iframe", "<object", "<embed", "data:", "style=", "expression(", "<svg"]
    for bad in forbidden + ["@import"]:
        assert bad not in html, (payload, html)
    assert "正文" in html


def test_structure_is_kept_in_wagtail_rich_text_format():
    html = (
        "<h1>一、总体要求</h1><p><strong>加粗</strong><em>斜体</em><font color=red>红字</font></p>"
        "<ol><li>第一</li><li>第二</li></ol><ul><li>甲</li></ul><blockquote>引文</blockquote>"
        "<table><tr><th>项目</th><th>金额</th></tr><tr><td>一</td><td>2</td></tr></table>"
    )
    blocks, _ = clean_body(html, LinkAll())
    assert [kind for kind, _ in blocks] == ["paragraph", "table"]
    rich = blocks[0][1]
    assert rich == (
        "<h2>一、总体要求</h2><p><b>加粗</b><i>斜体</i>红字</p>"
        "<ol><li>第一</li><li>第二</li></ol><ul><li>甲</li></ul><blockquote>引文</blockquote>"
    )
    assert blocks[1][1]["data"] == [["项目", "金额"], ["一", "2"]]


def test_tracking_pixels_are_dropped_without_fetching():
    class NeverFetch(LinkAll):
        def image(self, src, alt):
            raise AssertionError(f"fetched {src}")

    body = (
        '<p>正文<img src="/stat/a.gif" width="1" height="1">'
        '<img src="http://hm.baidu.com/hm.gif?x=1">'
        '<img src="/c.gif" style="display:none" width=0></p>'
    )
    blocks, stats = clean_body(body, NeverFetch())
    assert stats.tracking_pixels == 3 and blocks == [("paragraph", "<p>正文</p>")]


def test_images_are_validated_before_wagtail_sees_them():
    assert validate_image(_jpeg((1, 2, 3))) == ("jpg", 40, 30)
    assert validate_image(_gif_1x1())[1:] == (1, 1)
    with pytest.raises(RejectedFile, match="解压炸弹"):
        validate_image(_png_bomb())
    with pytest.raises(RejectedFile, match="解压炸弹"):
        validate_image(_png_bomb(9000, 9000))  # under Pillow's own limit, over the cluster's
    with pytest.raises(RejectedFile, match="不是有效的图片"):
        validate_image(b"<html>not an image</html>")
    with pytest.raises(RejectedFile, match="不是有效的图片"):
        validate_image(_jpeg((1, 2, 3))[:200])  # truncated


@pytest.mark.parametrize(
    "data, message",
    [
        ("- just a list", "顶层必须是键值对"),
        ({"article_url_patterns": ["("], "selectors": {"body": "div"}}, "正则表达式"),
        ({"article_url_patterns": ["x"], "selectors": {"body": "div[["}}, "CSS 选择器"),
        ({"article_url_patterns": ["x"], "selectors": {}}, "selectors.body"),
        ({"article_url_patterns": ["x"], "selectors": {"body": "p"}, "colums": {}}, "colums"),
        (
            {"article_url_patterns": ["x"], "selectors": {"body": "p"}, "encoding": "big5"},
            "encoding",
        ),
    ],
)
def test_bad_mappings_are_explained(data, message):
    with pytest.raises(MappingError, match=message):
        parse_mapping(data)


def test_shipped_mappings_load():
    trs, hanweb = load_mapping("trs"), load_mapping("hanweb")
    assert trs.is_article_url("http://x.gov.cn/xwzx/gzdt/202001/t20200115_123456.html")
    assert hanweb.is_article_url("http://x.gov.cn/art/2020/1/15/art_123_456.html")
    assert not trs.is_article_url("http://x.gov.cn/xwzx/gzdt/index.html")
    assert trs.map_column("工作动态", "http://x/a.html") == ("gzdt", "name")
    assert hanweb.map_column("", "http://x/art/2020/1/15/art_1002_9.html") == ("tzgg", "url")


@pytest.fixture
def legacy_server(tmp_path):
    site = build_trs_site(tmp_path)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /xwzx/tzgg/\n")
    with serve_folder(site) as url:
        yield url


def test_the_crawler_is_polite_and_finds_the_articles(legacy_server):
    mapping = load_mapping("trs")
    http_options = dict(mapping.http, delay=0.01, concurrency=2)
    source = HttpSource(legacy_server, http_options, max_page_bytes=2 * 1024 * 1024)
    pages = list(source.iter_pages())
    urls = {page.url.removeprefix(legacy_server) for page in pages}
    assert "xwzx/gzdt/201207/t20120720_100001.html" in urls
    assert "xwzx/gzdt/201303/t20130305_100002.html" in urls  # found through a link
    disallowed = [page for page in pages if "/xwzx/tzgg/" in page.url]
    assert disallowed and all(p.error == "robots.txt 不允许抓取" and not p.data for p in disallowed)
    assert not any(url.startswith("http") for url in urls)  # same host only
    data = source.fetch(legacy_server + "xwzx/gzdt/201207/W020120720_1.jpg")
    assert validate_image(data)[0] == "jpg"
