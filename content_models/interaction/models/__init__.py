"""互动交流: mailboxes and their letters, published letters, consultations on drafts."""

from .consultations import (
    Adoption,
    CommentState,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
)
from .letters import (
    OPEN_STATES,
    EventKind,
    Letter,
    LetterAttachment,
    LetterEvent,
    LetterType,
    State,
)
from .mailboxes import LetterListPage, MailboxKind, MailboxPage, site_home_of

__all__ = [
    "OPEN_STATES",
    "Adoption",
    "CommentState",
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "EventKind",
    "Letter",
    "LetterAttachment",
    "LetterEvent",
    "LetterListPage",
    "LetterType",
    "MailboxKind",
    "MailboxPage",
    "State",
    "site_home_of",
]
