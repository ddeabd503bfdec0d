"""Government information disclosure (政府信息公开): documents, 索引号, catalogues."""

from .catalogues import DisclosureBodyDirectoryPage, DisclosureCataloguePage, DisclosureContentPage
from .documents import DisclosureDocumentPage, InterpretationLink, organisation_for_path
from .index_numbers import (
    IndexNumberCounter,
    IndexNumberError,
    IssuedIndexNumber,
    allocate_index_number,
    record_index_number,
)

__all__ = [
    "DisclosureBodyDirectoryPage",
    "DisclosureCataloguePage",
    "DisclosureContentPage",
    "DisclosureDocumentPage",
    "IndexNumberCounter",
    "IndexNumberError",
    "InterpretationLink",
    "IssuedIndexNumber",
    "allocate_index_number",
    "organisation_for_path",
    "record_index_number",
]
