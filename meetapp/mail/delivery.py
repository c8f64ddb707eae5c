"""Sending the outbox over SMTP: pending messages that are due, one at a time, each committed as it goes.

A message that fails is retried later with a growing delay (``MAIL_RETRY_BASE_SECONDS`` doubled per attempt) and,
after ``MAIL_MAX_ATTEMPTS`` attempts, marked failed with the last error kept. Several senders may run at once on
PostgreSQL: each claims its message with ``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

import sqlalchemy as sa
from flask import current_app

from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.mail.models import OutboxMessage, OutboxStatus

log = logging.getLogger("meetapp.mail")

DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_RETRY_BASE_SECONDS = 120  # 2, 4, 8, 16, 32 minutes: about an hour before giving up
SMTP_TIMEOUT_SECONDS = 30


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    # The server could not be reached or refused the sign-in: the run stopped, later messages wait untouched.
    stopped: bool = False


class _ServerUnavailable(Exception):
    """Connecting or signing in failed: no point trying the next message now."""


class SmtpConnection:
    """One SMTP session for a run, opened when the first message goes out and reopened after a disconnect."""

    def __init__(self, config):
        self.config = config
        self.smtp: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        config = self.config
        try:
            smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT_SECONDS)
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        except (smtplib.SMTPException, OSError) as error:
            raise _ServerUnavailable(f"{type(error).__name__}: {error}") from error
        return smtp

    def send(self, email: EmailMessage) -> None:
        if self.smtp is None:
            self.smtp = self._open()
        try:
            self.smtp.send_message(email)
        except smtplib.SMTPServerDisconnected:
            self.smtp = None  # the next message opens a new session
            raise

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.smtp.quit()
            self.smtp = None


def _content_type(value: str) -> tuple[str, str, dict[str, str]]:
    """ "text/calendar; method=REQUEST; charset=UTF-8" → ("text", "calendar", {"method": "REQUEST", ...})."""
    kind, *params = (part.strip() for part in value.split(";"))
    maintype, _, subtype = kind.partition("/")
    pairs = dict(p.split("=", 1) for p in params if "=" in p)
    return maintype, subtype or "octet-stream", {k.strip().lower(): v.strip().strip('"') for k, v in pairs.items()}


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The MIME message for an outbox row: plain text, an HTML alternative when there is one, attachments."""
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = Address(display_name=message.to_name or "", addr_spec=message.to_email)
    email["Date"] = format_datetime(utcnow())
    domain = parseaddr(sender)[1].rpartition("@")[2] or "meetapp"
    email["Message-ID"] = make_msgid(idstring=f"outbox{message.id}", domain=domain)
    email.set_content(message.body_text)
    html_part = None
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
        html_part = email.get_payload()[-1]
    for attachment in message.attachments:
        maintype, subtype, params = _content_type(attachment.content_type)
        params.pop("charset", None)  # set_bytes_content sends bytes as they are (base64)
        if html_part is not None and f"cid:{attachment.filename}" in message.body_html:
            # An image the HTML shows (``<img src="cid:ticket.png">``): inline, in a multipart/related part.
            html_part.add_related(attachment.content, maintype=maintype, subtype=subtype,
                                  cid=f"<{attachment.filename}>", filename=attachment.filename, params=params)
            continue
        email.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename, params=params
        )
    return email


def _claim_next(now: datetime) -> OutboxMessage | None:
    query = (
        sa.select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return db.session.scalars(query).first()


def _record_failure(message: OutboxMessage, error: str, now: datetime, report: DeliveryReport) -> None:
    config = current_app.config
    message.attempts += 1
    message.last_error = error[:2000]
    if message.attempts >= config.get("MAIL_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS):
        message.status = OutboxStatus.FAILED
        report.failed += 1
        log.error("mail %s to %s failed for good: %s", message.id, message.to_email, error)
    else:
        delay = config.get("MAIL_RETRY_BASE_SECONDS", DEFAULT_RETRY_BASE_SECONDS) * 2 ** (message.attempts - 1)
        message.next_attempt_at = now + timedelta(seconds=delay)
        report.retrying += 1
        log.warning("mail %s to %s failed (attempt %s), retrying: %s", message.id, message.to_email,
                    message.attempts, error)
    report.errors.append(f"{message.to_email}: {error}")


def deliver_pending(limit: int = 100, now: datetime | None = None) -> DeliveryReport:
    """Send up to ``limit`` pending messages that are due, over one SMTP session; commits after each message.

    A message the server refuses is retried later (or marked failed after the last attempt). When the server
    cannot be reached, the message being tried records the error and the run stops there.
    """
    config = current_app.config
    sender = config["MAIL_DEFAULT_SENDER"]
    report = DeliveryReport()
    connection = SmtpConnection(config)
    try:
        for _ in range(limit):
            moment = now or utcnow()
            message = _claim_next(moment)
            if message is None:
                break
            try:
                connection.send(build_email(message, sender))
            except _ServerUnavailable as error:
                _record_failure(message, str(error), moment, report)
                report.stopped = True
                db.session.commit()
                break
            except (smtplib.SMTPException, OSError, ValueError) as error:  # ValueError: an unusable address
                _record_failure(message, f"{type(error).__name__}: {error}", moment, report)
            else:
                message.attempts += 1
                message.status = OutboxStatus.SENT
                message.sent_at = utcnow()
                message.last_error = None
                report.sent += 1
            db.session.commit()
    finally:
        connection.close()
        db.session.rollback()  # releases a claim left open by an unexpected error
    return report
