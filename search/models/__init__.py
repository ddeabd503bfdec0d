from .analytics import ClickLog, QueryLog
from .curation import BestBet, Synonym
from .documents import PendingPush, SearchDocument

__all__ = ["BestBet", "ClickLog", "PendingPush", "QueryLog", "SearchDocument", "Synonym"]
