"""``db_worker`` of django_tasks_db, which first makes sure the scheduled-publishing chain runs.

This app sits before ``django_tasks_db`` in INSTALLED_APPS, so this command wins. Starting the
chain is idempotent: a restart finds the queued run and adds nothing.
"""

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from sitecluster.scheduling.chain import ensure_chain


class Command(DBWorkerCommand):
    help = "运行后台任务进程（并确保定时发布任务链已启动）"

    def handle(self, *args, **options):
        if options.get("backend_name", "default") == "default":
            result_id = ensure_chain()
            if result_id:
                self.stdout.write(f"定时发布任务链：{result_id}")
        return super().handle(*args, **options)
