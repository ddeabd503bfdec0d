import datetime as dt

import factory
import wagtail_factories

from django.utils import timezone

from .models import DisclosureDocumentPage


class DisclosureDocumentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DisclosureDocumentPage

    title = factory.Sequence(lambda n: f"关于做好第{n}项重点工作的通知")
    summary = "明确工作目标、主要任务和保障措施。"
    doc_number = factory.Sequence(lambda n: f"河政办发〔2025〕{n + 1}号")
    written_date = dt.date(2025, 3, 1)
    publish_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2025, 3, 5, 10, 0)))
    topic = "综合政务\\政务公开"
    doc_type = "通知"
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>为深入贯彻落实相关工作部署，现将有关事项通知如下。</p>")]
    )
