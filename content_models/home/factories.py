import wagtail_factories

from .models import MemberDirectoryPage, MemberSiteHomePage, PortalHomePage


class PortalHomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PortalHomePage

    title = "测试区人民政府"


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberDirectoryPage

    title = "部门"
    slug = "bm"


class MemberSiteHomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberSiteHomePage

    title = "测试局"
