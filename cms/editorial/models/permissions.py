"""The permissions of editorial work that belongs to no single model.

``EditorialPermissions`` only declares the permissions (its table stays empty; being a plain model keeps
backups and other code that visits every model's table working), which the roles table
(``cms.editorial.roles.groups.ROLES``) grants to groups and the code checks with ``user.has_perm`` —
never by group name. Superusers hold them all.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

APP_LABEL = "editorial"
ACT_AS_OFFICE = "act_as_office"
ALL_DIVISIONS = "act_on_all_divisions"
VIEW_RELEASE_QUEUE = "view_release_queue"
VIEW_INTERPRETATION_REPORT = "view_interpretation_report"
VIEW_CONSULTATION_REPORT = "view_consultation_report"


def perm(codename):
    """Return the "app_label.codename" name of an editorial permission, as ``has_perm`` takes it."""
    return f"{APP_LABEL}.{codename}"


class EditorialPermissions(models.Model):
    """Holds the editorial permissions; no rows (see the module docstring)."""

    class Meta:
        default_permissions = ()
        verbose_name = _("编辑审核权限")
        verbose_name_plural = _("编辑审核权限")
        permissions = (
            (ACT_AS_OFFICE, "可以执行办公室操作（紧急发布、确认审核、撤回、错误发布删除、替代）"),
            (ALL_DIVISIONS, "可以处理所有起草处室的页面"),
            (VIEW_RELEASE_QUEUE, "可以查看待发布的解读和定时发布的文件"),
            (VIEW_INTERPRETATION_REPORT, "可以查看解读情况报表"),
            (VIEW_CONSULTATION_REPORT, "可以查看意见征集情况报表"),
        )

    def __str__(self):
        return str(self._meta.verbose_name)
