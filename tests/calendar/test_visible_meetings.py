"""``visible_meetings(user)`` (one SQL filter) answers exactly as the ``meeting.view`` rule does meeting by meeting."""

from __future__ import annotations

from flask_login import AnonymousUserMixin

from meetapp import policy
from meetapp.auth.models import SystemRole
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from meetapp.meetings.queries import meetings_involving, visible_meetings
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, UserFactory


def test_sql_filter_matches_the_policy_for_every_kind_of_user(app):
    invitee = UserFactory(name="invitee", person=PersonFactory())
    removed = UserFactory(name="removed", person=PersonFactory())
    organizer = UserFactory(name="organizer", roles=[SystemRole.ORGANIZER])
    people = [
        invitee,
        removed,
        organizer,
        UserFactory(name="member without person"),
        UserFactory(name="member with person", person=PersonFactory()),
        UserFactory(name="secretary", roles=[SystemRole.SECRETARY]),
        UserFactory(name="admin", roles=[SystemRole.ADMIN]),
        AnonymousUserMixin(),
    ]
    meetings = []
    for visibility in Visibility:
        plain = MeetingFactory(visibility=visibility)
        managed = MeetingFactory(visibility=visibility, organizers=[organizer])
        with_guests = MeetingFactory(visibility=visibility)
        ParticipantFactory(meeting=with_guests, person=invitee.person)
        ParticipantFactory(meeting=with_guests, person=removed.person, cancelled_at=utcnow())
        meetings += [plain, managed, with_guests]

    for user in people:
        by_sql = set(db.session.scalars(visible_meetings(user)))
        by_rule = {m for m in meetings if policy.can("meeting.view", m, user=user)}
        assert by_sql == by_rule, getattr(user, "name", "anonymous")


def test_involving_is_the_users_own_agenda_even_for_admins(app):
    admin = UserFactory(roles=[SystemRole.ADMIN], person=PersonFactory())
    MeetingFactory(title="Not mine")
    mine = MeetingFactory(title="Invited")
    ParticipantFactory(meeting=mine, person=admin.person)
    managed = MeetingFactory(title="Organized", organizers=[admin])

    assert set(db.session.scalars(meetings_involving(admin))) == {mine, managed}
