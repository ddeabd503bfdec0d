from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .checking import blocking_hits_for_revision
from .models import SensitiveWord
from .policies import InformationOfficePolicy
from .word_admin import SensitiveWordViewSet

register_permission_policy(SensitiveWord, InformationOfficePolicy(SensitiveWord), exact_class=True)
register_snippet(SensitiveWordViewSet)


@hooks.register("before_bulk_action")
def check_bulk_publish(request, action_type, objects, action):
    """Bulk publish from the page listing: refuse pages whose latest revision has blocking words."""
    if action_type != "publish":
        return None
    blocked = []
    for obj in objects:
        if isinstance(obj, Page):
            hits = blocking_hits_for_revision(obj.get_latest_revision())
            blocked += [f"《{obj.get_admin_display_title()}》{hit.describe()}" for hit in hits]
    if not blocked:
        return None
    messages.error(request, "含禁用词，未发布：" + "；".join(blocked))
    return redirect(getattr(action, "next_url", None) or reverse("wagtailadmin_explore_root"))
