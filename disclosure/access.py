"""Who on the staff sees which requests, and with them the applicant's personal data.

Only the office (办公室, ``disclosure.manage_requests``), the legal division (法规处, ``disclosure.view_all_requests``)
and the division a request is assigned to (``disclosure.handle_assigned_requests``, limited to the user's own
divisions) see a request at all, and whoever sees a request sees who applied: so the personal data of an
applicant reaches exactly those three. Everyone else sees nothing, not even that a request exists.

A user's divisions are asked of core.ownership (``user_division_ids``), the one place that knows who belongs to
which division, in both directions (the reminders ask it the other way round).
"""

from core.ownership import user_division_ids

from .models import DisclosureRequest

MANAGE = "disclosure.manage_requests"
VIEW_ALL = "disclosure.view_all_requests"
HANDLE_ASSIGNED = "disclosure.handle_assigned_requests"


def is_office(user):
    return user.is_active and user.has_perm(MANAGE)


def sees_all(user):
    return user.is_active and (user.has_perm(MANAGE) or user.has_perm(VIEW_ALL))


def may_use(user):
    """Whether `user` has any part in requests (the admin menu and the dashboard panel show for them)."""
    return user.is_active and any(user.has_perm(name) for name in (MANAGE, VIEW_ALL, HANDLE_ASSIGNED))


def visible_requests(user):
    """Return the requests `user` may see (and whose applicants' data they may read)."""
    requests = DisclosureRequest.objects.all()
    if not user.is_authenticated or not user.is_active:
        return requests.none()
    if sees_all(user):
        return requests
    if user.has_perm(HANDLE_ASSIGNED):
        return requests.assigned_to(user_division_ids(user))
    return requests.none()


def may_view(user, request):
    return visible_requests(user).filter(pk=request.pk).exists()


def is_handler(user, request):
    """The office, or a member of the division the request is assigned to."""
    if is_office(user):
        return True
    return (
        request.division_id is not None
        and user.has_perm(HANDLE_ASSIGNED)
        and request.division_id in user_division_ids(user)
    )
