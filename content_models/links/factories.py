import factory
from factory.django import DjangoModelFactory

from .models import FriendlyLink


class FriendlyLinkFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"友情链接{n}")
    url = factory.Sequence(lambda n: f"https://www.example{n}.gov.cn/")
    sort_order = factory.Sequence(int)

    class Meta:
        model = FriendlyLink
