import factory
import wagtail_factories

from .models import InstitutionFunctionsPage, LeaderProfilePage, Organisation, OrganisationType
from .validators import make_uscc


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("credit_code",)

    name = factory.Sequence(lambda n: f"测试机构{n}")
    short_name = factory.Sequence(lambda n: f"机构{n}")
    org_type = OrganisationType.DEPARTMENT
    credit_code = factory.Sequence(lambda n: make_uscc("11", "379901", f"{52000000 + n:08d}"))


class InstitutionFunctionsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InstitutionFunctionsPage

    title = "机构职能"


class LeaderProfilePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LeaderProfilePage

    title = factory.Sequence(lambda n: f"领导{n}")
    position = "局长"
