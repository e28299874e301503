"""The editorial models: division groups, the review steps, releases awaiting their document, and holidays.

Each lives in the module of its rule; this package only gathers them for Django and for importers.
"""

from .divisions import DivisionGroup
from .holidays import Holiday, HolidayForm, HolidayQuerySet
from .permissions import EditorialPermissions
from .release import AwaitingRelease
from .tasks import DivisionHeadReviewTask, LegalityReviewTask, PublicationReviewTask, ReviewTask

__all__ = [
    "DivisionGroup",
    "AwaitingRelease",
    "EditorialPermissions",
    "Holiday",
    "HolidayForm",
    "HolidayQuerySet",
    "ReviewTask",
    "DivisionHeadReviewTask",
    "LegalityReviewTask",
    "PublicationReviewTask",
]
