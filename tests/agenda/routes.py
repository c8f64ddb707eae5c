"""Route × role rows for the agenda: whoever sees the meeting reads the agenda and downloads its materials; the
meeting's managers (its organizers and admins) change it. The sample meeting is internal and run by the
``organizer`` user. Empty POSTs change nothing: forms come back with their errors, deletions need ``confirm``."""

import io
from types import SimpleNamespace

from meetapp.agenda import services
from meetapp.meetings.models import Visibility
from tests.agenda.samples import PDF
from tests.factories import AgendaItemFactory, AgendaPresenterFactory, MeetingFactory
from tests.route_matrix import only, signed_in

MANAGERS = ("organizer", "admin")

ROUTES = {
    ("GET", "agenda.index"): signed_in(200),
    ("GET", "agenda.download_material"): signed_in(200),
    ("GET", "agenda.add_item"): only(MANAGERS, 200),
    ("POST", "agenda.add_item"): only(MANAGERS, 200),
    ("GET", "agenda.edit_item"): only(MANAGERS, 200),
    ("POST", "agenda.edit_item"): only(MANAGERS, 200),
    ("GET", "agenda.delete_item"): only(MANAGERS, 200),
    ("POST", "agenda.delete_item"): only(MANAGERS, 200),
    ("POST", "agenda.move_item"): only(MANAGERS, 302),  # no direction: back to the agenda with a message
    ("POST", "agenda.move_item_to_session"): only(MANAGERS, 200),
    ("POST", "agenda.add_presenter"): only(MANAGERS, 200),
    ("POST", "agenda.remove_presenter"): only(MANAGERS, 302),  # no presenter named: back with a message
    ("POST", "agenda.upload_material"): only(MANAGERS, 200),
    ("GET", "agenda.delete_material"): only(MANAGERS, 200),
    ("POST", "agenda.delete_material"): only(MANAGERS, 200),
}


def populate(world) -> None:
    meeting = MeetingFactory(
        title="Agenda sample meeting", visibility=Visibility.INTERNAL, organizers=[world.users["organizer"]]
    )
    session = meeting.sessions[0]
    item = AgendaItemFactory(session=session, position=0)
    AgendaPresenterFactory(item=item, position=0)
    material = services.attach_material(item, io.BytesIO(PDF), "agenda.pdf", world.users["organizer"])
    world.agenda = SimpleNamespace(meeting=meeting, session=session, item=item, material=material)


def url_values(world) -> dict[str, dict]:
    sample = world.agenda
    meeting = {"meeting_id": sample.meeting.id}
    item = {**meeting, "item_id": sample.item.id}
    material = {**meeting, "material_id": sample.material.id}
    return {
        "agenda.index": meeting,
        "agenda.add_item": {**meeting, "session_id": sample.session.id},
        "agenda.edit_item": item,
        "agenda.delete_item": item,
        "agenda.move_item": item,
        "agenda.move_item_to_session": item,
        "agenda.add_presenter": item,
        "agenda.remove_presenter": item,
        "agenda.upload_material": item,
        "agenda.download_material": material,
        "agenda.delete_material": material,
    }
