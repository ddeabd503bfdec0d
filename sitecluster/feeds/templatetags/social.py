"""{% social_card page site as card %}: the Open Graph / Twitter card of a page, absolute URLs.

The theme's includes/social_meta.html renders it. og:description is the article's 摘要 (else
the page's search description, else the site name); og:image an absolute rendition URL of the
cover image (1200×630, what the large card shows); og:url the page's canonical address on the
host being browsed.
"""

from __future__ import annotations

from django import template

from wagtail.models import Page

from ..rss import summary_of

register = template.Library()

CARD_IMAGE = "fill-1200x630"


def absolute(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def social_card(context, page, site=None):
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return None
    card = {
        "type": "article" if hasattr(page, "publish_at") else "website",
        "title": page.seo_title or page.title,
        "description": summary_of(page) or (site.name if site else ""),
        "url": page.get_full_url(request) or request.build_absolute_uri(),
        "site_name": site.name if site else "",
        "image": "",
    }
    cover = getattr(page, "cover_image", None)
    if cover is not None:
        rendition = cover.get_rendition(CARD_IMAGE)
        card.update(
            image=absolute(request, rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=cover.default_alt_text or page.title,
        )
    return card
