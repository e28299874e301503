"""为本文件添加解读: a new interpretation of a chosen kind, started from its document's edit view, already linked to
the document and owned by the document's drafting division (谁起草、谁解读).

The kinds are the page types the interpretation section may hold (asked of the section, never listed here), and
they are offered only to someone who may create pages there for that division.
"""

from dataclasses import dataclass

from django.urls import reverse

from interpretations.models import InterpretationIndexPage, InterpretationPage, Kind, PolicyLink
from policies.models import PolicyPage

from ..models.divisions import belongs_to_division
from ..models.permissions import ALL_DIVISIONS, perm


@dataclass(frozen=True)
class KindChoice:
    kind: str
    label: str
    model: type
    url: str


def interpretation_section():
    return InterpretationIndexPage.objects.first()


def kinds_of(section):
    """Return {kind: page model} of the interpretations `section` may hold, in the order of Kind."""
    models = {
        model.KIND: model
        for model in section.creatable_subpage_models()
        if issubclass(model, InterpretationPage) and model.KIND and model.can_create_at(section)
    }
    return {kind: models[kind] for kind in Kind.values if kind in models}


def may_draft_for(user, division):
    """Return whether `user` may draft a page owned by `division` (theirs, or every division's)."""
    if user.is_superuser or user.has_perm(perm(ALL_DIVISIONS)):
        return True
    return division is not None and belongs_to_division(user, division)


def kind_choices(policy, user):
    """Return the KindChoices `user` may start for `policy` ([] when they may not add interpretations)."""
    if not isinstance(policy, PolicyPage) or policy.pk is None:
        return []
    section = interpretation_section()
    if section is None or not section.permissions_for_user(user).can_add_subpage():
        return []
    if not may_draft_for(user, policy.division):
        return []
    return [
        KindChoice(
            kind, model._meta.verbose_name, model, reverse("editorial_add_interpretation", args=[policy.pk, kind])
        )
        for kind, model in kinds_of(section).items()
    ]


def prefill(page, policy):
    """Link the new, unsaved interpretation `page` to `policy` and give it the document's drafting division."""
    page.division = policy.division
    page.policy_links = [PolicyLink(policy=policy)]
    return page
