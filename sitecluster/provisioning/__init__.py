"""Building sites from blueprints (站点模板): the standard column tree of product.md §3."""

from .blueprints import Blueprint, ColumnSpec, load_blueprint
from .columns import ensure_columns

__all__ = ["Blueprint", "ColumnSpec", "ensure_columns", "load_blueprint"]
