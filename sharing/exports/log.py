"""Every export is written to the page's history (Wagtail's log), naming the format and the revision it came from."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

EXPORT_ACTION = "sharing.export"
FORMATS = {"wechat": _("微信图文"), "weibo": _("微博文案"), "poster": _("一图读懂海报")}


class ExportFormatter(LogFormatter):
    label = _("导出新媒体稿件")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        name = FORMATS.get(data.get("format"), data.get("format", ""))
        return _("导出%(format)s（来自已发布的修订版本 %(revision)s）") % {
            "format": name,
            "revision": data.get("revision") or "",
        }


def log_export(page, user, format_name):
    log(
        instance=page,
        action=EXPORT_ACTION,
        user=user,
        data={"format": format_name, "revision": page.live_revision_id},
    )
