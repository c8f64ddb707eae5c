"""Who may reach each directory route: everyone signed in browses; organizers and admins edit and import."""

from meetapp.directory import pending_imports
from tests.factories import GroupFactory, PersonFactory, UnitFactory
from tests.route_matrix import only, signed_in

EDITORS = ("organizer", "admin")


def editors(status) -> dict:
    return only(EDITORS, status)


def uploader_only(status) -> dict:
    """A pending import belongs to the organizer who uploaded it: another admin gets 404."""
    return {**editors(status), "admin": 404}


ROUTES = {
    ("GET", "directory.people"): signed_in(200),
    ("GET", "directory.person"): signed_in(200),
    ("GET", "directory.create_person"): editors(200),
    ("POST", "directory.create_person"): editors(200),  # empty form: shown again with errors
    ("GET", "directory.edit_person"): editors(200),
    ("POST", "directory.edit_person"): editors(302),  # no form data: the stored values are saved unchanged
    ("GET", "directory.units"): signed_in(200),
    ("GET", "directory.unit"): signed_in(200),
    ("GET", "directory.create_unit"): editors(200),
    ("POST", "directory.create_unit"): editors(200),
    ("GET", "directory.edit_unit"): editors(200),
    ("POST", "directory.edit_unit"): editors(302),
    ("GET", "directory.groups"): signed_in(200),
    ("GET", "directory.group"): signed_in(200),
    ("GET", "directory.create_group"): editors(200),
    ("POST", "directory.create_group"): editors(200),
    ("GET", "directory.edit_group"): editors(200),
    ("POST", "directory.edit_group"): editors(302),
    ("POST", "directory.add_group_members"): editors(302),
    ("POST", "directory.remove_group_member"): editors(302),
    ("GET", "directory.import_csv"): editors(200),
    ("POST", "directory.import_csv"): editors(200),  # no file: shown again with the error
    ("GET", "directory.import_template"): editors(200),
    ("GET", "directory.import_preview"): uploader_only(200),
    ("POST", "directory.import_confirm"): uploader_only(200),  # the file has errors: the preview again
    ("POST", "directory.import_cancel"): uploader_only(302),
}

# A people file that can never be applied (its unit does not exist), so confirming it changes nothing.
INVALID_PEOPLE_CSV = b"name,unit_code\nNobody,NO-SUCH-UNIT\n"


def populate(world) -> None:
    world.unit = UnitFactory()
    world.person = PersonFactory(unit=world.unit)
    world.group = GroupFactory(members=[world.person])
    organizer_id = world.users["organizer"].id
    world.import_token = pending_imports.save(INVALID_PEOPLE_CSV, kind="people", filename="p.csv",
                                              owner_id=organizer_id)
    world.cancel_token = pending_imports.save(INVALID_PEOPLE_CSV, kind="people", filename="p.csv",
                                              owner_id=organizer_id)


def url_values(world) -> dict[str, dict]:
    person, unit, group = {"person_id": world.person.id}, {"unit_id": world.unit.id}, {"group_id": world.group.id}
    return {
        "directory.person": person,
        "directory.edit_person": person,
        "directory.unit": unit,
        "directory.edit_unit": unit,
        "directory.group": group,
        "directory.edit_group": group,
        "directory.add_group_members": group,
        "directory.remove_group_member": {**group, **person},
        "directory.import_template": {"kind": "people"},
        "directory.import_preview": {"token": world.import_token},
        "directory.import_confirm": {"token": world.import_token},
        "directory.import_cancel": {"token": world.cancel_token},
    }
