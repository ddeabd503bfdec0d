"""The sensitive-word check in every page edit form, on submission and publication.

Saving a draft is never blocked. Submitting to the workflow, publishing, restarting the
workflow or approving from the editor checks the submitted texts: blocking words stop it with
an error naming each hit and where it is; warning words stop it until the editor ticks the
confirmation box that then appears at the bottom of the form.

Installed on every page type's ``base_form_class`` at startup (the page types live in other
apps and all use Wagtail's default page form).
"""

from __future__ import annotations

import logging

from django import forms

from .checking import check_texts
from .content import cleaned_texts
from .forms import WarningConfirmWidget

logger = logging.getLogger(__name__)

CONFIRM_FIELD = "review_confirm_warnings"
CHECKED_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")


def checked_action(data) -> str | None:
    """Which submitted action needs the check (None: e.g. saving a draft)."""
    for name in CHECKED_ACTIONS:
        if data.get(name):
            return name
    if data.get("action-workflow-action") and data.get("workflow-action-name") == "approve":
        return "approve"
    return None


class SensitiveWordCheckMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONFIRM_FIELD] = forms.BooleanField(
            label="我已核对上述提醒词，确认继续", required=False, widget=WarningConfirmWidget()
        )

    def clean(self):
        cleaned_data = super().clean()
        action = checked_action(self.data)
        if action is None:
            return cleaned_data
        report = check_texts(cleaned_texts(self._meta.model, cleaned_data))
        if report.blocking:
            logger.info(
                "Blocked %s of %r: %d blocking words", action, self.instance, len(report.blocking)
            )
            for hit in report.blocking:
                self.add_error(None, f"含禁用词，不能提交或发布：{hit.describe()}")
        if report.warnings and not cleaned_data.get(CONFIRM_FIELD):
            self.fields[CONFIRM_FIELD].widget.hits = report.warnings
            for hit in report.warnings:
                self.add_error(None, f"提醒词：{hit.describe()}")
            self.add_error(
                None, "内容含提醒词。请核对后勾选页面底部的“我已核对上述提醒词，确认继续”再提交。"
            )
        return cleaned_data


_installed: dict[type, type] = {}


def install_page_form_check() -> None:
    """Give every page type a form class with the check (idempotent)."""
    from wagtail.admin.forms import WagtailAdminPageForm
    from wagtail.models import Page, get_page_models

    # This runs before wagtail.admin's ready() sets Page.base_form_class, hence the fallback.
    for model in get_page_models():
        if model is Page:
            continue
        declared = (
            klass.__dict__["base_form_class"]
            for klass in model.__mro__
            if klass is not Page and klass.__dict__.get("base_form_class")
        )
        base = next(declared, WagtailAdminPageForm)
        if issubclass(base, SensitiveWordCheckMixin):
            continue
        if base not in _installed:
            _installed[base] = type(
                f"SensitiveWordChecked{base.__name__}", (SensitiveWordCheckMixin, base), {}
            )
        # Set on the model itself so subclasses declaring their own form keep theirs.
        model.base_form_class = _installed[base]
