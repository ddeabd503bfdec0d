"""Presentation helpers of the government themes: navigation, breadcrumbs, dates."""

from django import template
from django.utils import timezone

from wagtail.models import Page

register = template.Library()


@register.filter
def pubtime(value):
    """Publish times as the inspection rules require: YYYY-MM-DD HH:MM, local time."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M")


@register.filter
def pubdate(value):
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


@register.inclusion_tag("includes/site_navigation.html", takes_context=True)
def site_navigation(context, root, current=None):
    """Top-level columns of a site, with the current one marked."""
    items = (
        list(Page.objects.child_of(root).live().in_menu().public().order_by("path")) if root else []
    )
    current_path = current.path if current is not None else ""
    return {
        "request": context.get("request"),
        "root": root,
        "items": items,
        "active_path": next(
            (item.path for item in items if current_path.startswith(item.path)), None
        ),
        "home_active": current is not None and root is not None and current.pk == root.pk,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, root):
    """Trail from the site's home page to the current page."""
    if page is None or root is None or page.pk == root.pk:
        return {"crumbs": [], "request": context.get("request")}
    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gte=root.depth).order_by("depth"))
    return {"crumbs": ancestors, "current": page, "request": context.get("request")}
