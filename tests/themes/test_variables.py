"""Theme variables: validated with Chinese messages, applied as CSS custom properties."""

from __future__ import annotations

import pytest

from django.core.cache import cache
from django.test import TestCase

from sitecluster.tenancy.models import ClusterSite
from tests.cluster import FGW_HOST, build_two_site_cluster
from themes.registry import registry
from themes.variables import clean_site_values, contrast_ratio


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#fff", "#fff") == pytest.approx(1.0)
    assert contrast_ratio("#0b4ea2", "#ffffff") > 4.5


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"brand": "blue"}, "brand", "“主色”必须是十六进制颜色"),
        ({"brand": "#12345"}, "brand", "“主色”必须是十六进制颜色"),
        ({"brand": "#ffee00"}, "brand", "对比度只有 1.2:1，至少需要 4.5:1"),
        ({"header_style": "fancy"}, "header_style", "“页头样式”只能是以下之一"),
        ({"logo": "http://evil.example/x.png"}, "logo", "“标志”必须是图片库中的图片"),
        ({"slogan": "x" * 31}, "slogan", "“页头标语”不能超过 30 个字符"),
        ({"slogan": "</style><script>"}, "slogan", "不能包含"),
        ({"nosuch": "1"}, "nosuch", "当前主题没有名为“nosuch”的变量"),
    ],
)
def test_bad_site_values_are_refused_in_chinese(values, field, message):
    cleaned, errors = clean_site_values(registry.get("red").variables, values)
    assert cleaned == {}
    assert message in " ".join(errors[field])


def test_good_site_values_are_normalised():
    cleaned, errors = clean_site_values(
        registry.get("red").variables,
        {"brand": "#A01", "header_style": "compact", "slogan": " 为民服务 ", "logo": "7"},
    )
    assert errors == {}
    assert cleaned == {
        "brand": "#aa0011",
        "header_style": "compact",
        "slogan": "为民服务",
        "logo": 7,
    }


class CssVariablesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)

    def page(self):
        cache.clear()
        return self.client.get("/", HTTP_HOST=FGW_HOST).content.decode()

    def test_manifest_defaults_then_site_overrides_become_css_custom_properties(self):
        ClusterSite.objects.filter(pk=self.cluster.fgw.pk).update(theme="red")
        html = self.page()
        self.assertIn("--brand: #b3121b;", html)
        self.assertIn("--gold: #d9a520;", html)
        self.assertIn("site-header--centered", html)
        ClusterSite.objects.filter(pk=self.cluster.fgw.pk).update(
            theme_variables={"brand": "#7a0000", "header_style": "compact", "slogan": "为民服务"}
        )
        html = self.page()
        self.assertIn("--brand: #7a0000;", html)
        self.assertIn("site-header--compact", html)
        self.assertIn('<span class="red-masthead__slogan">为民服务</span>', html)

    def test_invalid_stored_values_are_ignored_not_rendered(self):
        ClusterSite.objects.filter(pk=self.cluster.fgw.pk).update(
            theme="default",
            theme_variables={"brand": "red;}</style><script>alert(1)</script>", "accent": "#900"},
        )
        with self.assertLogs("sitecluster.themes", "WARNING"):
            html = self.page()
        self.assertNotIn("alert(1)", html)
        self.assertIn("--brand: #0b4ea2;", html)
        self.assertIn("--accent: #990000;", html)
