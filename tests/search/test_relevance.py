"""What citizens notice about ranking, relaxation, synonyms, 文号, facets and highlighting."""

import datetime as dt

import pytest

from django.utils import timezone

from search.documents import Visibility, build_document
from search.engines import get_engine
from search.models import SearchDocument, Synonym

from .conftest import article, run_search, titles

pytestmark = pytest.mark.django_db


def test_every_word_is_required_by_default(cluster, engine_name):
    column = cluster.fgw_columns["gzdt"]
    article(column, "城区道路改造工程开工", "改造工程涉及三条道路。")
    article(column, "农村供水工程通过验收", "供水工程惠及万人。")
    assert titles(run_search("道路 工程")) == ["城区道路改造工程开工"]


def test_title_matches_rank_above_body_matches(cluster, engine_name):
    column = cluster.fgw_columns["gzdt"]
    article(column, "全区安全生产大检查情况通报", "各单位认真开展检查。")
    article(column, "季度工作会议召开", "会议听取了安全生产情况汇报，部署大检查。")
    assert titles(run_search("安全生产大检查"))[0] == "全区安全生产大检查情况通报"


def test_a_whole_question_finds_the_answering_page_first(cluster, engine_name):
    jyj = cluster.jyj_columns["gzdt"]
    article(jyj, "2025年新生入学材料清单", "新生入学需提交户口簿、房产证明和预防接种证。")
    article(jyj, "暑期学生安全提醒", "请家长做好看护。")
    response = run_search("新生入学需要准备哪些材料？")
    assert titles(response)[0] == "2025年新生入学材料清单"
    assert response.relaxed


def test_abbreviations_expand_through_synonyms(cluster, engine_name):
    Synonym.objects.create(term="发改委", equivalents="发展和改革委员会")
    article(cluster.portal_columns["gzdt"], "发展和改革委员会发布价格监测报告", "本月物价平稳。")
    assert titles(run_search("发改委 价格监测")) == ["发展和改革委员会发布价格监测报告"]


def test_an_exact_document_number_comes_first(cluster, engine_name):
    column = cluster.fgw_columns["tzgg"]
    target = article(column, "关于印发项目管理办法的通知", "项目管理。")
    other = article(column, "项目管理培训通知", "河发改发〔2025〕12号文件的培训。")
    # A page type implementing search_metadata() (disclosure documents) provides the 文号.
    target.search_metadata = lambda: {"doc_number": "河发改发〔2025〕12号"}
    visibility = Visibility.load()
    SearchDocument.objects.filter(pk=target.pk).delete()
    build_document(target, visibility.site_for(target.path)).save()
    engine = get_engine()
    if engine.external:
        engine.push([target.pk, other.pk])
    response = run_search("河发改发[2025]12号")
    assert response.hits[0].title == "关于印发项目管理办法的通知"
    assert response.hits[0].exact


def test_facets_count_and_combine(cluster, engine_name):
    base = timezone.make_aware(dt.datetime(2024, 5, 1, 9, 0))
    article(cluster.fgw_columns["gzdt"], "秸秆禁烧工作部署", "禁烧。", publish_at=base)
    article(cluster.jyj_columns["gzdt"], "校园秸秆禁烧宣传", "禁烧。", publish_at=base)
    article(
        cluster.jyj_columns["gzdt"],
        "秸秆禁烧专项督查",
        "禁烧。",
        publish_at=base + dt.timedelta(days=400),
    )
    response = run_search("秸秆禁烧")
    assert response.count == 3
    sites = {facet.label: facet.count for facet in response.facets["site"]}
    assert sites == {"发展和改革委员会": 1, "教育局": 2}
    assert {f.value: f.count for f in response.facets["year"]} == {2024: 2, 2025: 1}
    combined = run_search("秸秆禁烧", site_id=cluster.jyj.pk, year=2024)
    assert titles(combined) == ["校园秸秆禁烧宣传"]
    # The site facet still offers the other site, counted within year 2024.
    assert {f.label: f.count for f in combined.facets["site"]} == {
        "发展和改革委员会": 1,
        "教育局": 1,
    }


def test_sort_by_date_and_pagination(cluster, engine_name):
    base = timezone.make_aware(dt.datetime(2024, 1, 1, 9, 0))
    for n in range(12):
        article(
            cluster.fgw_columns["gzdt"],
            f"防汛值班安排第{n + 1}期",
            "防汛值班。",
            publish_at=base + dt.timedelta(days=n),
        )
    first = run_search("防汛值班", sort="date")
    assert first.count == 12 and len(first.hits) == 10
    assert first.hits[0].title == "防汛值班安排第12期"
    second = run_search("防汛值班", sort="date", page=2)
    assert titles(second) == ["防汛值班安排第2期", "防汛值班安排第1期"]


def test_titles_and_snippets_are_highlighted_and_escaped(cluster, engine_name):
    article(cluster.fgw_columns["gzdt"], "<b>冬季</b>清洁取暖补贴发放", "清洁取暖补贴已发放到户。")
    hit = run_search("清洁取暖").hits[0]
    assert "<mark>清洁取暖</mark>" in hit.title_html
    assert "&lt;b&gt;" in hit.title_html
    assert "<mark>清洁取暖</mark>" in hit.snippet_html


def test_disclosure_documents_by_number_topic_and_type(cluster, engine_name):
    from content_models.disclosure.factories import DisclosureDocumentPageFactory

    column = cluster.fgw_columns["tzgg"]
    target = DisclosureDocumentPageFactory(
        parent=column,
        title="关于印发河东区重大项目管理办法的通知",
        doc_number="河发改发〔2025〕7号",
    )
    DisclosureDocumentPageFactory(parent=column, title="关于转发河发改发〔2025〕7号文件的通知")
    target.refresh_from_db()
    by_number = run_search("河发改发[2025]7号")
    assert by_number.hits[0].title == "关于印发河东区重大项目管理办法的通知"
    assert by_number.hits[0].exact
    if target.index_number:
        by_index = run_search(target.index_number)
        assert by_index.hits[0].page_id == target.pk and by_index.hits[0].exact
    response = run_search("重大项目管理办法")
    assert response.hits[0].content_type == "政府信息公开文件"
    assert [f.value for f in response.facets["topic"]] == ["综合政务\\政务公开"]
