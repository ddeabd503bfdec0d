"""Benchmarks: ``bench/serve.py`` (``make bench``) measures the public pages; see README.md."""
