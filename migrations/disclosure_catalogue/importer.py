"""All-or-nothing import of catalogue rows as published DisclosureDocumentPages.

The run happens in one transaction. Each row is created in a savepoint so that every bad row
is reported (with its row number, in Chinese) — and when any row is bad, or on a dry run, the
whole transaction is rolled back: nothing half-imported remains. Rows already imported (same
import key) are skipped, so a corrected file can simply be run again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from wagtail.models import Page

from content_models.disclosure.models import (
    DisclosureDocumentPage,
    IndexNumberError,
    IssuedIndexNumber,
    organisation_for_path,
    record_index_number,
)
from content_models.organisations.models import Organisation

from . import values
from .values import CellError

STATUS_LABELS = {"created": "新增", "skipped": "跳过", "error": "错误"}
# When the run is rolled back (dry run, or another row is bad) a good row was not written.
UNCOMMITTED_LABELS = {**STATUS_LABELS, "created": "可导入"}


@dataclass
class RowResult:
    row: int
    status: str  # created / skipped / error
    title: str = ""
    message: str = ""
    index_number: str = ""

    def line(self, committed: bool = True) -> str:
        detail = self.message or (f"索引号 {self.index_number}" if self.index_number else "")
        label = (STATUS_LABELS if committed else UNCOMMITTED_LABELS)[self.status]
        return f"第 {self.row} 行  {label}  {self.title}  {detail}".rstrip()


@dataclass
class ImportResult:
    source: str
    target: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    @property
    def committed(self) -> bool:
        return self.ok and not self.dry_run

    def lines(self) -> list[str]:
        mode = "（试运行，未写入）" if self.dry_run else ""
        out = [f"政府信息公开目录导入{mode}：{self.source} → {self.target}"]
        if self.ignored_headers:
            out.append(f"未使用的列：{'、'.join(self.ignored_headers)}")
        out += [row.line(self.committed) for row in sorted(self.rows, key=lambda r: r.row)]
        if not self.ok:
            verdict = "存在错误，全部未导入；请修改后重新导入。"
        elif self.dry_run:
            verdict = "检查通过；去掉 --dry-run 即可正式导入。"
        else:
            verdict = "已全部导入。"
        out.append(
            f"合计：读取 {len(self.rows)} 行，{'新增' if self.committed else '可导入'} "
            f"{self.count('created')}，"
            f"跳过 {self.count('skipped')}，错误 {self.count('error')}。{verdict}"
        )
        return out


def _sentence(message: str) -> str:
    return message.rstrip("。") + "。"


def _labels() -> dict[str, str]:
    return {
        f.name: str(f.verbose_name)
        for f in DisclosureDocumentPage._meta.get_fields()
        if hasattr(f, "verbose_name")
    }


def _message(exc: ValidationError) -> str:
    labels = _labels()
    if hasattr(exc, "error_dict"):
        parts = []
        for name, messages in exc.message_dict.items():
            label = labels.get(name, "")
            for message in messages:
                parts.append(f"{label}：{message}" if label and label not in message else message)
    else:
        parts = exc.messages
    return "；".join(part.rstrip("。") for part in parts) + "。"


def import_key(record: dict[str, str], organisation: Organisation) -> str:
    if record.get("index_number"):
        return f"catalogue:{record['index_number']}"
    basis = "|".join(
        [
            str(organisation.pk),
            record.get("doc_number", ""),
            record["title"],
            record["publish_date"],
        ]
    )
    return "catalogue:" + hashlib.sha1(basis.encode(), usedforsecurity=False).hexdigest()[:20]


class CatalogueImporter:
    def __init__(self, parent: Page, *, dry_run: bool = False, user=None, progress=None):
        self.parent = parent
        self.dry_run = dry_run
        self.user = user
        self.progress = progress  # callable(done, total) for long files
        self.default_organisation = organisation_for_path(parent.path)
        self._organisations = {}
        for organisation in Organisation.objects.all():
            self._organisations[organisation.name] = organisation
            if organisation.short_name:
                self._organisations.setdefault(organisation.short_name, organisation)

    def run(self, records, *, source: str = "", ignored_headers=()) -> ImportResult:
        result = ImportResult(
            source=source,
            target=f"{self.default_organisation or ''} {self.parent.title}".strip(),
            dry_run=self.dry_run,
            ignored_headers=list(ignored_headers),
        )
        with transaction.atomic():
            created = []
            for done, (row, record) in enumerate(records, 1):
                outcome, page = self._create(row, record)
                result.rows.append(outcome)
                if page is not None:
                    created.append((outcome, record, page))
                if self.progress:
                    self.progress(done, len(records))
            for outcome, record, page in created:
                self._apply_validity(outcome, record, page)
            if not result.ok or self.dry_run:
                transaction.set_rollback(True)
        return result

    # -- one row ------------------------------------------------------------------------------
    def _organisation(self, record):
        name = record.get("organisation", "").strip()
        if not name:
            if self.default_organisation is None:
                raise CellError("发布机构为空，且目标栏目不属于任何站点")
            return self.default_organisation
        if name not in self._organisations:
            raise CellError(f"发布机构“{name}”不存在，请先在“机构”中添加")
        return self._organisations[name]

    def _create(self, row: int, record: dict[str, str]):
        title = record.get("title", "").strip()
        outcome = RowResult(row=row, status="error", title=title)
        try:
            with transaction.atomic():
                if not title:
                    raise CellError("标题不能为空")
                organisation = self._organisation(record)
                key = import_key(record, organisation)
                existing = DisclosureDocumentPage.objects.filter(import_key=key).first()
                if existing is not None:
                    outcome.status, outcome.message = "skipped", "此前已导入"
                    outcome.index_number = existing.index_number or ""
                    return outcome, None
                page = self._build(record, organisation, key)
                parent = Page.objects.get(pk=self.parent.pk)  # fresh tree state after rollbacks
                number = record.get("index_number", "").strip()
                if number:
                    if (
                        IssuedIndexNumber.objects.filter(number=number).exists()
                        or DisclosureDocumentPage.objects.filter(index_number=number).exists()
                    ):
                        raise CellError(f"索引号“{number}”已被使用")
                    page.index_number = number
                parent.add_child(instance=page)
                if number:
                    record_index_number(organisation, number, page.index_year(), page.pk)
                revision = page.save_revision(user=self.user, log_action=False)
                revision.publish(user=self.user, log_action=False, skip_permission_checks=True)
                page.refresh_from_db()
        except CellError as exc:
            outcome.message = _sentence(str(exc))
            return outcome, None
        except ValidationError as exc:
            outcome.message = _message(exc)
            return outcome, None
        except IndexNumberError:
            outcome.message = f"索引号“{record.get('index_number', '')}”已被使用"
            return outcome, None
        outcome.status = "created"
        outcome.index_number = page.index_number or ""
        return outcome, page

    def _build(self, record, organisation, key) -> DisclosureDocumentPage:
        title = record["title"].strip()
        publish_at = values.parse_datetime(record.get("publish_date", ""), "发布日期")
        if publish_at is None:
            raise CellError("发布日期不能为空")
        body = record.get("body", "").strip()
        values.validity(record.get("validity", ""))  # reported now; applied after every row exists
        return DisclosureDocumentPage(
            title=title,
            slug="doc-" + key.removeprefix("catalogue:").replace("/", "-").lower()[:40],
            import_key=key,
            organisation=organisation,
            summary=record.get("summary", ""),
            doc_number=record.get("doc_number", ""),
            written_date=values.parse_date(record.get("written_date", ""), "成文日期"),
            publish_at=publish_at,
            first_published_at=publish_at,
            topic=record.get("topic", ""),
            doc_type=values.doc_type(record.get("doc_type", ""), title),
            keywords=record.get("keywords", ""),
            disclosure_mode=values.disclosure_mode(record.get("disclosure_mode", "")),
            disclosure_scope=record.get("disclosure_scope", "") or "面向社会",
            info_category=values.info_category(record.get("info_category", "")),
            legal_class=values.legal_class(record.get("legal_class", "")),
            body=[("paragraph", "".join(f"<p>{p}</p>" for p in body.splitlines() if p.strip()))]
            if body
            else [],
        )

    def _apply_validity(self, outcome: RowResult, record, page) -> None:
        """有效性 other than 有效 is applied as a transition once every row exists."""
        try:
            validity = values.validity(record.get("validity", ""))
            if validity == "effective":
                return
            with transaction.atomic():
                page.validity = validity
                page.validity_changed_on = values.parse_date(
                    record.get("validity_changed_on", ""), "修订或废止日期"
                )
                reference = record.get("replaced_by", "").strip()
                if reference:
                    page.replaced_by = self._find(reference)
                page.save_revision(user=self.user, log_action=False).publish(
                    user=self.user, log_action=False, skip_permission_checks=True
                )
        except CellError as exc:
            outcome.status, outcome.message = "error", _sentence(str(exc))
        except ValidationError as exc:
            outcome.status, outcome.message = "error", _message(exc)

    def _find(self, reference: str) -> DisclosureDocumentPage:
        matches = list(
            DisclosureDocumentPage.objects.filter(
                Q(index_number=reference) | Q(doc_number=reference)
            )[:2]
        )
        if len(matches) != 1:
            raise CellError(f"替代文件“{reference}”未找到（请填写其索引号或发文字号）")
        return matches[0]
