"""Importing award winners from CSV: preview with every error by row and column, then all or nothing."""

import io

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.records.award_import import ImportRefused, import_winners, plan_winners, read_winners
from meetapp.records.models import Award

HEADER = "title,title_zh,level,recipient_units,recipient_people,team_name,team_members,citation,decision_ref\n"
GOOD = HEADER + (
    "Smart mine,智能矿山,special,CMRI,,Smart mine team,lead@example.com,For the first smart mine.,五矿科〔2026〕3号\n"
    "Tailings reuse,,second,,lead@example.com,,,,\n"
)
BAD = HEADER + (
    "Smart mine,,special,CMRI,,,,,\n"
    "Tailings,,fourth,NOPE,ghost@example.com,,,,\n"
    "Smart mine,,first,,,,,,\n"
    "Deep-sea nodules,,first,CMRI,,,,,\n"
)


def _upload(client, world, text, name="winners.csv"):
    return client.post(f"/records/awards/{world.program.id}/import",
                       data={"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")


def _award_count():
    return db.session.scalar(sa.select(sa.func.count(Award.id)))


def test_good_file_previews_then_imports(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    response = _upload(client, world, GOOD)
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    preview = client.get(preview_url).get_data(as_text=True)
    assert "Smart mine" in preview and "Import 2 rows" in preview and _award_count() == 2
    response = client.post(preview_url)
    assert response.status_code == 302
    db.session.expire_all()
    smart = db.session.scalar(sa.select(Award).where(Award.title == "Smart mine"))
    assert smart.level.kind == "special" and smart.title_zh == "智能矿山" and smart.team_name == "Smart mine team"
    assert [(r.unit_id, r.role) for r in smart.recipients] == [(world.unit.id, "recipient"),
                                                                (world.unit.id, "team_member")]
    assert smart.run_order == 2 and _award_count() == 4
    assert client.get(preview_url).status_code == 404  # the upload is gone once imported


def test_bad_rows_are_listed_and_nothing_is_imported(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    preview_url = _upload(client, world, BAD).headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "The file has 6 errors; nothing can be imported." in page
    assert "Unknown level “fourth”" in page and "Unknown unit code “NOPE”." in page
    assert "No person in the directory has the email “ghost@example.com”." in page
    assert "“Smart mine” already appears on row 2." in page
    assert "Name at least one recipient" in page
    assert "The program already has an award titled “Deep-sea nodules”." in page
    assert client.post(preview_url).status_code == 400
    assert _award_count() == 2


def test_import_is_all_or_nothing_when_a_row_fails_at_confirm(app, users, world):
    table = read_winners(GOOD.encode())
    assert not plan_winners(world.program, table).errors
    world.lead.email = "moved@example.com"  # the directory changed after the preview
    db.session.commit()
    try:
        import_winners(users["secretary"], world.program, table)
    except ImportRefused as refusal:
        assert refusal.plan.errors[0].row == 2
    else:
        raise AssertionError("the import should have been refused")
    assert _award_count() == 2


def test_not_a_csv_is_refused_at_upload(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    response = _upload(client, world, "title;level\nX;first\n")
    assert response.status_code == 200 and "The columns must be separated by commas" in response.get_data(as_text=True)
    response = client.post(f"/records/awards/{world.program.id}/import",
                           data={"file": (io.BytesIO(b"%PDF-1.4"), "x.csv")}, content_type="multipart/form-data")
    assert "This is not a CSV file." in response.get_data(as_text=True)


def test_another_users_upload_is_not_found(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    preview_url = _upload(client, world, GOOD).headers["Location"]
    auth.login_as(users["organizer"])
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert client.get("/records/awards/import-template.csv").data.startswith("\ufefftitle,".encode())
