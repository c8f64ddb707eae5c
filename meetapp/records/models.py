"""The record a meeting leaves: award programs with their levels and awards, and responsibility-statement batches
with their statements and milestones."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, in_language, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.agenda.models import AgendaItem
    from meetapp.auth.models import User
    from meetapp.directory.models import Person, Unit


def _bilingual(english: str | None, chinese: str | None, locale: str | None) -> str:
    return in_language(english, chinese, locale) or ""


# --- awards ------------------------------------------------------------------------------------------


class LevelKind(enum.StrEnum):
    SPECIAL = "special"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    CUSTOM = "custom"


LEVEL_KIND_LABELS = {
    LevelKind.SPECIAL: _l("Special prize"),
    LevelKind.FIRST: _l("First prize"),
    LevelKind.SECOND: _l("Second prize"),
    LevelKind.THIRD: _l("Third prize"),
    LevelKind.CUSTOM: _l("Other level"),
}
STANDARD_LEVELS = (LevelKind.SPECIAL, LevelKind.FIRST, LevelKind.SECOND, LevelKind.THIRD)


class AwardProgram(db.Model):
    """One year's awards of one scheme, e.g. "2025 China Minmetals S&T Award"; its decisions are announced at one
    agenda item and the awards handed over at another (both optional: the record may come before the agenda)."""

    __tablename__ = "award_programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_zh: Mapped[str | None] = mapped_column(sa.String(200))
    year: Mapped[int] = mapped_column(index=True)
    announcement_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    presentation_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    announcement_item: Mapped[AgendaItem | None] = relationship(foreign_keys=[announcement_item_id])
    presentation_item: Mapped[AgendaItem | None] = relationship(foreign_keys=[presentation_item_id])
    levels: Mapped[list[AwardLevel]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="AwardLevel.rank"
    )
    awards: Mapped[list[Award]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="Award.run_order"
    )

    __table_args__ = (
        sa.UniqueConstraint("name", "year", name="uq_award_programs_name_year"),
        sa.CheckConstraint("year >= 1900 AND year <= 2200", name="year_range"),
    )

    def display_name(self, locale: str | None = None) -> str:
        return _bilingual(self.name, self.name_zh, locale)


class AwardLevel(db.Model):
    """A level of a program: the four standard prizes, or a custom one (e.g. "Outstanding young scientist");
    ``rank`` orders them, highest first."""

    __tablename__ = "award_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(sa.ForeignKey("award_programs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[LevelKind] = mapped_column(str_enum(LevelKind, "award_level_kind"))
    name: Mapped[str | None] = mapped_column(sa.String(100))  # custom levels only
    name_zh: Mapped[str | None] = mapped_column(sa.String(100))
    rank: Mapped[int] = mapped_column(default=0)

    program: Mapped[AwardProgram] = relationship(back_populates="levels")

    __table_args__ = (
        sa.CheckConstraint("kind = 'custom' OR name IS NULL", name="standard_unnamed"),
        sa.CheckConstraint("kind <> 'custom' OR name IS NOT NULL", name="custom_named"),
    )

    def label(self, locale: str | None = None) -> str:
        if self.kind is LevelKind.CUSTOM:
            return _bilingual(self.name, self.name_zh, locale)
        return str(LEVEL_KIND_LABELS[self.kind])

    def __str__(self) -> str:  # the audit trail's label
        return self.label("en")

    @property
    def key(self) -> str:
        """How CSV files name the level: the kind of a standard level, the English name of a custom one."""
        return self.kind.value if self.kind is not LevelKind.CUSTOM else (self.name or "")


class Award(db.Model):
    """An award of a program: a project or achievement, its level and recipients, and how it is handed over
    (``run_order`` on the run-sheet, who presents it, who receives it on the recipients' behalf)."""

    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(sa.ForeignKey("award_programs.id", ondelete="CASCADE"), index=True)
    level_id: Mapped[int] = mapped_column(sa.ForeignKey("award_levels.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    title_zh: Mapped[str | None] = mapped_column(sa.String(300))
    team_name: Mapped[str | None] = mapped_column(sa.String(200))
    citation: Mapped[str | None] = mapped_column(sa.Text)
    decision_ref: Mapped[str | None] = mapped_column(sa.String(100))
    run_order: Mapped[int] = mapped_column(default=0)
    presenter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), index=True)
    received_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), index=True)
    presented: Mapped[bool] = mapped_column(default=False)
    presented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    program: Mapped[AwardProgram] = relationship(back_populates="awards")
    level: Mapped[AwardLevel] = relationship()
    presenter: Mapped[Person | None] = relationship(foreign_keys=[presenter_id])
    received_by: Mapped[Person | None] = relationship(foreign_keys=[received_by_id])
    recipients: Mapped[list[AwardRecipient]] = relationship(
        back_populates="award", cascade="all, delete-orphan", order_by="AwardRecipient.position"
    )

    __table_args__ = (sa.CheckConstraint("presented OR presented_at IS NULL", name="presented_at_when_presented"),)

    def display_title(self, locale: str | None = None) -> str:
        return _bilingual(self.title, self.title_zh, locale)


class RecipientRole(enum.StrEnum):
    RECIPIENT = "recipient"  # a person or unit the award is made to
    TEAM_MEMBER = "team_member"  # a member of the award's team


class AwardRecipient(db.Model):
    """A person or unit the award goes to, or a member of its team. A person keeps the unit they belonged to when
    the award was made (``unit_id``), so the registry's unit filter stays true to the year."""

    __tablename__ = "award_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(sa.ForeignKey("awards.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    role: Mapped[RecipientRole] = mapped_column(
        str_enum(RecipientRole, "award_recipient_role"), default=RecipientRole.RECIPIENT
    )
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)

    award: Mapped[Award] = relationship(back_populates="recipients")
    person: Mapped[Person | None] = relationship()
    unit: Mapped[Unit | None] = relationship()

    __table_args__ = (sa.CheckConstraint("person_id IS NOT NULL OR unit_id IS NOT NULL", name="person_or_unit"),)

    def display_name(self, locale: str | None = None) -> str:
        return (self.person or self.unit).display_name(locale)


# --- responsibility statements ---------------------------------------------------------------------------


class StatementStatus(enum.StrEnum):
    DRAFTED = "drafted"
    SIGNED = "signed"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


STATEMENT_STATUS_LABELS = {
    StatementStatus.DRAFTED: _l("Drafted"),
    StatementStatus.SIGNED: _l("Signed"),
    StatementStatus.IN_PROGRESS: _l("In progress"),
    StatementStatus.COMPLETED: _l("Completed"),
}


class StatementBatch(db.Model):
    """The statements of one year signed together, e.g. "2026 Responsibility Statements for Key S&T Innovation
    Tasks", at the meeting's signing agenda item."""

    __tablename__ = "statement_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_zh: Mapped[str | None] = mapped_column(sa.String(200))
    year: Mapped[int] = mapped_column(index=True)
    signing_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signing_item: Mapped[AgendaItem | None] = relationship()
    statements: Mapped[list[Statement]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="Statement.position"
    )

    __table_args__ = (
        sa.UniqueConstraint("name", "year", name="uq_statement_batches_name_year"),
        sa.CheckConstraint("year >= 1900 AND year <= 2200", name="year_range"),
    )

    def display_name(self, locale: str | None = None) -> str:
        return _bilingual(self.name, self.name_zh, locale)


class Statement(db.Model):
    """One key task a unit answers for, signed by two people (e.g. the group's leader and the unit's head).

    The signing is recorded once: when, at which agenda item, who actually signed each side, and the scan of
    the signed paper (stored outside the web root, see ``meetapp.uploads``)."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("statement_batches.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key_task: Mapped[str] = mapped_column(sa.String(300))
    key_task_zh: Mapped[str | None] = mapped_column(sa.String(300))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    first_signatory_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    second_signatory_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    targets: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[StatementStatus] = mapped_column(
        str_enum(StatementStatus, "statement_status"), default=StatementStatus.DRAFTED
    )
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    first_signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    second_signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    signing_recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    scan_filename: Mapped[str | None] = mapped_column(sa.String(255))
    scan_stored_name: Mapped[str | None] = mapped_column(sa.String(100), unique=True)
    scan_content_type: Mapped[str | None] = mapped_column(sa.String(100))
    scan_size: Mapped[int | None] = mapped_column()
    scan_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    batch: Mapped[StatementBatch] = relationship(back_populates="statements")
    unit: Mapped[Unit] = relationship()
    first_signatory: Mapped[Person] = relationship(foreign_keys=[first_signatory_id])
    second_signatory: Mapped[Person] = relationship(foreign_keys=[second_signatory_id])
    first_signed_by: Mapped[Person | None] = relationship(foreign_keys=[first_signed_by_id])
    second_signed_by: Mapped[Person | None] = relationship(foreign_keys=[second_signed_by_id])
    signed_item: Mapped[AgendaItem | None] = relationship()
    signing_recorded_by: Mapped[User | None] = relationship()
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="statement", cascade="all, delete-orphan", order_by=lambda: (Milestone.due_date, Milestone.id)
    )

    __table_args__ = (
        sa.CheckConstraint("first_signatory_id <> second_signatory_id", name="two_signatories"),
        # Signed, in progress and completed statements carry their signing.
        sa.CheckConstraint("status = 'drafted' OR signed_at IS NOT NULL", name="signed_when_past_draft"),
    )

    def __str__(self) -> str:  # the audit trail's label
        return self.key_task

    def display_task(self, locale: str | None = None) -> str:
        return _bilingual(self.key_task, self.key_task_zh, locale)

    def overdue_milestones(self, today: date) -> list[Milestone]:
        return [m for m in self.milestones if m.is_overdue(today)]

    def is_overdue(self, today: date) -> bool:
        """Overdue while not completed and one of its milestones is past due and not done (derived, not stored)."""
        return self.status is not StatementStatus.COMPLETED and bool(self.overdue_milestones(today))

    @property
    def progress(self) -> tuple[int, int]:
        """(done, total) milestones."""
        return sum(1 for m in self.milestones if m.done_on is not None), len(self.milestones)


class Milestone(db.Model):
    """A dated step of a statement; the responsible unit's people mark it done and note the progress."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(sa.ForeignKey("statements.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    due_date: Mapped[date] = mapped_column(sa.Date, index=True)
    done_on: Mapped[date | None] = mapped_column(sa.Date)
    progress_note: Mapped[str | None] = mapped_column(sa.Text)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    statement: Mapped[Statement] = relationship(back_populates="milestones")
    updated_by: Mapped[User | None] = relationship()

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_date < today
