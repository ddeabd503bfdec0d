from django import template

from ..checking import check_instance

register = template.Library()


@register.simple_tag
def revision_check(task_state):
    """The word-list check of the revision under review (for the approval dialog)."""
    revision = getattr(task_state, "revision", None)
    if revision is None:
        return None
    return check_instance(revision.as_object())
