"""The organisation directory: units (a tree of any depth), people, and named groups of people."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import BilingualName, UTCDateTime, in_language, str_enum, utcnow
from meetapp.extensions import db


class UnitKind(enum.StrEnum):
    GROUP_HQ = "group_hq"
    HQ_DEPARTMENT = "hq_department"
    REGIONAL_OFFICE = "regional_office"
    SUBSIDIARY = "subsidiary"
    RD_INSTITUTE = "rd_institute"
    INNOVATION_CENTER = "innovation_center"
    DEPARTMENT = "department"
    OTHER = "other"


UNIT_KIND_LABELS = {
    UnitKind.GROUP_HQ: _l("Group headquarters"),
    UnitKind.HQ_DEPARTMENT: _l("Headquarters department"),
    UnitKind.REGIONAL_OFFICE: _l("Regional office"),
    UnitKind.SUBSIDIARY: _l("Subsidiary"),
    UnitKind.RD_INSTITUTE: _l("R&D institute"),
    UnitKind.INNOVATION_CENTER: _l("Innovation center"),
    UnitKind.DEPARTMENT: _l("Department"),
    UnitKind.OTHER: _l("Other"),
}


class Unit(BilingualName, db.Model):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A short stable key: what CSV imports and other systems use to name a unit.
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_zh: Mapped[str | None] = mapped_column(sa.String(200))
    kind: Mapped[UnitKind] = mapped_column(str_enum(UnitKind, "unit_kind"), default=UnitKind.OTHER)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[Unit | None] = relationship(back_populates="children", remote_side=[id])
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.name")
    people: Mapped[list[Person]] = relationship(back_populates="unit", order_by="Person.name")

    __table_args__ = (sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),)

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


group_members = sa.Table(
    "group_members",
    db.Model.metadata,
    sa.Column("group_id", sa.ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Person(BilingualName, db.Model):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    name_zh: Mapped[str | None] = mapped_column(sa.String(100), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(200))
    title_zh: Mapped[str | None] = mapped_column(sa.String(200))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit | None] = relationship(back_populates="people")
    groups: Mapped[list[Group]] = relationship(
        secondary=group_members, back_populates="members", order_by="Group.name"
    )

    def display_title(self, locale: str | None = None) -> str:
        return in_language(self.title, self.title_zh, locale) or ""

    def __repr__(self) -> str:
        return f"<Person {self.name}>"


class Group(BilingualName, db.Model):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_zh: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[Person]] = relationship(
        secondary=group_members, back_populates="groups", order_by="Person.name"
    )

    def __repr__(self) -> str:
        return f"<Group {self.code}>"
