"""The editorial models: division groups, the review steps and releases awaiting their document.

The holiday list and the working-day clock live in core (``core.models.Holiday``, ``core.workdays``).

Each lives in the module of its rule; this package only gathers them for Django and for importers.
"""

from .divisions import DivisionGroup
from .permissions import EditorialPermissions
from .release import AwaitingRelease
from .tasks import DivisionHeadReviewTask, LegalityReviewTask, PublicationReviewTask, ReviewTask

__all__ = [
    "DivisionGroup",
    "AwaitingRelease",
    "EditorialPermissions",
    "ReviewTask",
    "DivisionHeadReviewTask",
    "LegalityReviewTask",
    "PublicationReviewTask",
]
