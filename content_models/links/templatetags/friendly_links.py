from django import template

from ..models import FriendlyLink

register = template.Library()


@register.simple_tag
def friendly_links(collection):
    """{% friendly_links site.collection as links %}: a site's links, in their sort order."""
    if not collection:
        return []
    collection_id = getattr(collection, "pk", collection)
    return list(
        FriendlyLink.objects.filter(collection_id=collection_id).order_by("sort_order", "pk")
    )
