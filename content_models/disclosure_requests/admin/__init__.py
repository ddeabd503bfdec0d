"""Admin of 依申请公开; imported only by wagtail_hooks."""

from .panels import DashboardPanel
from .viewsets import calendar_viewset, request_viewset

__all__ = ["DashboardPanel", "calendar_viewset", "request_viewset"]
