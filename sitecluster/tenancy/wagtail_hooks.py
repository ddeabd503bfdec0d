from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from sitecluster.provisioning.views.sites import (
    ArchiveSiteView,
    DeleteSiteView,
    ProvisionSiteView,
    RestoreSiteView,
)

from .models import ClusterSite, SiteKind


class ClusterSiteIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.kind == SiteKind.PORTAL:
            return buttons
        if instance.is_active:
            url = reverse("wagtailsnippets_tenancy_clustersite:archive", args=[instance.pk])
            buttons.append(MenuItem("归档", url=url, icon_name="folder", priority=40))
        else:
            url = reverse("wagtailsnippets_tenancy_clustersite:restore", args=[instance.pk])
            buttons.append(MenuItem("恢复", url=url, icon_name="undo", priority=40))
        return buttons


class ClusterSiteViewSet(SnippetViewSet):
    """站群站点: "add" is the one-step provisioning form; archive, restore and delete (only an
    empty site) have their own confirmation pages."""

    model = ClusterSite
    icon = "site"
    menu_label = "站群站点"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "code", "kind", "blueprint", "hostname", "mount_path", "status"]
    list_filter = ["kind", "status", "blueprint"]
    search_fields = ["name", "short_name", "code", "hostname"]
    # A database lookup (icontains) rather than the search index: the index's per-field search
    # cannot restrict an SQLite FTS query to these columns, and a few hundred sites need no index.
    search_backend_name = None
    index_view_class = ClusterSiteIndexView
    # Identity, tree position and status change only through provisioning / archive.
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
                FieldRowPanel(
                    [
                        FieldPanel("code", read_only=True),
                        FieldPanel("kind", read_only=True),
                        FieldPanel("status", read_only=True),
                    ]
                ),
                FieldPanel("organisation"),
                FieldRowPanel(
                    [
                        FieldPanel("root_page", read_only=True),
                        FieldPanel("blueprint", read_only=True),
                        FieldPanel("blueprint_version", read_only=True),
                    ]
                ),
                FieldRowPanel([FieldPanel("theme"), FieldPanel("sort_order")]),
                FieldPanel("theme_variables"),
            ],
            heading="站点",
        ),
        MultiFieldPanel([FieldPanel("hostname"), FieldPanel("aliases")], heading="域名"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("site_id_code"), FieldPanel("sponsor")]),
                FieldRowPanel([FieldPanel("undertaker"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("icp_number"), FieldPanel("police_number")]),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
                FieldPanel("banner_image"),
                FieldPanel("announcement"),
            ],
            heading="网站设置",
        ),
    ]

    @property
    def add_view(self):
        return ProvisionSiteView.as_view()

    @property
    def delete_view(self):
        return DeleteSiteView.as_view()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("archive/<int:pk>/", ArchiveSiteView.as_view(), name="archive"),
            path("restore/<int:pk>/", RestoreSiteView.as_view(), name="restore"),
        ]


register_snippet(ClusterSiteViewSet)


@hooks.register("construct_settings_menu")
def hide_wagtail_sites(request, menu_items):
    """Hostnames are managed through 站群站点; Wagtail's Site rows are derived from it."""
    menu_items[:] = [item for item in menu_items if item.name != "sites"]
