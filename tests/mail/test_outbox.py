"""The outbox: messages queued in the caller's transaction, once per dedupe key, sent by ``send-mail`` over SMTP
with retries and backoff."""

from datetime import timedelta

import sqlalchemy as sa

from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.mail.delivery import deliver_pending
from meetapp.mail.models import OutboxMessage, OutboxStatus
from meetapp.mail.outbox import Attachment, queue_message

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def queue(to="ann@example.com", key=None, **extra):
    return queue_message(to_email=to, to_name="Ann Li", subject="Hello", body_text="Plain body",
                         body_html="<p>HTML body</p>", dedupe_key=key, **extra)


def outbox() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_message_exists_only_when_its_transaction_commits(app):
    queue(key="a")
    db.session.rollback()
    assert outbox() == []
    queue(key="a")
    db.session.commit()
    assert [m.dedupe_key for m in outbox()] == ["a"]


def test_the_same_dedupe_key_is_queued_once(app):
    assert queue(key="invitation:1:0") is not None
    db.session.commit()
    assert queue(key="invitation:1:0") is None
    assert queue(key="invitation:1:1") is not None
    db.session.commit()
    assert [m.dedupe_key for m in outbox()] == ["invitation:1:0", "invitation:1:1"]


def test_send_mail_delivers_text_html_and_attachment(app, smtp_server, runner):
    queue(key="k", attachments=[Attachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8", ICS)])
    queue(to="bo@example.com", key="k2")
    db.session.commit()

    result = runner.invoke(args=["send-mail"])

    assert result.exit_code == 0, result.output
    assert "Sent 2, will retry 0, failed 0." in result.output
    first = smtp_server.messages[0]
    assert first["Subject"] == "Hello"
    assert first["To"].addresses[0].addr_spec == "ann@example.com"
    assert first["From"].addresses[0].addr_spec == "meetings@example.com"
    assert first.get_body(("plain",)).get_content().strip() == "Plain body"
    assert "<p>HTML body</p>" in first.get_body(("html",)).get_content()
    (ics,) = list(first.iter_attachments())
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "REQUEST"
    assert ics.get_filename() == "invite.ics"
    assert ics.get_payload(decode=True) == ICS
    assert [(m.status, m.attempts) for m in outbox()] == [(OutboxStatus.SENT, 1)] * 2
    assert all(m.sent_at is not None for m in outbox())

    # Nothing is sent twice.
    assert runner.invoke(args=["send-mail"]).output.strip().endswith("Sent 0, will retry 0, failed 0.")
    assert len(smtp_server.envelopes) == 2


def test_a_refused_message_is_retried_later_then_marked_failed(app, smtp_server):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_BASE_SECONDS=60)
    smtp_server.refuse = {"gone@example.com"}
    queue(to="gone@example.com", key="bad")
    queue(to="ann@example.com", key="good")
    db.session.commit()
    start = utcnow()

    report = deliver_pending(now=start)

    assert (report.sent, report.retrying, report.failed) == (1, 1, 0)
    bad, good = outbox()
    assert good.status == OutboxStatus.SENT
    assert bad.status == OutboxStatus.PENDING and bad.attempts == 1
    assert "550" in bad.last_error
    assert bad.next_attempt_at == start + timedelta(seconds=60)

    # Not due yet: left alone; then retried with a doubled delay; then given up.
    assert deliver_pending(now=start + timedelta(seconds=59)).retrying == 0
    deliver_pending(now=start + timedelta(seconds=61))
    bad = outbox()[0]
    assert bad.attempts == 2 and bad.next_attempt_at == start + timedelta(seconds=61 + 120)
    report = deliver_pending(now=start + timedelta(hours=1))
    assert report.failed == 1
    bad = outbox()[0]
    assert bad.status == OutboxStatus.FAILED and bad.attempts == 3
    assert deliver_pending(now=start + timedelta(days=1)).retrying == 0
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["ann@example.com"]]


def test_an_unreachable_server_stops_the_run_and_records_the_error(app, runner):
    from tests.mail.smtp import free_port

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nothing listens there
    queue(key="one")
    queue(key="two")
    db.session.commit()

    result = runner.invoke(args=["send-mail"])

    assert result.exit_code != 0
    assert "Sent 0, will retry 1, failed 0." in result.output
    assert "could not be reached" in result.output
    first, second = outbox()
    assert first.attempts == 1 and first.last_error
    assert second.attempts == 0 and second.last_error is None
