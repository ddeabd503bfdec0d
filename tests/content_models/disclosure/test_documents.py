import datetime as dt
from urllib.parse import urlparse

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from content_models.disclosure.factories import DisclosureDocumentPageFactory
from content_models.disclosure.models import DisclosureDocumentPage, IssuedIndexNumber
from content_models.disclosure.taxonomy import guess_doc_type, topic_values
from sitecluster.provisioning.pages import add_published_child

pytestmark = pytest.mark.django_db


def publish(parent, **fields):
    return add_published_child(parent, DisclosureDocumentPageFactory.build(**fields))


def draft(parent, **fields):
    page = DisclosureDocumentPageFactory.build(live=False, **fields)
    parent.add_child(instance=page)
    return page


def errors_of(page):
    with pytest.raises(ValidationError) as info:
        page.full_clean()
    return info.value.message_dict


def test_index_number_is_issued_at_first_publication_from_the_body_rule(fgw_docs, cluster):
    page = draft(fgw_docs)
    assert page.index_number is None
    page.save_revision().publish()
    page.refresh_from_db()
    code = cluster.fgw.organisation.credit_code
    assert page.index_number == f"{code}/2025-00001"
    assert page.organisation == cluster.fgw.organisation
    second = publish(fgw_docs)
    assert second.index_number == f"{code}/2025-00002"


def test_index_number_never_changes_on_republication_or_edits(fgw_docs):
    page = publish(fgw_docs)
    issued = page.index_number
    page.title = "关于做好重点工作的补充通知"
    page.publish_at = timezone.make_aware(dt.datetime(2026, 1, 5, 9, 0))
    page.save_revision().publish()
    page.unpublish()
    page.refresh_from_db()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.index_number == issued
    assert page.title == "关于做好重点工作的补充通知"


def test_numbers_of_deleted_documents_are_not_reused(fgw_docs, cluster):
    first = publish(fgw_docs)
    issued = first.index_number
    first.delete()
    again = publish(fgw_docs)
    assert again.index_number != issued
    assert again.index_number.endswith("-00002")
    assert IssuedIndexNumber.objects.filter(number=issued).exists()


def test_the_serial_counts_per_body_and_per_year(fgw_docs, jyj_docs, cluster):
    a = publish(fgw_docs)
    b = publish(jyj_docs)
    c = publish(fgw_docs, publish_at=timezone.make_aware(dt.datetime(2026, 2, 1, 9, 0)))
    assert a.index_number.endswith("/2025-00001")
    assert b.index_number.endswith("/2025-00001")
    assert c.index_number.endswith("/2026-00001")
    assert len({a.index_number, b.index_number, c.index_number}) == 3


def test_a_body_can_configure_its_own_rule(fgw_docs, cluster):
    organisation = cluster.fgw.organisation
    organisation.index_number_prefix = "000014349"
    organisation.index_number_format = "{prefix}/{year}-{serial:05d}"
    organisation.save()
    assert publish(fgw_docs).index_number == "000014349/2025-00001"
    organisation.index_number_format = "FGW-{year}-{serial}"
    organisation.save()
    assert publish(fgw_docs).index_number == "FGW-2025-2"


def test_an_invalid_rule_is_rejected_in_chinese(cluster):
    organisation = cluster.fgw.organisation
    organisation.index_number_format = "{prefix}-{serial}"
    with pytest.raises(ValidationError) as info:
        organisation.full_clean()
    assert "必须包含 {year} 和 {serial}" in str(info.value)
    organisation.index_number_format = "{prefix}/{month}/{serial}"
    with pytest.raises(ValidationError) as info:
        organisation.full_clean()
    assert "month" in str(info.value)


def test_metadata_is_validated_with_chinese_messages(fgw_docs):
    page = draft(fgw_docs)
    page.summary = "概" * 101
    page.written_date = dt.date(2025, 4, 1)
    page.doc_number = "国办发2017年47号"
    page.topic = "综合政务\\不存在的分类"
    errors = errors_of(page)
    assert "内容概述不能超过 100 个字（当前 101 个字）。" in errors["summary"]
    assert "成文日期不能晚于发布日期。" in errors["written_date"]
    assert "六角括号" in errors["doc_number"][0]
    assert any("主题分类表" in message for message in errors["topic"])


def test_topic_accepts_catalogue_spellings_of_the_two_levels(fgw_docs):
    page = draft(fgw_docs, topic="科技、教育/教育")
    page.full_clean()
    assert page.topic == "科技、教育\\教育"
    assert "综合政务\\政务公开" in topic_values()
    assert len({value.split("\\")[0] for value in topic_values()}) >= 20


def test_doc_type_from_title():
    assert guess_doc_type("国务院办公厅关于印发某方案的通知") == "通知"
    assert guess_doc_type("关于某事项的批复") == "批复"
    assert guess_doc_type("工作动态") == "其他"


def test_validity_only_moves_forward(fgw_docs):
    old = publish(fgw_docs)
    new = publish(fgw_docs, title="关于做好重点工作的通知（2025年修订）")
    old.validity = "amended"
    errors = errors_of(old)
    assert "修订或废止日期" in errors["validity_changed_on"][0]
    assert "已修订的文件必须链接修订后的文件。" in errors["replaced_by"]
    old.validity_changed_on = dt.date(2025, 6, 1)
    old.replaced_by = new
    old.save_revision().publish()
    old.refresh_from_db()
    assert old.validity == "amended"
    for target in ("effective", "repealed"):
        page = DisclosureDocumentPage.objects.get(pk=old.pk)
        page.validity = target
        if target == "effective":
            page.validity_changed_on = None
            page.replaced_by = None
        assert "只允许从“有效”改为“已修订”或“已废止”" in errors_of(page)["validity"][0]


def test_repeal_needs_a_date_not_before_publication(fgw_docs):
    page = publish(fgw_docs)
    page.validity = "repealed"
    page.validity_changed_on = dt.date(2020, 1, 1)
    assert "不能早于发布日期" in errors_of(page)["validity_changed_on"][0]
    page.validity_changed_on = dt.date(2025, 12, 31)
    page.full_clean()


def test_repealed_document_shows_a_banner_linking_its_replacement(fgw_docs, client):
    old = publish(fgw_docs, title="旧办法")
    new = publish(fgw_docs, title="新办法", slug="xin-banfa", doc_number="河政办发〔2025〕99号")
    old.validity = "repealed"
    old.validity_changed_on = dt.date(2025, 9, 1)
    old.replaced_by = new
    old.save_revision().publish()
    html = client.get(old.url, HTTP_HOST="fgw.test").content.decode()
    assert "本文件已于 2025-09-01 废止" in html
    assert f'href="{urlparse(new.full_url).path}"' in html
    assert "河政办发〔2025〕99号" in html
    new_html = client.get(new.url, HTTP_HOST="fgw.test").content.decode()
    assert 'class="validity-banner"' not in new_html
    assert "旧办法" in new_html  # "本文件修订或废止的文件"


def test_policy_and_interpretation_link_both_ways(fgw_docs, client):
    policy = publish(fgw_docs, title="关于支持企业复工复产的若干措施")
    reading = DisclosureDocumentPageFactory.build(
        title="《关于支持企业复工复产的若干措施》政策解读",
        info_category="interpretation",
        doc_number="",
        doc_type="其他",
    )
    reading.interpretation_links.add(reading.interpretation_links.model(policy=policy))
    add_published_child(fgw_docs, reading)
    policy_html = client.get(policy.url, HTTP_HOST="fgw.test").content.decode()
    reading_html = client.get(reading.url, HTTP_HOST="fgw.test").content.decode()
    assert "相关解读" in policy_html and reading.title in policy_html
    assert "解读的政策文件" in reading_html and policy.title in reading_html


def test_only_interpretations_may_point_at_policies(fgw_docs):
    policy = publish(fgw_docs)
    other = DisclosureDocumentPageFactory.build(info_category="policy")
    other.interpretation_links.add(other.interpretation_links.model(policy=policy))
    fgw_docs.add_child(instance=DisclosureDocumentPageFactory.build(live=False))
    other.path = "0001"  # any path: clean() does not need the tree
    assert "政策解读" in errors_of(other)["info_category"][0]


def test_search_metadata_for_the_search_helper(fgw_docs):
    page = publish(fgw_docs, doc_number="河政办发〔2025〕7号", topic="卫生、体育\\卫生")
    assert page.search_metadata() == {
        "doc_number": "河政办发〔2025〕7号",
        "index_number": page.index_number,
        "topic": "卫生、体育\\卫生",
        "doc_type": "通知",
    }


def test_copying_a_document_does_not_copy_its_index_number(fgw_docs):
    page = publish(fgw_docs)
    copy = page.copy(update_attrs={"slug": "copy-of-it", "title": "副本"}, keep_live=False)
    assert copy.index_number is None
    copy.save_revision().publish()
    copy.refresh_from_db()
    assert copy.index_number.endswith("-00002")
