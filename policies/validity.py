"""Validity (有效性) of a policy document, derived from its dates and from the documents that changed it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    NOT_YET_EFFECTIVE = "not_yet_effective", _("尚未施行")
    IN_FORCE = "in_force", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("修改")
    REPEALS = "repeals", _("废止")
    REPLACES = "replaces", _("代替")


def derive_validity(*, today, effective, expires, declared_expired, repealed, amended):
    """Return the Validity for the given facts; `repealed`/`amended` mean by a document already in force.

    The order matters: a repeal outranks an expiry date, which outranks a future commencement,
    which outranks an amendment. ``PolicyPageQuerySet.with_validity`` states the same rule in SQL.
    """
    if repealed:
        return Validity.REPEALED
    if declared_expired or (expires and expires <= today):
        return Validity.EXPIRED
    if effective and effective > today:
        return Validity.NOT_YET_EFFECTIVE
    if amended:
        return Validity.AMENDED
    return Validity.IN_FORCE
