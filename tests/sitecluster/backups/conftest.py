import shutil
from pathlib import Path

import pytest

from sitecluster.backups.manifest import file_trees


@pytest.fixture
def backup_settings(settings, tmp_path):
    """Archives in a temporary folder; the private media folder removed afterwards."""
    settings.SITECLUSTER_BACKUPS = {
        "DIR": tmp_path / "backups",
        "HOUR": 2,
        "KEEP_DAILY": 3,
        "KEEP_WEEKLY": 2,
    }
    private = file_trees()["private"]
    existed = private.exists()
    yield settings.SITECLUSTER_BACKUPS
    if not existed:
        shutil.rmtree(private, ignore_errors=True)


def only_archive(folder: Path) -> Path:
    found = sorted(folder.glob("sitecluster-*.tar.gz"))
    assert len(found) == 1, found
    return found[0]
