from django.core.exceptions import PermissionDenied

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sitecluster.tenancy.roles import is_information_office


class OfficeOnlyMixin(WagtailAdminTemplateMixin):
    """Views only the information office (tenancy.manage_cluster) may open."""

    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not is_information_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
