"""A refusal that quotes what someone typed (a person's or user's name, a CSV column) shows it as text, never as HTML.

Flask-Babel's lazy strings count as safe HTML in templates, so a lazy message that interpolates a name would reach
the page unescaped; ``DomainError`` turns its message into a plain string when it is raised.
"""

import io

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import escape

from meetapp.auth.models import SystemRole
from meetapp.errors import DomainError
from meetapp.extensions import db
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MeetingFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
)

ATTACK = "<img src=x onerror=alert(1)>"
SHOWN = "&lt;img src=x onerror=alert(1)&gt;"


class Quoting(DomainError):
    pass


def test_a_domain_error_message_is_plain_text_in_the_raising_language(app):
    error = Quoting(_l("%(name)s already has this role on the item.", name=ATTACK))
    assert type(error.message) is str and str(error) == error.message
    assert str(escape(error.message)) == f"{SHOWN} already has this role on the item."
    with force_locale("zh"):
        raised_in_chinese = Quoting(_l("%(name)s already has this role on the item.", name="陈明"))
    assert raised_in_chinese.message.startswith("陈明") and "already" not in raised_in_chinese.message


def test_a_presenter_named_like_html_is_escaped_in_the_refusal(client, auth, users):
    auth.login_as(users["organizer"])
    meeting = MeetingFactory(organizers=[users["organizer"]])
    item = AgendaItemFactory(session__meeting=meeting, position=0)
    person = PersonFactory(name=ATTACK)
    AgendaPresenterFactory(item=item, person=person, role="speaker", position=0)
    response = client.post(
        f"/meetings/{meeting.id}/agenda/items/{item.id}/presenters",
        data={"person_id": person.id, "role": "speaker", "query": "img"},
    )
    html = response.get_data(as_text=True)
    assert f"{SHOWN} already has this role on the item." in html
    assert ATTACK not in html


def test_an_organizer_named_like_html_is_escaped_in_the_refusal(client, auth, users):
    auth.login_as(users["admin"])
    former = UserFactory(name=ATTACK, roles=[SystemRole.MEMBER])  # no longer an organizer
    hall = VenueFactory()
    meeting = MeetingFactory(venue=hall, organizers=[former])
    response = client.post(f"/meetings/{meeting.id}/edit", data={
        "title": meeting.title, "kind": "work_meeting", "timezone": "Asia/Shanghai", "start_date": "2026-02-26",
        "start_time": "09:00", "end_time": "12:00", "format": "in_person", "visibility": "internal",
        "venue_id": str(hall.id), "organizer_ids": [str(former.id)],
    })
    html = response.get_data(as_text=True)
    assert f"{SHOWN} is not an organizer or administrator." in html
    assert ATTACK not in html
    db.session.refresh(meeting)
    assert meeting.organizers == [former]  # nothing was saved


def test_a_csv_column_named_like_html_is_escaped_in_the_refusal(client, auth, users):
    auth.login_as(users["organizer"])
    data = f"code,name,{ATTACK}\nHQ,Group HQ,x\n".encode()
    response = client.post("/directory/import", data={"kind": "units", "file": (io.BytesIO(data), "units.csv")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert SHOWN in html
    assert ATTACK not in html
