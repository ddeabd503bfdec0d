"""Which roles must use a TOTP second factor: decided by the information office."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="lock")
class AccountSecuritySettings(BaseGenericSetting):
    totp_information_office = models.BooleanField(
        "信息中心须使用动态验证码",
        default=False,
        help_text="开启后，信息中心人员登录时须在密码之后输入动态验证码。",
    )
    totp_site_admin = models.BooleanField("站点管理员须使用动态验证码", default=False)
    totp_reviewer = models.BooleanField("审核员须使用动态验证码", default=False)
    totp_editor = models.BooleanField("编辑须使用动态验证码", default=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("totp_information_office"),
                FieldPanel("totp_site_admin"),
                FieldPanel("totp_reviewer"),
                FieldPanel("totp_editor"),
            ],
            heading="双因素认证（动态验证码）",
            help_text="已启用动态验证码的用户无论角色如何，登录时都须输入验证码。",
        )
    ]

    class Meta:
        verbose_name = "账号安全设置"
        verbose_name_plural = "账号安全设置"
