"""A background job as the browser follows it: what it is, how far it got, what it produced or why it failed."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.auth.models import User
    from meetapp.meetings.models import Meeting


class JobKind(enum.StrEnum):
    ATTENDANCE_PDF = "attendance_pdf"
    ATTENDANCE_XLSX = "attendance_xlsx"
    BADGE_SHEET = "badge_sheet"
    VIDEO_IMPORT = "video_import"


JOB_KIND_LABELS = {
    JobKind.ATTENDANCE_PDF: _l("Attendance report (PDF)"),
    JobKind.ATTENDANCE_XLSX: _l("Attendance report (Excel)"),
    JobKind.BADGE_SHEET: _l("Badge sheet (PDF)"),
    JobKind.VIDEO_IMPORT: _l("Video report import"),
}


# What a person must (still) be allowed to do on the job's meeting to see the job and download its file.
JOB_KIND_ACTIONS = {
    JobKind.ATTENDANCE_PDF: "attendance.view",
    JobKind.ATTENDANCE_XLSX: "attendance.view",
    JobKind.BADGE_SHEET: "attendance.print_badges",
    JobKind.VIDEO_IMPORT: "attendance.import",
}


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


JOB_STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting to start"),
    JobStatus.RUNNING: _l("Running"),
    JobStatus.SUCCEEDED: _l("Done"),
    JobStatus.FAILED: _l("Failed"),
}


class Job(db.Model):
    __tablename__ = "jobs"
    __table_args__ = (sa.CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[JobKind] = mapped_column(str_enum(JobKind, "job_kind"))
    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus, "job_status"), default=JobStatus.QUEUED)
    progress: Mapped[int] = mapped_column(default=0, server_default="0")
    # The stage the job is at, a key of the kind's stage labels (shown translated), e.g. "rendering".
    message: Mapped[str | None] = mapped_column(sa.String(100))
    # What to do (meeting, session, language, options): everything a worker needs, JSON-safe.
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # What it produced: {"file": stored name, "filename": …, "content_type": …} or a summary of an import.
    result: Mapped[dict | None] = mapped_column(sa.JSON)
    error: Mapped[str | None] = mapped_column(sa.Text)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Submitting the same work again (a double click, a resent form) finds this job instead of starting another.
    idempotency_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    meeting: Mapped[Meeting | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def has_file(self) -> bool:
        return self.status == JobStatus.SUCCEEDED and bool((self.result or {}).get("file"))

    def __str__(self) -> str:
        return f"{self.kind.value} #{self.id}"
