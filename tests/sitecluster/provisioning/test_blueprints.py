import pytest

from sitecluster.provisioning.blueprints import (
    BlueprintError,
    ColumnSpec,
    get_blueprint,
    load_blueprint,
    parse_blueprint,
)


@pytest.mark.parametrize("name", ["portal", "department", "street"])
def test_builtin_blueprints_have_the_standard_columns(name):
    blueprint = load_blueprint(name)
    paths = {"/".join((*parents, spec.slug)) for spec, parents in blueprint.walk()}
    for path in (
        "jggk/jgzn", "jggk/ldxx", "gzdt", "tzgg", "zcwj", "zcjd", "zfxxgk/xxgkzn",
        "zfxxgk/xxgkzd", "zfxxgk/fdzdgknr", "zfxxgk/xxgknb", "bsfw", "hdjl/ldyx", "hdjl/yjzj",
    ):  # fmt: skip
        assert path in paths, path
    assert ("bm" in paths) == (name == "portal")


def test_bad_blueprints_are_explained(tmp_path):
    (tmp_path / "broken.toml").write_text('[[columns]]\ntitle = "无代码"\n', "utf-8")
    with pytest.raises(BlueprintError, match="missing 'slug'"):
        load_blueprint("broken", tmp_path)
    (tmp_path / "syntax.toml").write_text("[[columns]\n", "utf-8")
    with pytest.raises(BlueprintError, match="syntax.toml"):
        load_blueprint("syntax", tmp_path)
    with pytest.raises(BlueprintError, match="No blueprint named"):
        load_blueprint("absent", tmp_path)


# -- the full format ------------------------------------------------------------------------

BASE = """
title = "测试模板"
version = 3
kind = "department"
mount = "bm"

[[columns]]
title = "工作动态"
slug = "gzdt"
"""


def test_builtin_topic_blueprint_and_defaults():
    topic = load_blueprint("topic")
    assert (topic.kind, topic.mount) == ("topic", "zt")
    department = load_blueprint("department")
    assert {group.role for group in department.groups} == {"admin", "reviewer", "editor"}
    assert department.workflow.tasks[0].roles == ("reviewer",)
    assert department.settings["sponsor"] == "{name}"


def test_sections_a_blueprint_leaves_out_come_from_the_defaults(tmp_path):
    text = BASE + '\n[groups.editor]\nname = "{name}编辑"\npage_permissions = ["add"]\n'
    (tmp_path / "mine.toml").write_text(text, "utf-8")
    blueprint = parse_blueprint(text, "mine")
    assert blueprint.version == 3 and blueprint.group("editor").page_permissions == ("add",)
    assert blueprint.group("admin") is not None and blueprint.workflow is not None


@pytest.mark.parametrize(
    ("addition", "english", "chinese"),
    [
        (
            '\n[settings]\nsponsor = "{nmae}"\n',
            "unknown placeholder {nmae}",
            "占位符 {nmae} 不存在",
        ),
        ('\n[settings]\nfax = "1"\n', "unknown setting 'fax'", "未知的站点设置“fax”"),
        (
            '\n[groups.editor]\nname = "x"\npage_permissions = ["destroy"]\n',
            "unknown page permission 'destroy'",
            "未知的页面权限“destroy”",
        ),
        ('\n[groups.boss]\nname = "x"\n', "unknown role 'boss'", "未知的角色“boss”"),
        (
            '\n[[columns]]\ntitle = "x"\nslug = "x"\npage_type = "nope"\n',
            "unknown page_type 'nope'",
            "未知的页面类型“nope”",
        ),
        (
            '\n[[columns]]\ntitle = "x"\nslug = "gzdt"\n',
            "duplicate top-level column slugs",
            "顶层栏目代码（slug）重复",
        ),
    ],
)
def test_bad_blueprints_have_english_and_chinese_messages(addition, english, chinese):
    with pytest.raises(BlueprintError) as caught:
        parse_blueprint(BASE + addition, "bad")
    assert english in str(caught.value)
    assert chinese in caught.value.chinese


@pytest.mark.django_db
def test_page_types_by_registry_model_label_and_model_attribute(monkeypatch):
    from content_models.columns.models import ColumnPage
    from sitecluster.provisioning import page_types
    from sitecluster.provisioning.page_types import get_page_type, register_page_type

    monkeypatch.setattr(page_types, "_REGISTRY", dict(page_types._REGISTRY))

    assert get_page_type("column").model is ColumnPage
    assert get_page_type("columns.ColumnPage").model is ColumnPage
    assert get_page_type("organisations.Organisation") is None  # not a page model
    monkeypatch.setattr(ColumnPage, "blueprint_page_type", "special_column", raising=False)
    monkeypatch.setattr(ColumnPage, "blueprint_defaults", {"per_page": 50}, raising=False)
    special = get_page_type("special_column")
    spec = ColumnSpec(
        title="{name}专栏", slug="zl", page_type="special_column", body="第一段\n\n第二段"
    )
    page = special.build(spec, {"name": "教育局"})
    assert (page.title, page.per_page) == ("教育局专栏", 50)
    assert str(page.body).count("<p>") == 2
    register_page_type("notice_column", "columns.ColumnPage", column_type="notice")
    assert get_page_type("notice_column").defaults == {"column_type": "notice"}


@pytest.mark.django_db
def test_copies_are_validated_in_chinese_and_versioned():
    from django.core.exceptions import ValidationError

    from sitecluster.provisioning.models import SiteBlueprint

    copy = SiteBlueprint(code="department", title="x", definition=BASE)
    with pytest.raises(ValidationError) as caught:
        copy.full_clean()
    assert "内置模板的名称" in caught.value.message_dict["code"][0]
    copy = SiteBlueprint(code="mine", title="我的模板", definition="[[columns]\n")
    with pytest.raises(ValidationError) as caught:
        copy.full_clean()
    assert "不是有效的 TOML" in caught.value.message_dict["definition"][0]
    copy.definition = BASE
    copy.full_clean()
    copy.save()
    assert copy.as_blueprint().version == 1  # the copy's own version, not the file's
    copy.save()
    assert copy.version == 1  # saving unchanged is not a new version
    copy.definition = BASE + "\n"
    copy.save()
    assert copy.version == 2 and get_blueprint("mine").version == 2
