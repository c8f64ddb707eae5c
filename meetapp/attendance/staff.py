"""A meeting's check-in staff: accounts that may work its check-in desk (and nothing else of its management)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.auth.models import User
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting

log = logging.getLogger("meetapp.attendance")


class NoSuchAccount(DomainError):
    message = _l("No active account has this email address.")


class AlreadyStaff(DomainError):
    message = _l("This account is already check-in staff of the meeting.")


class NotStaff(DomainError):
    message = _l("This account is not check-in staff of the meeting.")


def add_checkin_staff(meeting: Meeting, email: str) -> User:
    """Let the active account with ``email`` work the meeting's check-in desk; refuses an unknown or inactive
    account and one already on the staff."""
    email = (email or "").strip().lower()
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email, User.active.is_(True)))
    if user is None:
        raise NoSuchAccount()
    if any(staff.id == user.id for staff in meeting.checkin_staff):
        raise AlreadyStaff()
    meeting.checkin_staff.append(user)
    db.session.commit()
    log.info("meeting %s: user %s added to check-in staff", meeting.id, user.id)
    return user


def remove_checkin_staff(meeting: Meeting, user_id: int) -> User:
    """Take an account off the meeting's check-in staff; refuses one that is not on it."""
    user = next((staff for staff in meeting.checkin_staff if staff.id == user_id), None)
    if user is None:
        raise NotStaff()
    meeting.checkin_staff.remove(user)
    db.session.commit()
    log.info("meeting %s: user %s removed from check-in staff", meeting.id, user.id)
    return user
