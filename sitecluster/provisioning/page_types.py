"""Which page model a blueprint's ``page_type`` builds: a registry, open to other apps.

A blueprint column names its page type in one of three ways:

- a registered name (``column``, ``institution_functions``, ``member_directory``, or one added
  with :func:`register_page_type`);
- a page model that declares ``blueprint_page_type = "name"`` (and optionally
  ``blueprint_defaults = {...}``) — apps below ``sitecluster`` use this, since they must not
  import it;
- a model label, ``"app_label.ModelName"``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from django.apps import apps

from .blueprints import ColumnSpec, render


@dataclass(frozen=True)
class PageType:
    name: str
    model_label: str
    defaults: dict = field(default_factory=dict, hash=False)

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def build(self, spec: ColumnSpec, context: dict):
        """An unsaved page for ``spec`` with its default values and initial content."""
        model = self.model
        names = {f.name for f in model._meta.get_fields()}
        values = {"title": render(spec.title, context), "slug": spec.slug, **self.defaults}
        if "column_type" in names:
            values["column_type"] = spec.column_type
        if "intro" in names and spec.intro:
            values["intro"] = render(spec.intro, context)
        values.update({key: value for key, value in spec.fields.items() if key in names})
        if spec.body and "body" in names:
            values["body"] = [("paragraph", paragraphs_html(render(spec.body, context)))]
        return model(**values)


_REGISTRY: dict[str, PageType] = {}


def register_page_type(name: str, model_label: str, **defaults) -> PageType:
    """Make ``page_type = "<name>"`` in a blueprint build ``model_label`` with ``defaults``."""
    page_type = PageType(name=name, model_label=model_label, defaults=defaults)
    _REGISTRY[name] = page_type
    return page_type


register_page_type("column", "columns.ColumnPage", show_in_menus=True)
register_page_type(
    "institution_functions", "organisations.InstitutionFunctionsPage", show_in_menus=False
)
register_page_type("member_directory", "home.MemberDirectoryPage", show_in_menus=True)


def get_page_type(name: str) -> PageType | None:
    if name in _REGISTRY:
        return _REGISTRY[name]
    if not apps.ready:
        return None
    from wagtail.models import Page, get_page_models

    if "." in name:
        try:
            model = apps.get_model(name)
        except (LookupError, ValueError):
            return None
        if issubclass(model, Page):
            return PageType(name=name, model_label=model._meta.label)
        return None
    for model in get_page_models():
        if getattr(model, "blueprint_page_type", None) == name:
            return PageType(
                name=name,
                model_label=model._meta.label,
                defaults=dict(getattr(model, "blueprint_defaults", {})),
            )
    return None


def paragraphs_html(text: str) -> str:
    """Plain text with blank lines between paragraphs → rich text paragraphs."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
