"""Audit-log actions of 主题管理 (shown in site history and the 站群设置 history)."""

from wagtail.log_actions import LogFormatter

from ..mourning import ACTION_OFF, ACTION_ON
from ..registry import registry
from .views import ACTION_SWITCH, ACTION_VARIABLES


def _title(name):
    theme = registry.get(name)
    return theme.title if theme else name


def register_theme_actions(actions):
    @actions.register_action(ACTION_SWITCH)
    class SwitchTheme(LogFormatter):
        label = "切换主题"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            how = "（批量切换）" if data.get("bulk") else ""
            return f"主题由“{_title(data.get('from'))}”切换为“{_title(data.get('to'))}”{how}"

    @actions.register_action(ACTION_VARIABLES)
    class ChangeVariables(LogFormatter):
        label = "修改主题变量"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"修改了“{_title(data.get('to'))}”主题的站点变量"

    @actions.register_action(ACTION_ON)
    class MourningOn(LogFormatter):
        label = "开启全站置灰"

        def format_message(self, log_entry):
            until = (log_entry.data or {}).get("until")
            return (
                f"开启全站置灰，结束时间：{until[:16].replace('T', ' ')}"
                if until
                else ("开启全站置灰（手动关闭）")
            )

    actions.register_action(ACTION_OFF, "关闭全站置灰", "关闭全站置灰")
