"""Building sites from blueprints (站点模板): provisioning, rollout, archive and locked columns.

Names are imported lazily so that this package can also be the ``provisioning`` Django app
(its models load only once Django's app registry is ready).
"""

from importlib import import_module

_EXPORTS = {
    "Blueprint": ".blueprints",
    "BlueprintError": ".blueprints",
    "ColumnSpec": ".blueprints",
    "get_blueprint": ".blueprints",
    "load_blueprint": ".blueprints",
    "parse_blueprint": ".blueprints",
    "register_page_type": ".page_types",
    "ensure_columns": ".columns",
    "site_columns": ".columns",
    "provision_site": ".provision",
    "archive_site": ".lifecycle",
    "restore_site": ".lifecycle",
    "delete_site": ".lifecycle",
    "site_is_empty": ".lifecycle",
    "plan_rollout": ".rollout",
    "apply_rollout": ".rollout",
    "is_locked_column": ".locks",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value
