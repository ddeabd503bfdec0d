"""Legacy-content import tooling (not Django schema migrations).

Each importer lives in its own subpackage (``migrations.legacy`` for whole legacy websites);
the management commands are in ``migrations.management.commands``. The package is also the
``legacy_migrations`` Django app, which holds the import records.
"""
