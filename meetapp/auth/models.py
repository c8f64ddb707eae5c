"""Accounts: who can sign in, with which system roles."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.directory.models import Person


class SystemRole(enum.StrEnum):
    ADMIN = "admin"
    ORGANIZER = "organizer"
    SECRETARY = "secretary"
    MEMBER = "member"


SYSTEM_ROLE_LABELS = {
    SystemRole.ADMIN: _l("Administrator"),
    SystemRole.ORGANIZER: _l("Organizer"),
    SystemRole.SECRETARY: _l("Secretary"),
    SystemRole.MEMBER: _l("Member"),
}


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    # Deactivated accounts keep their rows (history points at them) but cannot sign in.
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    locale: Mapped[str | None] = mapped_column(sa.String(10))
    # Part of the session cookie's user id: rotating it signs out every existing session.
    session_token: Mapped[str] = mapped_column(sa.String(32), default=new_session_token)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )
    person: Mapped[Person | None] = relationship()

    __table_args__ = (sa.CheckConstraint("email = lower(email)", name="email_lowercase"),)

    # --- Flask-Login -------------------------------------------------------------------------------
    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    # --- passwords ---------------------------------------------------------------------------------
    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # --- roles -------------------------------------------------------------------------------------
    @property
    def roles(self) -> set[SystemRole]:
        return {row.role for row in self.role_rows}

    @roles.setter
    def roles(self, roles) -> None:
        wanted = {SystemRole(r) for r in roles}
        self.role_rows = [row for row in self.role_rows if row.role in wanted] + [
            UserRole(role=r) for r in sorted(wanted - self.roles)
        ]

    def has_role(self, *roles: SystemRole) -> bool:
        return bool(self.roles & set(roles))

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[SystemRole] = mapped_column(str_enum(SystemRole, "system_role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")
