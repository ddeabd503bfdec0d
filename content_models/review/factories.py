import factory

from .models import SensitiveWord, WordCategory, WordLevel


class SensitiveWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SensitiveWord
        django_get_or_create = ("word",)

    word = factory.Sequence(lambda n: f"测试禁用词{n}")
    level = WordLevel.BLOCK
    category = WordCategory.SENSITIVE
