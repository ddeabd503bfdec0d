"""A theme is a folder with a manifest: found at startup, and a broken one fails the check."""

from __future__ import annotations

import pytest

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.template.loader import get_template

from themes.checks import check_themes
from themes.registry import registry
from themes.resolution import use_theme

from .support import extra_theme_dir, write_theme

MINIMAL = """
title = "测试主题"
description = "临时主题"
"""


def check_ids(errors):
    return [error.id for error in errors]


def test_shipped_themes_are_found_with_their_chain_and_variables():
    names = [theme.name for theme in registry.all()]
    assert names[0] == "default"
    assert {"default", "red", "contrast"} <= set(names)
    red = registry.get("red")
    assert [t.name for t in red.chain] == ["red", "default"]
    assert red.stylesheets == ["themes/default/css/site.css", "themes/red/css/theme.css"]
    # Inherited variables keep their label and type; the child changes only the default.
    assert red.variables["brand"].label == "主色"
    assert red.variables["brand"].default == "#b3121b"
    assert registry.get("default").variables["brand"].default == "#0b4ea2"
    assert red.variables["logo"].default == "themes/default/img/emblem.svg"
    assert "slogan" in red.variables and "slogan" not in registry.get("default").variables
    assert check_themes() == []


def test_a_new_theme_folder_is_found_without_any_settings_change(tmp_path):
    write_theme(
        tmp_path,
        "green",
        MINIMAL + 'extends = "red"\n[variables.brand]\ndefault = "#1b5e20"\n',
        {"templates/includes/header.html": '{% include "includes/search_box.html" %}绿色页头'},
    )
    with extra_theme_dir(tmp_path):
        green = registry.get("green")
        assert green is not None and green.title == "测试主题"
        assert [t.name for t in green.chain] == ["green", "red", "default"]
        assert green.variables["brand"].default == "#1b5e20"
        assert green.variables["gold"].default == "#d9a520"  # from red
        assert "includes/header.html" in registry.overridden
        with use_theme("green"):
            assert "绿色页头" in get_template("includes/header.html").render({})
        assert check_themes() == []
    assert registry.get("green") is None


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('title = "坏主题"\nextends = ', "is not valid TOML"),
        ('description = "没有标题"', "'title' is required"),
        (MINIMAL + 'extends = "nosuch"', "extends unknown theme 'nosuch'"),
        (MINIMAL + 'colour = "red"', "unknown key(s): colour"),
        (
            MINIMAL + '[variables.brand]\ndefault = "blue"',
            "variables.brand: default 'blue' is not a colour",
        ),
        (
            MINIMAL + '[variables.brand]\ndefault = "#ffee00"',
            "has contrast 1.",
        ),
        (
            MINIMAL + '[variables.size]\nlabel = "大小"\ntype = "number"\ndefault = "1"',
            "type 'number' is not one of",
        ),
        (MINIMAL + 'stylesheets = ["css/missing.css"]', "css/missing.css does not exist"),
    ],
    ids=["toml", "title", "extends", "unknown-key", "colour", "contrast", "type", "stylesheet"],
)
def test_a_broken_manifest_fails_the_check_naming_the_file(tmp_path, manifest, message):
    folder = write_theme(tmp_path, "broken", manifest)
    with extra_theme_dir(tmp_path):
        assert registry.get("broken") is None  # left out; its sites fall back to default
        errors = check_themes()
        assert check_ids(errors) == ["themes.E001"]
        assert str(folder / "theme.toml") in errors[0].msg
        assert message in errors[0].msg
        with pytest.raises(SystemCheckError, match="theme.toml is invalid"):
            call_command("check")


def test_an_extends_loop_is_reported(tmp_path):
    write_theme(tmp_path, "aaa", MINIMAL + 'extends = "bbb"')
    write_theme(tmp_path, "bbb", MINIMAL + 'extends = "aaa"')
    with extra_theme_dir(tmp_path):
        errors = check_themes()
        assert check_ids(errors) == ["themes.E001", "themes.E001"]
        assert all("loops" in error.msg for error in errors)


def test_a_theme_cannot_override_protected_templates(tmp_path):
    write_theme(
        tmp_path,
        "sneaky",
        MINIMAL,
        {
            "templates/includes/footer.html": "<footer>没有备案号</footer>",
            "templates/base.html": "<html>{% block content %}{% endblock %}</html>",
        },
    )
    with extra_theme_dir(tmp_path):
        errors = check_themes()
        assert check_ids(errors) == ["themes.E003", "themes.E003"]
        assert any("includes/footer.html" in error.msg for error in errors)
        # And the loader never uses the copies, whatever theme is active.
        with use_theme("sneaky"):
            footer = get_template("includes/footer.html")
            base = get_template("base.html")
        assert footer.origin.name.endswith("themes/default/templates/includes/footer.html")
        assert base.origin.name.endswith("themes/default/templates/base.html")


def test_a_page_template_must_extend_the_base_skeleton(tmp_path):
    write_theme(
        tmp_path,
        "flat",
        MINIMAL,
        {"templates/columns/column_page.html": "<html><body>没有页脚的栏目页</body></html>"},
    )
    with extra_theme_dir(tmp_path):
        errors = check_themes()
        assert check_ids(errors) == ["themes.E004"]
        assert "column_page.html must start with {% extends %}" in errors[0].msg
        with use_theme("flat"):
            template = get_template("columns/column_page.html")
        assert template.origin.name.endswith("themes/default/templates/columns/column_page.html")


def test_a_header_without_the_search_box_is_warned_about(tmp_path):
    write_theme(tmp_path, "nosearch", MINIMAL, {"templates/includes/header.html": "<div></div>"})
    with extra_theme_dir(tmp_path):
        assert check_ids(check_themes()) == ["themes.W001"]
