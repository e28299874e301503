"""Policy document models (being split into cohesive modules)."""

from .page import (  # noqa: F401
    NOT_DISCLOSABLE_MESSAGE,
    Agency,
    ChangeNote,
    Disclosure,
    Division,
    PolicyAttachment,
    PolicyIndexPage,
    PolicyPage,
    PolicyPageForm,
    PolicyPageManager,
    PolicyPageQuerySet,
    PolicyPageTag,
    PolicyRelation,
    Topic,
)
