"""Sharing between sites: 报送, 引用, 分发 and 汇总."""

from .offers import Distribution, OfferStatus, ShareOffer
from .pages import AggregateColumnPage, AggregateSource, ReferencePage

__all__ = [
    "AggregateColumnPage",
    "AggregateSource",
    "Distribution",
    "OfferStatus",
    "ReferencePage",
    "ShareOffer",
]
