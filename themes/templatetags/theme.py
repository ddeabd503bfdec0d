"""Presentation helpers of the government themes: navigation, breadcrumbs, dates."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def theme_assets(context, site=None):
    """{% theme_assets site as theme %}: stylesheets, variables and switches of the active theme.

    The same theme the template loader uses for this render (see themes.resolution).
    """
    from themes.presentation import build_theme_view
    from themes.resolution import active_site, active_theme

    request = context.get("request")
    preview = bool(getattr(request, "theme_preview", None))
    return build_theme_view(active_theme(), site or active_site(), request, preview=preview)


STATUTORY_ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource")


class ArticleMetaNode(template.Node):
    """Renders its content (the ``article_meta`` block) and adds whichever statutory article
    meta tag the content lacks, so a page template can refine them but no theme can drop them."""

    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, page, site):
        self.nodelist, self.page, self.site = nodelist, page, site

    def render(self, context):
        output = self.nodelist.render(context)
        page = self.page.resolve(context, ignore_failures=True)
        publish_at = getattr(page, "publish_at", None)
        if publish_at is None:
            return output
        site = self.site.resolve(context, ignore_failures=True)
        values = {
            "ArticleTitle": page.title,
            "PubDate": pubtime(publish_at),
            "ContentSource": getattr(page, "source", "") or getattr(site, "name", ""),
        }
        missing = [
            format_html('<meta name="{}" content="{}">', name, values[name])
            for name in STATUTORY_ARTICLE_META
            if f'name="{name}"' not in output
        ]
        return mark_safe(output + "\n  ".join(["", *missing]) if missing else output)  # noqa: S308


@register.tag("article_meta")
def article_meta(parser, token):
    """{% article_meta page site %}{% block article_meta %}{% endblock %}{% end_article_meta %}"""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% article_meta page site %} takes two arguments")
    nodelist = parser.parse(("end_article_meta",))
    parser.delete_first_token()
    return ArticleMetaNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
