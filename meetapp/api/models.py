"""Personal access tokens: how programs (check-in devices, video connectors, other systems) use the API."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.auth.models import User


class Scope(enum.StrEnum):
    READ = "read"  # every GET
    WRITE = "write"  # creating and changing meetings, sessions, agenda, participants, records, minutes
    CHECKIN = "checkin"  # recording and undoing check-ins (what a check-in device needs, and nothing more)


SCOPE_LABELS = {
    Scope.READ: _l("Read: everything the account may see"),
    Scope.WRITE: _l("Write: create and change meetings, participants, records and minutes"),
    Scope.CHECKIN: _l("Check-in: record and undo check-ins"),
}


class ApiToken(db.Model):
    """A token acts as its user, limited to its scopes; only the SHA-256 of the secret is stored, so the token is
    shown once, when it is made. Revoking keeps the row (when it was used, by whom)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    # The first characters of the token, so its owner can tell tokens apart; not enough to use it.
    prefix: Mapped[str] = mapped_column(sa.String(12))
    secret_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    can_read: Mapped[bool] = mapped_column(default=True)
    can_write: Mapped[bool] = mapped_column(default=False)
    can_check_in: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    __table_args__ = (sa.CheckConstraint("can_read OR can_write OR can_check_in", name="has_a_scope"),)

    @property
    def scopes(self) -> list[Scope]:
        flags = {Scope.READ: self.can_read, Scope.WRITE: self.can_write, Scope.CHECKIN: self.can_check_in}
        return [scope for scope, on in flags.items() if on]

    @scopes.setter
    def scopes(self, scopes) -> None:
        wanted = {Scope(s) for s in scopes}
        self.can_read, self.can_write, self.can_check_in = (s in wanted for s in (Scope.READ, Scope.WRITE,
                                                                                  Scope.CHECKIN))

    def has_scope(self, scope: Scope) -> bool:
        return scope in self.scopes

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now) and self.user.active

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}…>"
