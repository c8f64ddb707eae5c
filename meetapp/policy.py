"""Who may do what: the one place meetapp decides access.

Views call ``require`` (decorator) or ``authorize`` (with an object); templates call ``can`` to show or hide links.
A rule takes the user (never anonymous here) and an optional object and answers yes or no.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from meetapp.auth.models import SystemRole

Rule = Callable[..., bool]


def _any_role(*roles: SystemRole) -> Rule:
    return lambda user, obj=None: user.is_authenticated and user.has_role(*roles)


def _signed_in(user, obj=None) -> bool:
    return user.is_authenticated


# --- meetings -------------------------------------------------------------------------------------
# A meeting is managed by admins and by the users named as its organizers; secretaries see every meeting
# (they keep the record); others see it by its visibility: public (anyone), internal (signed in), or
# participants (invited people, through the directory person linked to their account).


def manages_meeting(user, meeting) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(SystemRole.ADMIN):
        return True
    return any(organizer.id == user.id for organizer in meeting.organizers)


def is_participant(user, meeting) -> bool:
    """Invited (and not removed) through the directory person linked to the account: one query."""
    if not user.is_authenticated or user.person_id is None:
        return False
    from meetapp.participants.queries import is_invited

    return is_invited(meeting.id, user.person_id)


def _sees_meeting(user, meeting) -> bool:
    from meetapp.meetings.models import Visibility

    if meeting.visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if meeting.visibility == Visibility.INTERNAL or user.has_role(SystemRole.SECRETARY):
        return True
    return manages_meeting(user, meeting) or is_participant(user, meeting) or _is_checkin_staff(user, meeting)


def _is_checkin_staff(user, meeting) -> bool:
    return user.is_authenticated and any(staff.id == user.id for staff in meeting.checkin_staff)


def _runs_check_in(user, meeting) -> bool:
    """Organizers of the meeting, admins, and the users designated as its check-in staff (who see the meeting to
    work its desk, but manage nothing else of it)."""
    return manages_meeting(user, meeting) or _is_checkin_staff(user, meeting)


def _holds_ticket(user, participant) -> bool:
    """A ticket is its invitee's alone: through the directory person linked to the account."""
    return (
        participant is not None
        and user.is_authenticated
        and user.person_id is not None
        and user.person_id == participant.person_id
    )


def _reads_attendance(user, meeting) -> bool:
    """Managers, check-in staff and secretaries (who write the minutes from it)."""
    return _runs_check_in(user, meeting) or (user.is_authenticated and user.has_role(SystemRole.SECRETARY))


def _sees_join_details(user, meeting) -> bool:
    return manages_meeting(user, meeting) or is_participant(user, meeting)


def _owns_job(user, job) -> bool:
    """A background job (its page, progress, file, retry) is its submitter's, and admins', while they may still do
    on its meeting what the job does (read attendance, print badges, import)."""
    if job is None or not user.is_authenticated:
        return False
    if job.created_by_id != user.id and not user.has_role(SystemRole.ADMIN):
        return False
    from meetapp.jobs.models import JOB_KIND_ACTIONS

    return job.meeting is None or RULES[JOB_KIND_ACTIONS[job.kind]](user, job.meeting)


# --- minutes --------------------------------------------------------------------------------------
# Secretaries (they keep the record) and the meeting's managers draft the minutes. Until published, the minutes are
# theirs and their named reviewers'; published minutes follow the meeting's visibility.


def _keeps_meeting_record(user, meeting) -> bool:
    """Secretaries (they keep the record) and the meeting's managers."""
    return user.is_authenticated and (user.has_role(SystemRole.SECRETARY) or manages_meeting(user, meeting))


def _reviews_minutes(user, minutes) -> bool:
    return user.is_authenticated and any(reviewer.id == user.id for reviewer in minutes.reviewers)


def _reads_minutes(user, minutes) -> bool:
    from meetapp.minutes.models import MinutesStatus

    if minutes.status == MinutesStatus.PUBLISHED:
        return _sees_meeting(user, minutes.meeting)
    return _keeps_meeting_record(user, minutes.meeting) or _reviews_minutes(user, minutes)


def _minutes_tab(user, meeting) -> bool:
    """The meeting's Minutes tab: for those who write them, else when there are minutes this user may read."""
    if _keeps_meeting_record(user, meeting):
        return True
    from meetapp.minutes.queries import minutes_of

    minutes = minutes_of(meeting.id)
    return minutes is not None and _reads_minutes(user, minutes)


def _closes_action_item(user, item) -> bool:
    """The owner (through the directory person linked to the account) and those who write the minutes."""
    if not user.is_authenticated:
        return False
    own = user.person_id is not None and user.person_id == item.owner_id
    return own or _keeps_meeting_record(user, item.minutes.meeting)


# --- records: awards and responsibility statements ------------------------------------------------------
# Secretaries and organizers (and admins) keep the record; every signed-in user reads awards and the statements'
# follow-up. A statement's signed scan is for the record keepers, its signatories and its unit's people, who also
# update its milestones (through the directory person linked to their account).


def _keeps_records(user, obj=None) -> bool:
    return user.is_authenticated and user.has_role(SystemRole.ADMIN, SystemRole.ORGANIZER, SystemRole.SECRETARY)


def _of_statements_unit(user, statement) -> bool:
    if statement is None or not user.is_authenticated or user.person is None:
        return False
    return user.person.unit_id == statement.unit_id


def _sees_statement_scan(user, statement) -> bool:
    if statement is None or not user.is_authenticated:
        return False
    return (
        _keeps_records(user)
        or user.person_id in (statement.first_signatory_id, statement.second_signatory_id)
        or _of_statements_unit(user, statement)
    )


RULES: dict[str, Rule] = {
    "home.view": _signed_in,
    "account.change_password": _signed_in,
    "api.tokens": _signed_in,  # one's own personal access tokens for the API
    "directory.view": _signed_in,
    "directory.edit": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "directory.import": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "accounts.manage": _any_role(SystemRole.ADMIN),
    "meeting.list": _signed_in,
    "meeting.create": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "meeting.view": _sees_meeting,
    "meeting.view_join_details": _sees_join_details,
    "meeting.manage": manages_meeting,
    "attendance.check_in": _runs_check_in,
    "attendance.view": _reads_attendance,
    # Recording the quorum at a resolution item goes into the meeting's record: its managers do it.
    "attendance.record_quorum": manages_meeting,
    "attendance.manage_staff": manages_meeting,  # who may work the meeting's check-in desk
    "attendance.print_badges": manages_meeting,
    "ticket.view": _holds_ticket,
    "attendance.own_ticket": lambda user, meeting=None: meeting is not None and is_participant(user, meeting),
    # The personal RSVP link's token (ticket page) and the join link's token (/j/<token>) are the credential.
    "ticket.view_by_token": lambda user, participant=None: participant is not None,
    "attendance.join_by_link": lambda user, participant=None: participant is not None,
    "attendance.import": manages_meeting,  # video platform reports: they record check-ins for many at once
    # Attendance entered afterwards from the paper sign-in sheet: by those who keep the meeting's record.
    "attendance.record_by_hand": _keeps_meeting_record,
    "venue.manage": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "series.manage": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "calendar.view": _signed_in,
    "job.view": _owns_job,
    "job.retry": _owns_job,
    # The feed's secret token is the credential (calendar apps poll without a session): any holder may read it
    # while the owner's account is active.
    "calendar.read_feed": lambda user, feed=None: feed is not None and feed.user.active,
    "minutes.write": _keeps_meeting_record,  # on the meeting: draft, edit, send for review, publish, amend
    "minutes.view": _reads_minutes,  # on the minutes
    "minutes.review": _reviews_minutes,  # on the minutes: comment and approve
    "minutes.tab": _minutes_tab,  # on the meeting
    "minutes.close_action": _closes_action_item,  # on an action item
    "minutes.my_actions": _signed_in,
    # The personal RSVP link's token is the credential: whoever holds it answers for that invitee, signed in or not.
    "rsvp.respond": lambda user, participant=None: participant is not None,
    # The audit log: administrators read all of it; a meeting's History tab is for its managers and secretaries.
    "audit.view": _any_role(SystemRole.ADMIN),
    "meeting.view_history": lambda user, meeting=None: meeting is not None
    and (manages_meeting(user, meeting) or (user.is_authenticated and user.has_role(SystemRole.SECRETARY))),
    # News releases: the meeting's managers and the secretaries draft, edit, publish and unpublish them; a published
    # release is public (the news page and its feed need no sign-in).
    "news.manage": lambda user, meeting=None: meeting is not None
    and (manages_meeting(user, meeting) or (user.is_authenticated and user.has_role(SystemRole.SECRETARY))),
    "news.read": lambda user, obj=None: True,
    "records.view": _signed_in,
    "records.manage": _keeps_records,
    "statement.view_scan": _sees_statement_scan,
    "statement.update_milestones": lambda user, statement=None: _keeps_records(user)
    or _of_statements_unit(user, statement),
}


def can(action: str, obj=None, user=None) -> bool:
    """Whether ``user`` (default: the current user, possibly anonymous) may do ``action`` (on ``obj``)."""
    user = current_user if user is None else user
    return bool(RULES[action](user, obj))


def authorize(action: str, obj=None) -> None:
    """Stop the request unless the current user may do ``action``: sign-in when signed out, 403 otherwise."""
    if can(action, obj):
        return
    if not current_user.is_authenticated:
        from meetapp.extensions import login_manager

        abort(login_manager.unauthorized())
    abort(403)


def require(action: str):
    """Decorate a view so it runs only for users allowed ``action`` (object-free rules)."""
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            authorize(action)
            return view(*args, **kwargs)

        wrapped.required_action = action
        return wrapped

    return decorator
