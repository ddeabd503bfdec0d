"""Static files of every discovered theme (``<theme>/static/``); no STATICFILES_DIRS entry."""

from django.contrib.staticfiles.finders import BaseFinder, FileSystemFinder
from django.core.files.storage import FileSystemStorage

from .registry import registry


class ThemeStaticFinder(FileSystemFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        self.locations = []
        self.storages = {}
        for theme in registry.all():
            root = str(theme.static_dir)
            if theme.static_dir.is_dir() and ("", root) not in self.locations:
                self.locations.append(("", root))
                storage = FileSystemStorage(location=root)
                storage.prefix = ""
                self.storages[root] = storage
        BaseFinder.__init__(self, *args, **kwargs)

    def check(self, **kwargs):
        return []  # theme problems are reported by the themes.* checks
