"""Admin benchmark: 100 sites, a user with roles on 10 of them, the admin views they use most.

``python -m bench.admin`` (``make bench-admin``) runs :mod:`bench.admin.scenario` once per
database in a child process and prints the figures side by side. See bench/README.md.
"""
