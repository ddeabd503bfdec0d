"""``manage.py sso <subcommand>``: single sign-on upkeep.

sync [--rekey]   register every site's client again from the sites (--rekey: new secrets,
                 e.g. after DJANGO_SECRET_KEY changed)
keygen PATH      write a new RSA signing key (PEM) for SITECLUSTER_OIDC_PRIVATE_KEY_FILE
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sitecluster.sso.clients import sync_all_clients
from sitecluster.sso.keys import generate_pem


class Command(BaseCommand):
    help = "统一身份认证：同步站点客户端登记（sync）或生成签名密钥（keygen）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sync = sub.add_parser("sync", help="按站群站点重新登记所有客户端")
        sync.add_argument("--rekey", action="store_true", help="同时更换客户端密钥")
        keygen = sub.add_parser("keygen", help="生成新的 RSA 签名密钥（PEM 文件）")
        keygen.add_argument("path")

    def handle(self, *args, action, **options):
        if action == "sync":
            sync_all_clients(rekey=options["rekey"], stdout=self.stdout)
            return
        path = Path(options["path"])
        if path.exists():
            raise CommandError(f"{path} 已存在，不会覆盖现有密钥。")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_pem(), "ascii")
        path.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"已生成签名密钥 {path}（权限 600）。"))
