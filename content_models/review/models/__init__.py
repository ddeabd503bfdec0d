from .tasks import (
    BlockedContent,
    ChecklistIncomplete,
    ConfidentialityReviewTask,
    ConfidentialityReviewTaskState,
)
from .words import SensitiveWord, WordCategory, WordLevel

__all__ = [
    "BlockedContent",
    "ChecklistIncomplete",
    "ConfidentialityReviewTask",
    "ConfidentialityReviewTaskState",
    "SensitiveWord",
    "WordCategory",
    "WordLevel",
]
