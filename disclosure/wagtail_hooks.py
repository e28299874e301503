"""Admin hooks of the disclosure requests: the audit log's actions (more below as the admin grows)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models.codes import EventKind


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("disclosure.viewed", _("查看申请"), _("查看了申请及申请人信息"))
    actions.register_action("disclosure.exported", _("导出申请"), _("导出了申请清单（CSV）"))
    for kind in EventKind:
        actions.register_action(f"disclosure.{kind.value}", kind.label, kind.label)
