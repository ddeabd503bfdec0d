import datetime as dt

import factory
import wagtail_factories

from django.utils import timezone

from .models import ArticlePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试新闻标题{n}")
    source = "河东区融媒体中心"
    publish_at = factory.Sequence(
        lambda n: timezone.make_aware(dt.datetime(2024, 1, 1, 9, 30)) + dt.timedelta(days=n)
    )
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>为深入贯彻落实相关工作部署，现将有关事项通知如下。</p>")]
    )
