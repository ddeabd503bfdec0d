"""Corrupt, truncated, partial or foreign backups are refused before anything is touched."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
import wagtail_factories

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from wagtail.images import get_image_model
from wagtail.models import Page

from content_models.articles.factories import ArticlePageFactory
from sitecluster.backups.archive import create_backup
from sitecluster.backups.manifest import file_trees
from sitecluster.backups.models import MaintenanceLogEntry, Operation, Outcome
from sitecluster.backups.restore import BackupRefused, restore_backup

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pristine(django_db_setup, django_db_blocker, tmp_path_factory):
    """One backup (with an image) made outside any test transaction, shared by the module."""
    folder = tmp_path_factory.mktemp("backups")
    with (
        django_db_blocker.unblock(),
        override_settings(
            SITECLUSTER_BACKUPS={"DIR": folder, "HOUR": 2, "KEEP_DAILY": 3, "KEEP_WEEKLY": 2}
        ),
    ):
        image = wagtail_factories.ImageFactory(title="备份前的图片")
        entry = create_backup(actor="admin")
        yield {"archive": folder / entry.archive, "image_name": image.file.name}
        image.delete()
        MaintenanceLogEntry.objects.all().delete()


@pytest.fixture
def state(pristine, backup_settings, tmp_path):
    """A copy of the backup, and content and media that a restore would replace."""
    archive = tmp_path / pristine["archive"].name
    shutil.copy(pristine["archive"], archive)
    root = Page.objects.get(depth=1)
    article = ArticlePageFactory(parent=root, title="备份之后写的文章", slug="after-backup")
    after = wagtail_factories.ImageFactory(title="备份之后上传的图片")
    image = get_image_model().objects.get(file=pristine["image_name"])
    return {"archive": archive, "image": image, "article": article, "after": after}


def repack(source: Path, target: Path, change) -> Path:
    """Copy an archive member by member; ``change(name, data)`` returns new data or None (drop)."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read() if member.isfile() else b""
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def assert_untouched(state):
    article = Page.objects.get(pk=state["article"].pk)
    assert article.title == "备份之后写的文章"
    assert Path(state["after"].file.path).exists()
    assert Path(state["image"].file.path).exists()
    media = file_trees()["media"]
    assert not list(media.parent.glob(f".{media.name}.restore-*")), "staging left behind"
    entry = MaintenanceLogEntry.objects.filter(operation=Operation.RESTORE).get()
    assert entry.outcome == Outcome.REFUSED and "未做任何更改" in entry.message


def refuse(archive: Path) -> BackupRefused:
    with pytest.raises(BackupRefused) as caught:
        restore_backup(archive, actor="admin")
    assert caught.value.chinese.startswith("备份无法恢复，未做任何更改")
    return caught.value


def test_flipped_byte_is_refused(state):
    archive = state["archive"]
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    refused = refuse(archive)
    assert "损坏" in refused.chinese
    assert_untouched(state)


def test_truncated_archive_is_refused(state):
    archive = state["archive"]
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "损坏或不完整" in refuse(archive).chinese
    assert_untouched(state)


def test_partial_backup_missing_a_file_is_refused(state, tmp_path):
    image_name = "media/" + state["image"].file.name
    partial = repack(
        state["archive"], tmp_path / "partial.tar.gz", lambda n, d: None if n == image_name else d
    )
    refused = refuse(partial)
    assert "缺少 1 个文件" in refused.chinese and image_name in refused.chinese
    assert "missing" in refused.english
    assert_untouched(state)


def test_changed_file_content_fails_its_checksum(state, tmp_path):
    image_name = "media/" + state["image"].file.name
    changed = repack(
        state["archive"],
        tmp_path / "changed.tar.gz",
        lambda n, d: d[:-1] + bytes([d[-1] ^ 1]) if n == image_name else d,
    )
    assert "校验和不符" in refuse(changed).chinese
    assert_untouched(state)


def edit_manifest(state, tmp_path, edit) -> Path:
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return repack(state["archive"], tmp_path / "edited.tar.gz", change)


def test_backup_from_another_database_vendor_is_refused(state, tmp_path):
    def other_vendor(manifest):
        manifest["database"]["vendor"] = "mysql"

    refused = refuse(edit_manifest(state, tmp_path, other_vendor))
    assert "mysql" in refused.chinese
    assert_untouched(state)


def test_backup_from_newer_code_is_refused(state, tmp_path):
    def newer(manifest):
        manifest["migrations"]["wagtailcore"].append("9999_from_the_future")

    refused = refuse(edit_manifest(state, tmp_path, newer))
    assert "更新版本" in refused.chinese and "wagtailcore.9999_from_the_future" in refused.chinese
    assert_untouched(state)


def test_malformed_manifest_is_refused(state, tmp_path):
    def malformed(manifest):
        del manifest["files"]

    assert "清单格式不正确" in refuse(edit_manifest(state, tmp_path, malformed)).chinese
    assert_untouched(state)


def test_command_explains_in_chinese_and_english(state):
    archive = state["archive"]
    archive.write_bytes(archive.read_bytes()[:1000])
    with pytest.raises(CommandError) as caught:
        call_command("cluster", "restore", str(archive), "--yes", stdout=io.StringIO())
    assert "备份无法恢复，未做任何更改" in str(caught.value)
    assert "Archive unreadable" in str(caught.value)
    assert_untouched(state)


def test_restore_needs_confirmation(state):
    with pytest.raises(CommandError, match="--yes"):
        call_command("cluster", "restore", str(state["archive"]), stdout=io.StringIO())
    assert Page.objects.filter(pk=state["article"].pk).exists()
