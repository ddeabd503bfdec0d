"""How often each kind of column is expected to be updated (更新时限).

Defaults follow the inspection practice of 国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标)
and the annual website report (网站工作年度报表): news and work updates (要闻动态/工作动态)
within 2 weeks; notices (通知公告) monthly; policy documents and interpretations (政策文件,
政策解读) quarterly. The inspection's own failure thresholds (6 months for 通知公告/政策文件)
are the outer limit; the office assesses departments against these stricter working targets.
Single pages, profiles, catalogues, services and interaction columns are not assessed (their
content is not a stream of items). ``SITECLUSTER_COLUMN_UPDATE_DAYS`` (a Django setting,
``{column_type: days}``) overrides a default; ``None`` removes a kind from the assessment.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from content_models.columns.models import ColumnType

DEFAULT_UPDATE_DAYS: dict[str, int | None] = {
    ColumnType.DYNAMIC: 14,
    ColumnType.NOTICE: 30,
    ColumnType.POLICY: 90,
    ColumnType.INTERPRETATION: 90,
}


def update_interval(column_type: str) -> dt.timedelta | None:
    days = {**DEFAULT_UPDATE_DAYS, **getattr(settings, "SITECLUSTER_COLUMN_UPDATE_DAYS", {})}
    value = days.get(column_type)
    return dt.timedelta(days=value) if value else None
