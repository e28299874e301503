"""What the guide (政府信息公开指南) and the form's pages say of the rules, from the code that applies them."""

from dataclasses import dataclass

from .clock import ANSWER_DAYS, CONSULTATION_DAYS, CORRECTION_NOTICE_DAYS, EXTENSION_DAYS
from .forms import ApplicationForm
from .models import DisclosureGuidePage


def statutory_limits():
    """The clock's time limits in working days (disclosure.clock), for templates: never restated in a template."""
    return {
        "answer_days": ANSWER_DAYS,
        "extension_days": EXTENSION_DAYS,
        "correction_notice_days": CORRECTION_NOTICE_DAYS,
        "consultation_days": CONSULTATION_DAYS,
    }


@dataclass
class GuideField:
    label: str
    required: bool
    help_text: str
    choices: list


def application_fields():
    """The online form's fields as the guide lists them (第二十九条第二款), from the form itself."""
    form = ApplicationForm()
    shown = []
    for name, field in form.fields.items():
        if name == "website":
            continue  # the robots' trap
        choices = [str(label) for value, label in getattr(field, "choices", []) if value]
        shown.append(GuideField(str(field.label), field.required, str(field.help_text), choices))
    return shown


def guide_url():
    """The live guide's address, for the form's pages to link to; "" while there is none."""
    page = DisclosureGuidePage.objects.live().public().first()
    return page.url if page else ""
