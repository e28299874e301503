"""InterpretationChangeNote: a public note of a major change (更新记录) to a published interpretation."""

from django.db import models
from modelcluster.fields import ParentalKey

from policies.models.change_notes import BaseChangeNote


class InterpretationChangeNote(BaseChangeNote):
    """Shown on the interpretation; the followers of the documents it interprets are told (following.py)."""

    page = ParentalKey("interpretations.InterpretationPage", on_delete=models.CASCADE, related_name="change_notes")
