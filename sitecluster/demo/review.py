"""Demo 发布审核: a word list, a department's editor and reviewer, and items waiting for review.

- 敏感词: confidentiality markers as blocking words (the 易错词 come with the migration);
- 区发改委 gets a demo editor (fgw_editor) and reviewer (fgw_reviewer), password as admin's;
- three drafts are submitted to their site's review: two at 区发改委 (one with a typo the
  reviewer sees flagged), one at the portal.

Idempotent: words by text, users by username, drafts by slug under their column.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from content_models.articles.models import ArticlePage
from content_models.review.models import SensitiveWord, WordCategory, WordLevel
from sitecluster.provisioning import site_columns
from sitecluster.tenancy.models import ClusterSite, SiteGroup, SiteRole

BLOCKING_WORDS = (
    ("绝密★", "国家秘密标志，不得公开"),
    ("机密★", "国家秘密标志，不得公开"),
    ("秘密★", "国家秘密标志，不得公开"),
    ("内部资料", "内部资料不得公开发布"),
    ("注意保存", "内部文件标注，不得公开发布"),
    ("内部传阅", "内部文件标注，不得公开发布"),
)
WARNING_WORDS = (("身份证号码", "", "可能含个人信息，请确认已脱敏"),)

DRAFTS = (
    (
        "fgw",
        "dsh-jnxcz",
        "关于开展2026年全国节能宣传周活动的通知",
        "<p>各科室、委属单位：根据国家和省市统一部暑，现将2026年节能宣传周活动有关事项通知如下。"
        "</p><p>一、活动主题：节能降碳，绿色发展。</p>",
    ),
    (
        "fgw",
        "dsh-jgjc",
        "2026年一季度重要民生商品价格监测情况",
        "<p>一季度，我区粮油、蔬菜、猪肉等重要民生商品价格总体平稳，供应充足。</p>",
    ),
    (
        "hedong",
        "dsh-zwgk",
        "河东区2026年政务公开工作要点",
        "<p>为深入推进政务公开标准化规范化，结合我区实际，制定本工作要点。</p>",
    ),
)


def ensure_words() -> int:
    made = 0
    for word, note in BLOCKING_WORDS:
        made += SensitiveWord.objects.get_or_create(
            word=word,
            defaults={"level": WordLevel.BLOCK, "category": WordCategory.SENSITIVE, "note": note},
        )[1]
    for word, replacement, note in WARNING_WORDS:
        made += SensitiveWord.objects.get_or_create(
            word=word,
            defaults={
                "level": WordLevel.WARN,
                "category": WordCategory.SENSITIVE,
                "replacement": replacement,
                "note": note,
            },
        )[1]
    return made


def ensure_site_user(site: ClusterSite, role: str, username: str, password: str, name: str):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_user(
            username, f"{username}@hedong.example", password, first_name=name
        )
    user.groups.add(SiteGroup.objects.get(cluster_site=site, role=role).group)
    return user


@transaction.atomic
def load_review_demo(password: str) -> dict[str, int]:
    made = {"words": ensure_words(), "submitted": 0}
    sites = {site.code: site for site in ClusterSite.objects.filter(code__in=["fgw", "hedong"])}
    if "fgw" not in sites:
        return made
    editor = ensure_site_user(sites["fgw"], SiteRole.EDITOR, "fgw_editor", password, "发改委编辑")
    ensure_site_user(sites["fgw"], SiteRole.REVIEWER, "fgw_reviewer", password, "发改委审核员")
    for code, slug, title, body in DRAFTS:
        site = sites.get(code)
        column = site_columns(site).get("gzdt") if site else None
        if column is None or site.workflow is None:
            continue
        if ArticlePage.objects.child_of(column).filter(slug=slug).exists():
            continue
        page = ArticlePage(title=title, slug=slug, live=False, body=[("paragraph", body)])
        column.add_child(instance=page)
        page.save_revision(user=editor)
        site.workflow.start(page, editor)
        made["submitted"] += 1
    return made
