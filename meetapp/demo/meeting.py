"""The demo step that adds the meetings of ``meeting_data``: venues, series, sessions, agenda and invitees.

Venues and series are brought up to date like the directory. A meeting is found by its fixed iCalendar UID and
created only when missing: once it exists it belongs to the people using the demo (they may move it, answer
invitations, edit the agenda), so reloading leaves it as it is.

The meetings are written directly rather than through the services: those commit after every change, while the
demo loads in one transaction, and the participant services refuse an ended meeting's list, which the 2026 work
meeting is. The same checks still apply: modes go through ``participants.modes.check_mode`` and the database
holds the rest (CHECK and unique constraints). Everyone is marked invited at the meeting's SEQUENCE without
queuing mail: nobody should receive hundreds of demo invitations, and a later change still sends updates.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from meetapp.agenda.models import AgendaItem, AgendaPresenter, PresenterRole
from meetapp.auth.services import normalize_email
from meetapp.demo.meeting_data import (
    AWAY_FROM_BEIJING,
    DECLINE_REASONS,
    MEETINGS,
    PLENARY_UID,
    SERIES,
    TIMEZONE,
    VENUES,
    WORK_MEETING_UID,
    DemoMeeting,
    DemoSession,
    PersonRef,
)
from meetapp.demo.organisation import (
    DISCIPLINE,
    HQ,
    LEADERSHIP,
    ST_COMMITTEE,
    UNITS,
    DemoPerson,
)
from meetapp.demo.people import SEED, demo_people
from meetapp.directory.models import UnitKind
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingFormat, MeetingSeries, MeetingSession, Venue, Visibility
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, RsvpStatus
from meetapp.participants.modes import check_mode
from meetapp.timefmt import combine_to_utc, to_utc

if TYPE_CHECKING:
    from meetapp.demo.loader import DemoLoad

# Staff below the level the seed lists ("heads of departments", "leadership teams") stay at their desks.
JUNIOR_TITLES = frozenset({"Engineer", "Senior Engineer", "Manager", "Senior Manager", "Secretary", "Research Fellow"})
# Researchers whose teams won a 2025 S&T Award come up to receive it.
AWARD_TITLES = frozenset({"Research Fellow", "Laboratory Head"})
AWARD_WINNERS = ("chen.jing", "liu.yang")
SIGNATORY_UNIT_KINDS = frozenset({UnitKind.SUBSIDIARY, UnitKind.RD_INSTITUTE, UnitKind.INNOVATION_CENTER})
SIGNATORY_TITLES = frozenset({"President", "Director"})
# Roles that give someone a part in the programme (see ``Invitee.has_part``).
PROGRAMME_ROLES = frozenset({
    MeetingRole.CHAIR, MeetingRole.PRESIDER, MeetingRole.SPEAKER, MeetingRole.REPORTER, MeetingRole.ANNOUNCER,
    MeetingRole.AWARD_RECIPIENT, MeetingRole.SIGNATORY, MeetingRole.LEADERSHIP, MeetingRole.ORGANIZER,
    MeetingRole.SECRETARY,
})
PRESENTER_MEETING_ROLES = {
    PresenterRole.SPEAKER: MeetingRole.SPEAKER,
    PresenterRole.REPORTER: MeetingRole.REPORTER,
    PresenterRole.ANNOUNCER: MeetingRole.ANNOUNCER,
}
# The demo account holders who run the meetings: the organizer, the administrator (the video link) and the secretary.
STAFF_ROLES = {"li.na": MeetingRole.ORGANIZER, "sun.hao": MeetingRole.ORGANIZER, "zhang.min": MeetingRole.SECRETARY}
CHAIR = "chen.dexin"

_UNIT_KINDS = {unit.code: unit.kind for unit in UNITS}
_UNIT_PARENTS = {unit.code: unit.parent for unit in UNITS}


def top_unit(code: str) -> str:
    """The unit directly under the group HQ that ``code`` belongs to (HQ itself for the HQ)."""
    while _UNIT_PARENTS[code] not in (None, HQ):
        code = _UNIT_PARENTS[code]
    return code


def resolve(ref: str | PersonRef, people: tuple[DemoPerson, ...]) -> DemoPerson:
    if isinstance(ref, str):
        return next(person for person in people if person.key == ref)
    return next(
        person for person in people
        if (ref.group is None or ref.group in person.groups)
        and (ref.unit is None or person.unit == ref.unit)
        and (ref.title is None or person.title == ref.title)
    )


@dataclass
class Invitee:
    person: DemoPerson
    roles: set[MeetingRole]
    named: bool = False  # named by the programme: the chair, a presider, a presenter, or the meeting's staff

    @property
    def has_part(self) -> bool:
        """A part in the programme: they come in person, and they said yes."""
        return self.named or bool(self.roles & PROGRAMME_ROLES)


def _award_recipients(people: tuple[DemoPerson, ...]) -> set[str]:
    """The award recipients: the named winners, the researchers of ``AWARD_TITLES`` and the first senior engineer
    of every research division."""
    keys = set(AWARD_WINNERS)
    divisions = set()
    for person in people:
        if person.title in AWARD_TITLES:
            keys.add(person.key)
        elif person.title == "Senior Engineer" and person.unit not in divisions:
            divisions.add(person.unit)
            keys.add(person.key)
    return keys


def _programme_roles(spec: DemoMeeting, people: tuple[DemoPerson, ...]) -> dict[str, set[MeetingRole]]:
    """Roles that follow from the programme: the chair, session presiders and the agenda's speakers, reporters and
    announcers (a mere "presenter" on an item gets no role of its own)."""
    roles: dict[str, set[MeetingRole]] = {CHAIR: {MeetingRole.CHAIR}}
    for session in spec.sessions:
        roles.setdefault(resolve(session.presider, people).key, set()).add(MeetingRole.PRESIDER)
        for item in session.items:
            for ref, role in item.presenters:
                person = resolve(ref, people)
                roles.setdefault(person.key, set())
                if role in PRESENTER_MEETING_ROLES:
                    roles[person.key].add(PRESENTER_MEETING_ROLES[role])
    for key, role in STAFF_ROLES.items():
        roles.setdefault(key, set()).add(role)
    return roles


def _group_roles(person: DemoPerson) -> set[MeetingRole]:
    roles = set()
    if LEADERSHIP in person.groups:
        roles.add(MeetingRole.LEADERSHIP)
    elif DISCIPLINE in person.groups:
        roles.add(MeetingRole.OBSERVER)  # the discipline inspectors attend to supervise
    if ST_COMMITTEE in person.groups:
        roles.add(MeetingRole.COMMITTEE_MEMBER)
    return roles


def work_meeting_invitees(spec: DemoMeeting, people: tuple[DemoPerson, ...]) -> list[Invitee]:
    """Who the seed says attended: the leadership team, senior executives, discipline inspection staff, the heads
    (and deputies) of HQ departments, regional offices, the innovation centre and of the enterprises, institutes
    and their departments, the S&T Committee, chief scientists and chief technical experts, the award recipients;
    the heads of the enterprises and institutes sign the responsibility statements. Not the external directors."""
    programme = _programme_roles(spec, people)
    awards = _award_recipients(people)
    invitees = []
    for person in people:
        roles = set(programme.get(person.key, ())) | _group_roles(person)
        if person.key in awards:
            roles.add(MeetingRole.AWARD_RECIPIENT)
        if person.title in SIGNATORY_TITLES and _UNIT_KINDS[person.unit] in SIGNATORY_UNIT_KINDS:
            roles.add(MeetingRole.SIGNATORY)
        external_director = person.title == "External Director"
        if roles or (person.title not in JUNIOR_TITLES and not external_director):
            invitees.append(Invitee(person, roles or {MeetingRole.ATTENDEE}, person.key in programme))
    return invitees


def plenary_invitees(spec: DemoMeeting, people: tuple[DemoPerson, ...]) -> list[Invitee]:
    """The S&T Committee, plus whoever has a part in the programme and the meeting's staff."""
    programme = _programme_roles(spec, people)
    invitees = []
    for person in people:
        roles = set(programme.get(person.key, ()))
        if ST_COMMITTEE in person.groups:
            roles.add(MeetingRole.COMMITTEE_MEMBER)
        if person.key in programme or roles:
            invitees.append(Invitee(person, roles or {MeetingRole.ATTENDEE}, person.key in programme))
    return invitees


INVITEES = {WORK_MEETING_UID: work_meeting_invitees, PLENARY_UID: plenary_invitees}


# --- writing --------------------------------------------------------------------------------------------------


def load_meetings(load: DemoLoad) -> None:
    """The venues and series, and each demo meeting that is not in the database yet."""
    venues = _load_venues(load)
    series = _load_series(load)
    db.session.flush()  # venue ids: a participant's branch venue is checked against them
    uids = [spec.ical_uid for spec in MEETINGS]
    present = set(db.session.scalars(sa.select(Meeting.ical_uid).where(Meeting.ical_uid.in_(uids))))
    for spec in MEETINGS:
        load.total["meetings"] += 1
        if spec.ical_uid in present:
            continue
        _create_meeting(load, spec, venues, series)
        load.created["meetings"] += 1


def _load_venues(load: DemoLoad) -> dict[str, Venue]:
    existing = _by_name(Venue, [spec.name for spec in VENUES])
    return {
        spec.name: load.upsert("venues", existing.get(spec.name), Venue, {"name": spec.name}, {
            "name_zh": spec.name_zh, "address": spec.address, "capacity": spec.capacity,
            "unit": load.units[spec.unit], "has_video": spec.has_video, "active": True,
        })
        for spec in VENUES
    }


def _load_series(load: DemoLoad) -> dict[str, MeetingSeries]:
    existing = _by_name(MeetingSeries, [spec.name for spec in SERIES])
    return {
        spec.name: load.upsert("series", existing.get(spec.name), MeetingSeries, {"name": spec.name}, {
            "name_zh": spec.name_zh, "description": spec.description,
        })
        for spec in SERIES
    }


def _by_name(model, names: list[str]) -> dict:
    return {row.name: row for row in db.session.scalars(sa.select(model).where(model.name.in_(names)))}


def _create_meeting(load: DemoLoad, spec: DemoMeeting, venues: dict[str, Venue], series) -> Meeting:
    people = demo_people()
    organizers = [load.users[normalize_email(load.people[key].email)] for key in spec.organizers]
    sessions = [_session(load, spec, session, people) for session in spec.sessions]
    meeting = Meeting(
        ical_uid=spec.ical_uid,
        title=spec.title,
        description=spec.description,
        kind=spec.kind,
        timezone=TIMEZONE,
        starts_at=sessions[0].starts_at,
        ends_at=sessions[-1].ends_at,
        format=MeetingFormat.HYBRID,
        status=spec.status,
        visibility=Visibility.INTERNAL,
        series=series[spec.series],
        venue=venues[spec.venue],
        branch_venues=[venues[name] for name in spec.branch_venues],
        video_platform=spec.video_platform,
        video_url=spec.video_url,
        video_meeting_code=spec.video_meeting_code,
        video_passcode=spec.video_passcode,
        organizers=organizers,
        created_by=organizers[0],
        sessions=sessions,
    )
    db.session.add(meeting)
    _invite(load, meeting, spec, INVITEES[spec.ical_uid](spec, people), venues)
    return meeting


def _session(load: DemoLoad, spec: DemoMeeting, session: DemoSession, people) -> MeetingSession:
    def person(ref):
        return load.people[resolve(ref, people).key]

    return MeetingSession(
        title=session.title,
        starts_at=combine_to_utc(spec.day, session.starts, TIMEZONE),
        ends_at=combine_to_utc(spec.day, session.ends, TIMEZONE),
        presider=person(session.presider),
        quorum_required=session.quorum_required,
        agenda_items=[
            AgendaItem(
                position=position, type=item.type, title=item.title, description=item.description,
                duration_minutes=item.minutes,
                presenters=[
                    AgendaPresenter(person=person(ref), role=role, position=order)
                    for order, (ref, role) in enumerate(item.presenters)
                ],
            )
            for position, item in enumerate(session.items)
        ],
    )


def _planned_place(meeting: Meeting, invitee: Invitee, venues: dict[str, Venue]) -> tuple[AttendanceMode, Venue | None]:
    """In the main venue for people in Beijing and everyone with a part in the programme; the others in their
    region's branch venue when the meeting uses it, otherwise by video."""
    top = top_unit(invitee.person.unit)
    if invitee.has_part or top not in AWAY_FROM_BEIJING:
        mode, room = AttendanceMode.IN_PERSON, None
    else:
        room = venues.get(AWAY_FROM_BEIJING[top] or "")
        mode = AttendanceMode.BRANCH if room in meeting.branch_venues else AttendanceMode.VIDEO
    return mode, check_mode(meeting, mode, room.id if room and mode == AttendanceMode.BRANCH else None)


def _invite(load: DemoLoad, meeting: Meeting, spec: DemoMeeting, invitees: list[Invitee], venues) -> None:
    """Put the invitees on the list, marked invited, with the answers of ``_answers``."""
    invited_at = to_utc(spec.invited_at, TIMEZONE)
    answers = _answers(spec, invitees)
    for invitee in invitees:
        mode, branch = _planned_place(meeting, invitee, venues)
        answer = answers.get(invitee.person.key, Answer(RsvpStatus.ACCEPTED))
        rng = random.Random(f"{SEED}:{spec.ical_uid}:{invitee.person.key}")
        participant = Participant(
            meeting=meeting, person=load.people[invitee.person.key], mode=mode, branch_venue=branch,
            invited_sequence=meeting.ical_sequence or 0, invited_at=invited_at,
            rsvp_status=answer.status, decline_reason=answer.reason,
            delegate=load.people[answer.delegate] if answer.delegate else None,
            rsvp_at=None if answer.status == RsvpStatus.PENDING else _answered_at(rng, invited_at, meeting),
        )
        participant.roles = invitee.roles
        db.session.add(participant)


@dataclass(frozen=True)
class Answer:
    status: RsvpStatus
    reason: str | None = None
    delegate: str | None = None  # DemoPerson key


def _answers(spec: DemoMeeting, invitees: list[Invitee]) -> dict[str, Answer]:
    """Who declined (with an apology), sent a delegate or has not answered, drawn the same way on every run from
    the invitees without a part in the programme; everyone else accepted. A delegate is a colleague of the same
    unit who is not invited."""
    rng = random.Random(f"{SEED}:{spec.ical_uid}")
    invited = {invitee.person.key for invitee in invitees}
    candidates = [invitee.person for invitee in invitees if not invitee.has_part]
    answers: dict[str, Answer] = {}
    colleagues = _uninvited_by_unit(invited)
    for person in rng.sample(candidates, len(candidates)):
        if len(answers) == spec.delegated:
            break
        if colleagues.get(person.unit):  # one left who is not yet anyone's delegate
            answers[person.key] = Answer(RsvpStatus.DELEGATED, delegate=colleagues[person.unit].pop(0).key)
    rest = [person for person in candidates if person.key not in answers]
    chosen = rng.sample(rest, spec.declined + spec.pending)
    for index, person in enumerate(chosen[: spec.declined]):
        answers[person.key] = Answer(RsvpStatus.DECLINED, reason=DECLINE_REASONS[index % len(DECLINE_REASONS)])
    for person in chosen[spec.declined:]:
        answers[person.key] = Answer(RsvpStatus.PENDING)
    return answers


def _uninvited_by_unit(invited: Iterable[str]) -> dict[str, list[DemoPerson]]:
    invited = set(invited)
    colleagues: dict[str, list[DemoPerson]] = {}
    for person in demo_people():
        if person.key not in invited:
            colleagues.setdefault(person.unit, []).append(person)
    return colleagues


def _answered_at(rng: random.Random, invited_at: datetime, meeting: Meeting) -> datetime:
    """Some time in the four days after the invitation, at least half a day before the meeting."""
    latest = min(meeting.starts_at - timedelta(hours=12), invited_at + timedelta(days=4))
    return invited_at + timedelta(minutes=rng.randrange(30, max(31, int((latest - invited_at).total_seconds() // 60))))
