"""``manage.py cluster <subcommand>``: the information office's site lifecycle on the command line.

    create-site --blueprint department --code jyj --name 教育局 --org-code <USCC> [--org-name]
                [--short-name] [--hostname h] [--alias a ...] [--theme t] [--user admin]
    archive-site --site jyj          restore-site --site jyj          delete-site --site jyj
    rollout --blueprint department [--site a --site b | --all] [--apply]
    sync                             rebuild-search [--replay]
    backup [--no-prune] [--schedule]  restore <file> [--yes]   (sitecluster.backups.commands)
    nginx-config [--output f] [--upstream 127.0.0.1:8001] [--listen 80] [--forwarded-proto p]
                 [--ssl-certificate c --ssl-certificate-key k] [--page-cache-include f]

Validation errors exit non-zero with a Chinese message and write nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from sitecluster.backups import commands as backup_commands
from sitecluster.provisioning import (
    BlueprintError,
    apply_rollout,
    archive_site,
    delete_site,
    plan_rollout,
    provision_site,
    restore_site,
)
from sitecluster.provisioning.blueprints import get_blueprint
from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.sync import sync_all


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "\n".join(
            f"  {field}: {message}"
            for field, errors in exc.message_dict.items()
            for message in errors
        )
    return "\n".join(f"  {message}" for message in exc.messages)


class Command(BaseCommand):
    help = "站群站点管理：创建、归档、恢复、删除站点，更新站点模板，重建域名路由。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        create = sub.add_parser("create-site", help="按站点模板创建站点（一个事务）")
        create.add_argument("--blueprint", required=True, help="站点模板（内置名称或副本代码）")
        create.add_argument("--code", required=True, help="站点代码，如 jyj")
        create.add_argument("--name", required=True, help="站点名称，如 河东区教育局")
        create.add_argument("--short-name", default="")
        create.add_argument("--org-code", default="", help="主办机构统一社会信用代码")
        create.add_argument("--org-name", default="", help="新机构全称（默认同站点名称）")
        create.add_argument("--hostname", default="")
        create.add_argument("--alias", action="append", default=[], help="旧域名，可重复")
        create.add_argument("--theme", default=None)
        create.add_argument("--user", default=None, help="记入审计日志的用户名")
        for name, text in (
            ("archive-site", "归档站点：下线全部页面，移除域名，保留内容"),
            ("restore-site", "恢复已归档的站点"),
            ("delete-site", "删除空站点"),
        ):
            action = sub.add_parser(name, help=text)
            action.add_argument("--site", required=True, help="站点代码")
            action.add_argument("--user", default=None)
        rollout = sub.add_parser("rollout", help="把站点模板的变化更新到站点（默认只预览）")
        rollout.add_argument("--blueprint", required=True)
        rollout.add_argument("--site", action="append", default=[], help="站点代码，可重复")
        rollout.add_argument("--all", action="store_true", help="所有使用该模板的站点")
        rollout.add_argument("--apply", action="store_true", help="实际应用（默认只显示差异）")
        rollout.add_argument("--user", default=None)
        sub.add_parser("sync", help="按站群站点重建 Wagtail 站点、域名和别名（部署后运行）")
        nginx = sub.add_parser("nginx-config", help="按站群站点生成 nginx 站点配置")
        nginx.add_argument("--output", default="", help="写入文件（默认输出到屏幕）")
        nginx.add_argument("--upstream", default="127.0.0.1:8001", help="gunicorn 地址")
        nginx.add_argument("--listen", default="80", help="监听端口或 地址:端口")
        nginx.add_argument(
            "--forwarded-proto",
            default="$scheme",
            help="传给应用的 X-Forwarded-Proto（默认 $scheme；TLS 在前置设备上终止时填 https）",
        )
        nginx.add_argument("--ssl-certificate", default="")
        nginx.add_argument("--ssl-certificate-key", default="")
        nginx.add_argument(
            "--page-cache-include",
            default=None,
            help="页面缓存片段（默认 deploy/nginx/page-cache.conf，存在时引用；空值不引用）",
        )
        search = sub.add_parser("rebuild-search", help="重建站群搜索索引（带进度条）")
        search.add_argument(
            "--replay", action="store_true", help="只补推搜索引擎离线期间排队的变更"
        )
        backup_commands.add_arguments(sub)

    def handle(self, *args, subcommand, **options):
        with translation.override("zh-hans"):
            self.user = self._user(options.get("user"))
            handler = getattr(self, "do_" + subcommand.replace("-", "_"))
            try:
                handler(**options)
            except ValidationError as exc:
                raise CommandError("操作未执行：\n" + _messages(exc)) from exc
            except BlueprintError as exc:
                raise CommandError(exc.chinese) from exc

    # -- helpers -------------------------------------------------------------------------
    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        return user

    def _site(self, code) -> ClusterSite:
        site = ClusterSite.objects.filter(code=code).first()
        if site is None:
            raise CommandError(f"没有代码为 {code} 的站点。")
        return site

    def _progress(self, label):
        def report(done, total):
            if done == total or done % 100 == 0:
                self.stdout.write(f"  {label} {done}/{total}")

        return report

    # -- subcommands ---------------------------------------------------------------------
    def do_create_site(self, **o):
        site = provision_site(
            blueprint=o["blueprint"],
            code=o["code"],
            name=o["name"],
            short_name=o["short_name"],
            org_code=o["org_code"],
            org_name=o["org_name"],
            hostname=o["hostname"],
            aliases=o["alias"],
            theme=o["theme"],
            user=self.user,
        )
        address = site.canonical_url() or site.mount_path
        self.stdout.write(
            self.style.SUCCESS(
                f"已创建站点 {site.name}（{site.code}，模板 {site.blueprint} 第 "
                f"{site.blueprint_version} 版）：{address}"
            )
        )

    def do_archive_site(self, **o):
        site = self._site(o["site"])
        count = archive_site(site, user=self.user, progress=self._progress("下线页面"))
        self.stdout.write(self.style.SUCCESS(f"已归档站点 {site.name}：{count} 个页面已下线。"))

    def do_restore_site(self, **o):
        site = self._site(o["site"])
        count = restore_site(site, user=self.user, progress=self._progress("恢复页面"))
        self.stdout.write(self.style.SUCCESS(f"已恢复站点 {site.name}：重新发布 {count} 个页面。"))

    def do_delete_site(self, **o):
        site = self._site(o["site"])
        delete_site(site, user=self.user)
        self.stdout.write(self.style.SUCCESS(f"已删除站点 {site.name}。"))

    def do_rollout(self, **o):
        blueprint = get_blueprint(o["blueprint"])
        if o["all"] == bool(o["site"]):
            raise CommandError(
                "请用 --site 指定站点，或用 --all 选择所有使用该模板的站点（二选一）。"
            )
        if o["all"]:
            sites = list(ClusterSite.objects.filter(blueprint=blueprint.name))
        else:
            sites = [self._site(code) for code in o["site"]]
        plans = [plan_rollout(site, blueprint) for site in sites]
        verb = "应用" if o["apply"] else "预览（未应用，加 --apply 应用）"
        self.stdout.write(f"站点模板 {blueprint.name} 第 {blueprint.version} 版，{verb}：")
        changed = 0
        with transaction.atomic():
            for number, plan in enumerate(plans, 1):
                self.stdout.write(f"[{number}/{len(plans)}] {plan.site.name}（{plan.site.code}）")
                if not plan.has_changes:
                    self.stdout.write("  已是最新。")
                    continue
                changed += 1
                for line in plan.lines():
                    self.stdout.write(f"  {line}")
                if o["apply"]:
                    apply_rollout(plan, user=self.user)
        summary = (
            f"{changed} 个站点{'已更新' if o['apply'] else '有变化'}，共 {len(plans)} 个站点。"
        )
        self.stdout.write(self.style.SUCCESS(summary))

    def do_sync(self, **o):
        from sitecluster.sso.clients import sync_all_clients

        with transaction.atomic():
            sync_all(stdout=self.stdout)
            sync_all_clients(stdout=self.stdout)  # single sign-on client registrations
        self.stdout.write(
            self.style.SUCCESS(f"已同步 {ClusterSite.objects.count()} 个站点的域名路由。")
        )

    def do_nginx_config(self, **o):
        from sitecluster.health.nginx_config import (
            NginxConfigError,
            NginxOptions,
            render_nginx_config,
        )

        options = NginxOptions(
            upstream=o["upstream"],
            listen=o["listen"],
            forwarded_proto=o["forwarded_proto"],
            ssl_certificate=o["ssl_certificate"],
            ssl_certificate_key=o["ssl_certificate_key"],
            page_cache_include=o["page_cache_include"],
        )
        try:
            text = render_nginx_config(options)
        except NginxConfigError as exc:
            raise CommandError(str(exc)) from exc
        if not o["output"]:
            self.stdout.write(text, ending="")
            return
        with open(o["output"], "w", encoding="utf-8") as handle:
            handle.write(text)
        self.stdout.write(self.style.SUCCESS(f"已生成 nginx 配置：{o['output']}"))

    def do_rebuild_search(self, replay=False, **o):
        # By name: the search app reads the tenancy models, never the other way round.
        call_command("rebuild_search", replay=replay, stdout=self.stdout, stderr=self.stderr)

    def do_backup(self, **o):
        backup_commands.do_backup(self, self.user, **o)

    def do_restore(self, **o):
        backup_commands.do_restore(self, self.user, **o)
