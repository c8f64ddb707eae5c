"""The document's rules, through the services: versions with an edit-conflict check, the review workflow,
approvals of exact versions, immutability once published, amendments."""

import pytest
import sqlalchemy as sa

from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.minutes import services
from meetapp.minutes.models import MinutesStatus, MinutesVersion, VersionTextIsFinal
from tests.factories import MeetingFactory, UserFactory


@pytest.fixture
def draft(app, users):
    return services.start_minutes(users["secretary"], MeetingFactory())


def save(actor, minutes, body, base=None, **rows):
    return services.save_minutes(actor, minutes, body=body,
                                 expected_version=minutes.current_number if base is None else base, **rows)


def test_every_save_is_a_version_with_author_and_hash(draft, users):
    saved = save(users["organizer"], draft, "# Minutes\n\nSummary.", decisions=["Adopt the 2026 plan"],
                 action_items=[services.ActionItemInput("Circulate the plan")])
    assert [v.number for v in draft.versions] == [1, 2]
    assert saved.author == users["organizer"]
    assert "1. Adopt the 2026 plan" in saved.content and "Circulate the plan" in saved.content
    assert saved.sha256 == services.content_hash(saved.content)
    actions = db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.object_type == "minutes")).all()
    assert actions == ["minutes.create", "minutes.save"]


def test_a_save_based_on_an_older_version_is_refused(draft, users):
    save(users["organizer"], draft, "Organizer's text", base=1)
    with pytest.raises(services.StaleVersion) as refused:
        save(users["secretary"], draft, "Secretary's text", base=1)
    assert refused.value.current.number == 2 and refused.value.current.body == "Organizer's text"
    assert draft.current_number == 2 and services.current_version(draft).body == "Organizer's text"


def test_review_approval_and_publication(draft, users):
    reviewer, other = users["member"], UserFactory()
    with pytest.raises(services.IllegalTransition):
        services.transition(users["secretary"], draft, MinutesStatus.PUBLISHED)
    with pytest.raises(services.NoReviewers):
        services.transition(users["secretary"], draft, MinutesStatus.IN_REVIEW)
    services.submit_for_review(users["secretary"], draft, [reviewer])
    with pytest.raises(services.NotAReviewer):
        services.approve(other, draft)
    approval = services.approve(reviewer, draft)
    assert draft.status == MinutesStatus.APPROVED
    assert (approval.version_number, approval.content_sha256) == (1, services.current_version(draft).sha256)
    services.transition(users["secretary"], draft, MinutesStatus.PUBLISHED)
    assert draft.status == MinutesStatus.PUBLISHED and draft.versions[-1].published_at is not None


def test_a_change_after_approval_shows_the_approval_as_for_an_earlier_version(draft, users):
    services.submit_for_review(users["secretary"], draft, [users["member"]])
    services.approve(users["member"], draft)
    save(users["secretary"], draft, "Changed after approval")
    assert draft.status == MinutesStatus.IN_REVIEW
    [entry] = services.approvals_of(draft)
    assert not entry.current and entry.approval.version_number == 1
    with pytest.raises(services.ApprovalsMissing):
        services.transition(users["secretary"], draft, MinutesStatus.APPROVED)


def test_published_minutes_are_immutable_and_amended_with_a_reason(draft, users):
    services.submit_for_review(users["secretary"], draft, [users["member"]])
    services.approve(users["member"], draft)
    services.transition(users["secretary"], draft, MinutesStatus.PUBLISHED)
    original = services.current_version(draft)

    with pytest.raises(services.MinutesPublished):
        save(users["secretary"], draft, "Quietly rewritten")
    with pytest.raises(services.MinutesPublished):
        services.add_comment(users["member"], draft, "Late comment")
    with pytest.raises(services.IllegalTransition):
        services.transition(users["secretary"], draft, MinutesStatus.DRAFT)
    with pytest.raises(services.ReasonRequired):
        services.amend(users["secretary"], draft, body="Corrected", reason=" ", expected_version=1)

    amendment = services.amend(users["secretary"], draft, body="Corrected text", reason="A name was misspelt",
                               expected_version=1)
    assert amendment.published_at is not None and amendment.amendment_reason == "A name was misspelt"
    assert [v.number for v in services.published_versions(draft)] == [1, 2]
    assert services.version(draft, 1).body == original.body  # the earlier text stays readable
    actions = db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert {"minutes.submit", "minutes.approve", "minutes.publish", "minutes.amend"} <= set(actions)


def test_amending_needs_published_minutes(draft, users):
    with pytest.raises(services.NotPublished):
        services.amend(users["secretary"], draft, body="x", reason="y", expected_version=1)


def test_a_reviewer_cannot_approve_a_version_they_have_not_seen(draft, users):
    services.submit_for_review(users["secretary"], draft, [users["member"]])
    save(users["secretary"], draft, "Changed while the reviewer was reading")
    with pytest.raises(services.StaleVersion, match="read version 2, then approve it"):
        services.approve(users["member"], draft, expected_version=1)
    assert draft.approvals == []


def test_a_saved_versions_text_cannot_be_changed_underneath(draft, users):
    first = services.current_version(draft)
    first.body = "Rewritten in place"
    with pytest.raises(VersionTextIsFinal):
        db.session.commit()
    db.session.rollback()
    assert services.current_version(services.get_minutes(draft.meeting)).body != "Rewritten in place"


def test_an_approval_no_longer_counts_when_the_text_was_changed_behind_the_applications_back(draft, users):
    services.submit_for_review(users["secretary"], draft, [users["member"]])
    services.approve(users["member"], draft)
    assert all(entry.current for entry in services.approvals_of(draft))
    db.session.execute(sa.update(MinutesVersion).where(MinutesVersion.id == draft.versions[0].id)
                       .values(content="Edited in the database"))
    db.session.commit()
    db.session.expire_all()
    minutes = services.get_minutes(draft.meeting)
    assert not any(entry.current for entry in services.approvals_of(minutes))
    assert not services.approved_by_all(minutes)
