"""Two legacy government sites, written to a folder the way wget --mirror saves them.

Built from a compact source (``tests/fixtures/legacy/articles.jsonl``: real 新闻联播 items
with their original page HTML) wrapped in the page templates of two common legacy CMSs:

- TRS WCM (``www.old-fgw.gov.cn``): GB2312/GBK pages (one declares UTF-8 but is GBK), no meta
  tags on old pages, dates in the page, attachments beside the page;
- Hanweb JCMS (``www.old-jyj.gov.cn``): UTF-8 pages (one GB18030) with the standard meta tags.

Both contain what real migrations meet: broken HTML, a page without a date, the same attachment
linked twice and the same file at two URLs, XSS payloads in bodies and attributes, a
decompression bomb, a non-image with an image name, tracking pixels, an oversized page, an
unmapped column and pages that are not articles.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import struct
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"
TRS_BASE = "http://www.old-fgw.gov.cn/"
HANWEB_BASE = "http://www.old-jyj.gov.cn/"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

XSS_BODY = """
<script>alert('xss')</script><style>body{display:none}</style>
<p onclick="alert(1)" style="color:red" onmouseover="steal()">点击此处<a href="javascript:alert(document.cookie)">查看详情</a>。</p>
<p><a href=" JaVaScRiPt:alert(1)">大小写混合</a> <a href="data:text/html;base64,PHNjcmlwdD4=">数据链接</a></p>
<iframe src="http://evil.example/"></iframe><object data="/x.swf"><embed src="/x.swf"></object>
<div style="background:url(javascript:alert(1))">带样式的段落</div>
<svg onload="alert(1)"><script>alert(2)</script></svg>
<form action="http://evil.example/"><input name="q"><button>提交</button></form>
<img src="../../images/none.jpg" onerror="alert('img')">
"""  # noqa: E501


def _articles() -> list[dict]:
    lines = (FIXTURES / "articles.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def _gif_1x1() -> bytes:
    out = io.BytesIO()
    Image.new("L", (1, 1), 255).save(out, "GIF")
    return out.getvalue()


def _png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header claims 900 million pixels (the data is a few bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _write(root: Path, relative: str, data: bytes | str, encoding: str = "utf-8"):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


# -- TRS WCM ------------------------------------------------------------------------------------
TRS_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
{meta}<title>{title}_河东区发展和改革委员会</title>
<script type="text/javascript" src="/js/jquery.js"></script>
</head><body>
<div class="top"><a href="../../../index.html">首页</a></div>
<div class="position">当前位置：<a href="../../../index.html">首页</a> &gt; <a href="../../">新闻中心</a> &gt; <a href="../">{column}</a></div>
<div class="article">
  <div class="title"><h1>{title}</h1></div>
  <div class="article-info"><span class="time">{date}</span> <span class="source">来源：{source}</span></div>
  <div class="TRS_Editor">{body}</div>
  {attachments}
  <div class="share">分享到：<a href="javascript:share('weibo')">微博</a></div>
</div>
<img src="http://www.old-fgw.gov.cn/stat/pixel.gif?id=1" width="1" height="1">
</body></html>"""  # noqa: E501


def build_trs_site(root: Path) -> Path:
    """www.old-fgw.gov.cn as saved by wget: returns the mirror folder."""
    site = root / "www.old-fgw.gov.cn"
    rows = _articles()
    # (path, column name, row, date shown, extra body, attachments, charset, meta tags)
    pages = [
        (
            "xwzx/gzdt/201207/t20120720_100001.html",
            "工作动态",
            0,
            "2012-07-20 19:25",
            "link+image+table",
            "pdf",
            "gb2312",
            False,
        ),
        (
            "xwzx/gzdt/201303/t20130305_100002.html",
            "工作动态",
            1,
            "发布时间：2013年03月05日",
            "back+pixel",
            "pdf+copy",
            "gbk",
            False,
        ),
        ("xwzx/gzdt/201310/t20131013_100003.html", "工作动态", 2, "", "xss", "", "gb2312", True),
        (
            "xwzx/tzgg/201401/t20140115_100004.html",
            "通知公告",
            3,
            "2014-01-15",
            "bomb+fake+dot+external",
            "bad",
            "utf-8(mis)",
            False,
        ),
        (
            "xwzx/tzgg/201402/t20140210_100005.html",
            "通知公告",
            4,
            "",
            "broken",
            "",
            "gb2312",
            False,
        ),
        (
            "ztzl/hdzt/201405/t20140501_100006.html",
            "专题专栏",
            5,
            "2014-05-01",
            "",
            "",
            "gb2312",
            False,
        ),
    ]
    for path, column, index, date, extra, attach, charset, meta in pages:
        row = rows[index]
        body = row["body_html"]
        if index == 0:
            body += "<p>（责任编辑：王堃）</p>"
        if "link" in extra:
            body += (
                '<p>相关阅读：<a href="../201303/t20130305_100002.html">上一条动态</a>、'
                '<a href="http://www.gov.cn/zhengce/">中国政府网</a>、'
                '<a href="../../../index.html">返回首页</a></p>'
            )
        if "back" in extra:
            body += '<p>另见<a href="/xwzx/gzdt/201207/t20120720_100001.html">首条动态</a>。</p>'
        if "image" in extra:
            body += (
                '<p style="text-align:center"><img src="./W020120720_1.jpg" alt="会议现场"'
                ' title="会议现场图片" /></p>'
            )
        if "table" in extra:
            body += (
                "<table border=1><tr><th>项目</th><th>投资（万元）</th></tr>"
                "<tr><td>道路改造</td><td>1200</td></tr>"
                '<tr><td colspan="2">合计：1200</td></tr></table>'
            )
        if "pixel" in extra:
            body += '<p><img src="../201207/W020120720_1.jpg" alt="会议现场" />同图再用</p>'
            body += '<img src="/images/spacer.gif" width="1" height="1">'
        if "xss" in extra:
            body += XSS_BODY
        if "bomb" in extra:
            body += '<p><img src="/images/bomb.png" alt="炸弹"></p>'
            body += '<p><img src="/images/fake.jpg" alt="假图片"></p>'
            body += (
                '<p><img src="/images/dot.gif"></p><p><img src="http://cdn.example.com/x.jpg"></p>'
            )
        if "broken" in extra:
            body = (
                body.replace("</p>", "")
                + "<div><p>未闭合的段落<b>粗体<table><tr><td>甲<td>乙</table>"
            )
        attachments = ""
        if attach:
            links = {
                "pdf": '<a href="./P020120720_1.pdf">项目清单.pdf</a>',
                "pdf+copy": '<a href="../201207/P020120720_1.pdf">项目清单.pdf</a> '
                '<a href="/uploads/copy-of-list.pdf">项目清单（副本）.pdf</a>',
                "bad": '<a href="./setup.exe">安装程序</a> '
                '<a href="./missing.pdf">缺失文件.pdf</a> <a href="./error.doc">错误页.doc</a>',
            }[attach]
            attachments = f'<div class="fj">附件：{links}</div>'
        metas = ""
        if meta:
            metas = (
                f'<meta name="ArticleTitle" content="{row["title"]}'
                '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">\n'
                f'<meta name="PubDate" content="{row["date"]}">\n'
                '<meta name="ContentSource" content="区发改委办公室">\n'
                f'<meta name="ColumnName" content="{column}">\n'
            )
        declared = "utf-8" if charset == "utf-8(mis)" else charset
        encoding = "gbk" if charset in ("gbk", "utf-8(mis)", "gb2312") else charset
        html = TRS_PAGE.format(
            charset=declared,
            meta=metas,
            title=row["title"],
            column=column,
            date=date,
            source=row["source"] or "本站",
            body=body.replace("\xa0", "&nbsp;"),
            attachments=attachments,
        )
        _write(site, path, html, encoding)
    _write(site, "xwzx/gzdt/201207/W020120720_1.jpg", _jpeg((200, 30, 30)))
    _write(site, "xwzx/gzdt/201207/P020120720_1.pdf", PDF)
    _write(site, "uploads/copy-of-list.pdf", PDF)
    _write(
        site, "xwzx/tzgg/201401/error.doc", "<!DOCTYPE html><html><body>404 Not Found</body></html>"
    )
    _write(site, "xwzx/tzgg/201401/setup.exe", b"MZ\x90\x00")
    _write(site, "images/bomb.png", _png_bomb())
    _write(site, "images/fake.jpg", "<html><body>这不是图片</body></html>")
    _write(site, "images/dot.gif", _gif_1x1())
    _write(site, "images/spacer.gif", _gif_1x1())
    # Not articles: the home page and a list page.
    _write(site, "index.html", '<html><body><a href="xwzx/gzdt/">工作动态</a></body></html>', "gbk")
    listing = "".join(f'<li><a href="/{p[0]}">{rows[p[2]]["title"]}</a></li>' for p in pages)
    _write(site, "xwzx/gzdt/index.html", f"<html><body><ul>{listing}</ul></body></html>")
    # An oversized page (over the mapping's 2 MB limit).
    big = TRS_PAGE.format(
        charset="utf-8", meta="", title="超大页面", column="工作动态", date="2020-01-15",
        source="本站", body="<p>" + "很长的内容。" * 120_000 + "</p>", attachments="",
    )  # fmt: skip
    _write(site, "xwzx/gzdt/202001/t20200115_199999.html", big)
    return site


# -- Hanweb JCMS --------------------------------------------------------------------------------
HANWEB_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<meta name="SiteName" content="河东区教育局"><meta name="ColumnName" content="{column}">
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{date}">
<meta name="ContentSource" content="{source}">
<title>{title}</title></head><body>
<table class="bt_link_box"><tr><td><a class="bt_link" href="/index.html">首页</a> &gt; <a class="bt_link" href="/col/col{col}/index.html">{column}</a></td></tr></table>
<table width="100%" id="article">
<tr><td class="title">{title}</td></tr>
<tr><td class="info">发布日期：{date_shown} 来源：{source} 作者：{author}</td></tr>
<tr><td><div id="zoom">{body}</div></td></tr>
<tr><td><div id="fj">{attachments}</div></td></tr>
</table>
<div class="bt_fx"><a href="javascript:window.print()">打印本页</a></div>
</body></html>"""  # noqa: E501


def build_hanweb_site(root: Path) -> Path:
    site = root / "www.old-jyj.gov.cn"
    rows = _articles()
    download = "/module/download/downfile.jsp?classid=0&filename=notice.pdf"
    pages = [
        # (col id, article id, column, row, dated, charset, extra)
        (1001, 3001, "教育动态", 6, True, "utf-8", "link"),
        (1001, 3002, "教育动态", 7, True, "gb18030", "attach"),
        (1002, 3003, "通知公告", 8, False, "utf-8", "attach+xss"),
        (1003, 3004, "政策文件", 9, True, "utf-8", "notitle"),
        (9999, 3005, "专题活动", 10, True, "utf-8", ""),
    ]

    def article_path(col, art, index):
        year, month, day = (int(part) for part in rows[index]["date"][:10].split("-"))
        return f"art/{year}/{month}/{day}/art_{col}_{art}.html"

    for col, art, column, index, dated, charset, extra in pages:
        row = rows[index]
        path = article_path(col, art, index)
        body = row["body_html"]
        if "link" in extra:  # to the notice, imported after this page
            body += f'<p>详见<a href="/{article_path(1002, 3003, 8)}">通知</a>。</p>'
        if "xss" in extra:
            body += XSS_BODY.replace("../../images/none.jpg", "/picture/0/none.jpg")
        attachments = ""
        if "attach" in extra:
            attachments = f'<a href="{download}">报名通知.pdf</a>'
        title = "" if "notitle" in extra else row["title"]
        html = HANWEB_PAGE.format(
            charset=charset,
            column=column,
            col=col,
            title=title,
            date=row["date"] if dated else "",
            date_shown=row["date"][:10] if dated else "",
            source=row["source"] or "本站",
            author="李明",
            body=body,
            attachments=attachments,
        )
        _write(site, path, html, "gb18030" if charset == "gb18030" else "utf-8")
    _write(site, download.lstrip("/"), PDF + b"% notice\n")
    _write(site, "index.html", "<html><body>首页</body></html>")
    _write(site, "col/col1001/index.html", "<html><body>教育动态列表</body></html>")
    return site


@contextmanager
def serve_folder(folder: Path):
    """The mirror served over HTTP on a free local port (a thread); yields its root URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
