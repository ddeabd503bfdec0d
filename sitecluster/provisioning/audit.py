"""Audit-log actions of the cluster's site lifecycle (shown in Chinese in Wagtail's logs)."""

SITE_ACTIONS = {
    "sitecluster.site.create": ("创建站点", "按站点模板创建站点"),
    "sitecluster.site.archive": ("归档站点", "归档站点：下线全部页面并移除域名"),
    "sitecluster.site.restore": ("恢复站点", "恢复已归档的站点"),
    "sitecluster.site.delete": ("删除站点", "删除空站点"),
    "sitecluster.site.rollout": ("更新站点模板", "将站点模板的新版本应用到站点"),
    "sitecluster.blueprint.copy": ("复制站点模板", "复制站点模板"),
}


def register_site_actions(actions) -> None:
    for action, (label, message) in SITE_ACTIONS.items():
        actions.register_action(action, label, message)
