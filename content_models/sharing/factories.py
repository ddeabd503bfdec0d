import factory
import wagtail_factories

from content_models.articles.factories import ArticlePageFactory

from .models import AggregateColumnPage, ReferencePage


class ReferencePageFactory(wagtail_factories.PageFactory):
    """A 引用 of a new article (pass ``source=`` to reference an existing one)."""

    class Meta:
        model = ReferencePage

    source = factory.SubFactory(ArticlePageFactory)
    title = factory.LazyAttribute(lambda page: page.source.title)


class AggregateColumnPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AggregateColumnPage

    title = "各部门动态"
    column_type = "dynamic"
    site_kind = "department"
