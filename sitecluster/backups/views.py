"""备份与维护日志: the information office's view of backups (list, sizes, start one)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sitecluster.tenancy.roles import is_information_office

from .archive import archives, backup_dir
from .models import MaintenanceLogEntry
from .schedule import queued_run


def _office_only(request):
    if not is_information_office(request.user):
        raise PermissionDenied


def backups_index(request):
    _office_only(request)
    page = Paginator(MaintenanceLogEntry.objects.all(), 50).get_page(request.GET.get("p"))
    context = {
        "entries": page,
        "archives": [
            {"name": path.name, "size": path.stat().st_size} for path in reversed(archives())
        ],
        "folder": backup_dir(),
        "next_run": queued_run(),
        "running": MaintenanceLogEntry.objects.filter(outcome="running").first(),
    }
    return render(request, "backups/admin/index.html", context)


@require_POST
def backups_start(request):
    _office_only(request)
    from .tasks import backup_now

    if MaintenanceLogEntry.objects.filter(operation="backup", outcome="running").exists():
        messages.warning(request, "已有备份正在进行，请稍后再试。")
        return redirect("backups_index")
    backup_now.enqueue(actor=request.user.get_username())
    messages.success(request, "备份已开始，由后台任务执行；完成后在维护日志中显示结果。")
    return redirect("backups_index")
