"""系统状态 in the admin: the information office sees the checks; site users do not."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from sitecluster.health.models import WorkerHeartbeat
from sitecluster.health.wagtail_hooks import status_menu_item
from tests.cluster import PORTAL_HOST, build_two_site_cluster


class StatusPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # The admin answers on the cluster's hostnames only.
        build_two_site_cluster(articles_per_column=0)
        User = get_user_model()
        cls.office = User.objects.create_user("office", password="x", is_staff=True)
        cls.office.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="manage_cluster"),
        )
        cls.editor = User.objects.create_user("editor", password="x", is_staff=True)
        cls.editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        cls.url = reverse("health_status")

    def setUp(self):
        self.client.defaults["HTTP_HOST"] = PORTAL_HOST

    def test_office_sees_every_check(self):
        self.client.force_login(self.office)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        for text in (
            "系统状态",
            "数据库",
            "缓存",
            "后台任务进程",
            "搜索引擎",
            "总体状态：<strong>正常",
        ):
            self.assertContains(response, text)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_office_sees_workers_queue_and_chart(self):
        WorkerHeartbeat.objects.create(worker_id="worker-a", beat_at=timezone.now())
        self.client.force_login(self.office)
        response = self.client.get(self.url)
        self.assertContains(response, "worker-a")
        self.assertContains(response, "任务队列")
        self.assertContains(response, "<svg")

    def test_site_users_are_refused(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url)
        # Refused: 403, or Wagtail's redirect to the dashboard with "no permission".
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)
        self.assertNotContains(response, "后台任务进程", status_code=response.status_code)

    def test_anonymous_goes_to_login(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertNotContains(response, "后台任务进程", status_code=302)

    def test_menu_item_only_for_the_office(self):
        item = status_menu_item()
        self.assertEqual(item.url, self.url)
        for user, shown in ((self.office, True), (self.editor, False)):
            request = RequestFactory().get("/admin/")
            request.user = user
            self.assertIs(item.is_shown(request), shown)
