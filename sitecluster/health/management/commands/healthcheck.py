"""``manage.py healthcheck [--schedule-heartbeat] [--strict]``: the /healthz checks on the
command line (exit status 1 on failure), and the start of the worker's heartbeat chain."""

from django.core.management.base import BaseCommand, CommandError

from sitecluster.health import heartbeat
from sitecluster.health.checks import overall, run_checks


class Command(BaseCommand):
    help = "检查数据库、缓存、后台进程和搜索引擎；可启动后台进程心跳任务。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule-heartbeat",
            action="store_true",
            help="排入后台进程心跳任务（已排入时不重复），然后退出",
        )
        parser.add_argument("--strict", action="store_true", help="任何一项异常都返回失败")

    def handle(self, *args, schedule_heartbeat=False, strict=False, **options):
        if schedule_heartbeat:
            queued = heartbeat.schedule_heartbeat(delay=0)
            self.stdout.write(
                "已排入心跳任务。" if queued else "心跳任务已在队列中（或无需后台进程）。"
            )
            return
        results = run_checks()
        for result in results:
            mark = "正常" if result.ok else "异常"
            self.stdout.write(f"{result.label:<8} {mark}  {result.detail}  ({result.ms:.1f} ms)")
        status = overall(results)
        self.stdout.write(f"总体状态：{status}")
        if status == "fail" or (strict and status != "ok"):
            raise CommandError("健康检查未通过。")
