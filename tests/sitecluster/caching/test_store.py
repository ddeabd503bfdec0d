"""The on-disk page store: atomic files nginx can read, stale renders refused, precise purges."""

from __future__ import annotations

import gzip
import stat
import time

import pytest

from sitecluster.caching.store import PageStore, page_folder


@pytest.fixture
def store(tmp_path):
    return PageStore(tmp_path / "pagecache")


def write(store, host, path, body=b"<p>page</p>", variant="index", since=None):
    return store.write(
        host, path, variant, body, {"Content-Type": "text/html"}, since or time.time_ns()
    )


def test_round_trip_with_gzip_copy_and_world_readable_files(store):
    stored = write(store, "fgw.test", "/gzdt/a/", "<p>通知</p>".encode())
    assert stored.html == store.root / "fgw.test" / "gzdt" / "a" / "index.html"
    assert stored.html.read_bytes() == "<p>通知</p>".encode()
    assert (
        gzip.decompress(stored.html.with_name("index.html.gz").read_bytes())
        == stored.html.read_bytes()
    )
    assert store.read("fgw.test", "/gzdt/a/").headers == {"Content-Type": "text/html"}
    for name in ("index.html", "index.html.gz", "index.json"):
        assert stat.S_IMODE((stored.html.parent / name).stat().st_mode) == 0o644
    assert not [p for p in stored.html.parent.iterdir() if p.name.startswith(".tmp-")]
    assert stored.etag == f'"{int(stored.mtime):x}-{stored.size:x}"'


def test_host_root_and_variants(store):
    write(store, "hedong.test", "/", b"home")
    write(store, "hedong.test", "/", b"care home", variant="care")
    assert store.read("hedong.test", "/").html.read_bytes() == b"home"
    assert store.read("hedong.test", "/", "care").html.read_bytes() == b"care home"
    assert store.read("HEDONG.test", "/") is not None
    assert store.read("hedong.test", "/x/") is None


@pytest.mark.parametrize(
    "path", ["/a", "a/", "/../a/", "/a/../b/", "//", "/a//b/", "/.purged/", "/a/\x00/", "/a\\b/"]
)
def test_paths_outside_the_store_are_refused(store, path):
    assert page_folder(path) is None
    assert write(store, "fgw.test", path) is None


def test_a_render_that_started_before_a_purge_is_not_stored(store):
    started = time.time_ns()
    store.touch_marker()
    assert write(store, "fgw.test", "/a/", since=started) is None
    assert store.read("fgw.test", "/a/") is None
    assert write(store, "fgw.test", "/a/") is not None


def test_purge_page_keeps_sub_pages(store):
    write(store, "fgw.test", "/gzdt/")
    write(store, "fgw.test", "/gzdt/", variant="care")
    write(store, "fgw.test", "/gzdt/a/")
    assert store.purge_page("fgw.test", "/gzdt/") == 2
    assert store.read("fgw.test", "/gzdt/") is None
    assert store.read("fgw.test", "/gzdt/", "care") is None
    assert store.read("fgw.test", "/gzdt/a/") is not None


def test_purge_tree_keeps_the_sites_mounted_inside(store):
    for path in ("/", "/gzdt/", "/bm/", "/bm/fgw/", "/bm/fgw/gzdt/x/", "/bm/jyj/"):
        write(store, "hedong.test", path)
    write(store, "fgw.test", "/")
    removed = store.purge_tree("hedong.test", "/", frozenset({"/bm/fgw/", "/bm/jyj/"}))
    assert removed == 3
    left = {
        p
        for p in ("/", "/gzdt/", "/bm/", "/bm/fgw/", "/bm/fgw/gzdt/x/", "/bm/jyj/")
        if store.read("hedong.test", p)
    }
    assert left == {"/bm/fgw/", "/bm/fgw/gzdt/x/", "/bm/jyj/"}
    assert store.read("fgw.test", "/") is not None
    assert store.purge_tree("hedong.test", "/bm/fgw/") == 2
    assert store.purge_all() == 2
    assert store.count() == 0


def test_holds_pages(store):
    assert not store.holds_pages()
    store.touch_marker()
    assert not store.holds_pages()
    write(store, "fgw.test", "/")
    assert store.holds_pages()
