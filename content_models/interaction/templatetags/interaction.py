from django import template

from ..citizen_text import mask_name, paragraphs_html

register = template.Library()


@register.filter
def citizen_text(value):
    """Plain text shown as escaped paragraphs (never as HTML the citizen wrote)."""
    return paragraphs_html(value or "")


@register.filter
def masked_name(value):
    return mask_name(value or "")
