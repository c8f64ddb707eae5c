"""Administrators manage accounts at /admin/users: list, search, create, edit, passwords, (de)activation."""

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from meetapp.auth.models import SystemRole, User
from meetapp.extensions import db
from tests.factories import PASSWORD, PersonFactory, UnitFactory, UserFactory

NEW_PASSWORD = "a brand new secret"


@pytest.fixture
def admin_client(client, auth, users):
    auth.login_as(users["admin"])
    return client


def account_form(**changes) -> dict:
    data = {
        "name": "Li Wei",
        "email": "li.wei@example.com",
        "roles": ["organizer", "secretary"],
        "person_email": "",
        "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    }
    data.update(changes)
    return data


def edit_form(user: User, **changes) -> dict:
    data = {
        "name": user.name,
        "email": user.email,
        "roles": [role.value for role in user.roles],
        "person_email": user.person.email if user.person else "",
    }
    data.update(changes)
    return data


def account(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def signs_in(app, email: str, password: str) -> bool:
    return app.test_client().post("/login", data={"email": email, "password": password}).status_code == 302


# --- list ------------------------------------------------------------------------------------------------


def test_list_shows_name_email_roles_status_last_sign_in_and_person(admin_client):
    unit = UnitFactory(name="Science and Technology Department")
    person = PersonFactory(name="Zhang Min", email="zhang.min@example.com", unit=unit)
    UserFactory(
        name="Zhang Min",
        email="zm@example.com",
        roles=[SystemRole.ORGANIZER, SystemRole.SECRETARY],
        person=person,
        last_login_at=datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
    )
    UserFactory(name="Gone Away", email="gone@example.com", active=False)

    page = admin_client.get("/admin/users/").get_data(as_text=True)

    row = page[page.index("zm@example.com") - 300 : page.index("Science and Technology Department")]
    assert "Zhang Min" in row
    assert "Organizer" in row and "Secretary" in row
    assert "Active" in row
    assert "2026" in row and 'datetime="2026-03-02T08:30:00+00:00"' in row
    gone = page[page.index("gone@example.com") :]
    assert "Deactivated" in gone[:600]
    assert "never" in gone[:600]


def test_admin_users_without_slash_also_works(admin_client):
    assert admin_client.get("/admin/users", follow_redirects=True).status_code == 200


def test_search_by_name_or_email_ignores_case(admin_client):
    UserFactory(name="Wang Fang", email="fang.w@example.com")
    UserFactory(name="Chen Jie", email="chen@example.com")

    by_name = admin_client.get("/admin/users/?q=wang").get_data(as_text=True)
    by_email = admin_client.get("/admin/users/?q=CHEN@").get_data(as_text=True)

    assert "Wang Fang" in by_name and "Chen Jie" not in by_name
    assert "Chen Jie" in by_email and "Wang Fang" not in by_email
    assert 'value="wang"' in by_name  # the search box keeps what was typed


def test_search_treats_percent_and_underscore_literally(admin_client):
    UserFactory(name="Wang Fang", email="fang.w@example.com")
    assert "Wang Fang" not in admin_client.get("/admin/users/?q=%25").get_data(as_text=True)
    assert "Wang Fang" not in admin_client.get("/admin/users/?q=_").get_data(as_text=True)


def test_filter_by_role_and_status(admin_client):
    UserFactory(name="Only Secretary", roles=[SystemRole.SECRETARY])
    UserFactory(name="Retired Secretary", roles=[SystemRole.SECRETARY, SystemRole.MEMBER], active=False)
    UserFactory(name="Plain Member", roles=[SystemRole.MEMBER])

    secretaries = admin_client.get("/admin/users/?role=secretary").get_data(as_text=True)
    assert "Only Secretary" in secretaries and "Retired Secretary" in secretaries
    assert "Plain Member" not in secretaries

    inactive = admin_client.get("/admin/users/?status=inactive").get_data(as_text=True)
    assert "Retired Secretary" in inactive and "Only Secretary" not in inactive

    active_members = admin_client.get("/admin/users/?role=member&status=active").get_data(as_text=True)
    assert "Plain Member" in active_members
    assert "Retired Secretary" not in active_members and "Only Secretary" not in active_members

    nothing = admin_client.get("/admin/users/?q=nobody-at-all").get_data(as_text=True)
    assert "No account matches." in nothing


def test_list_pages_through_many_accounts(app, admin_client):
    app.config["ACCOUNTS_PAGE_SIZE"] = 5
    for n in range(12):
        UserFactory(name=f"Paged {n:02d}")
    first = admin_client.get("/admin/users/?q=paged").get_data(as_text=True)
    third = admin_client.get("/admin/users/?q=paged&page=3").get_data(as_text=True)
    assert "Paged 00" in first and "Paged 05" not in first
    assert "12 accounts" in first
    assert re.search(r'href="/admin/users/\?q=paged&amp;page=3"', first)  # page links keep the search
    assert "Paged 10" in third and "Paged 11" in third


def test_list_query_count_does_not_grow_with_accounts(admin_client, count_queries):
    def add_accounts(n):
        for _ in range(n):
            UserFactory(
                roles=[SystemRole.MEMBER, SystemRole.ORGANIZER], person=PersonFactory(), last_login_at=datetime.now(UTC)
            )

    add_accounts(3)
    with count_queries() as small:
        assert admin_client.get("/admin/users/").status_code == 200
    add_accounts(27)
    with count_queries() as large:
        page = admin_client.get("/admin/users/").get_data(as_text=True)
    assert page.count("/edit") >= 30
    assert large.count == small.count


# --- create ----------------------------------------------------------------------------------------------


def test_admin_creates_an_account_with_two_roles_who_can_then_sign_in(app, admin_client):
    response = admin_client.post("/admin/users/new", data=account_form())
    assert response.status_code == 302
    assert "Account li.wei@example.com created." in admin_client.get("/admin/users/").get_data(as_text=True)

    user = account("li.wei@example.com")
    assert user.name == "Li Wei"
    assert user.roles == {SystemRole.ORGANIZER, SystemRole.SECRETARY}
    assert user.active and user.person is None
    assert signs_in(app, "li.wei@example.com", NEW_PASSWORD)


def test_create_links_the_directory_person_by_email_in_any_case(admin_client):
    person = PersonFactory(email="li.wei@minmetals.example")
    response = admin_client.post("/admin/users/new", data=account_form(person_email="Li.Wei@MinMetals.example"))
    assert response.status_code == 302
    assert account("li.wei@example.com").person_id == person.id
    assert person.name in admin_client.get("/admin/users/").get_data(as_text=True)


def test_create_refuses_a_duplicate_email_in_any_case_and_keeps_the_input(admin_client):
    UserFactory(email="li.wei@example.com")
    response = admin_client.post("/admin/users/new", data=account_form(email="LI.Wei@Example.com"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An account with this email already exists." in page
    assert 'value="Li Wei"' in page and 'value="LI.Wei@Example.com"' in page
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.name == "Li Wei")) == 0


def test_create_refuses_an_account_without_roles(admin_client):
    response = admin_client.post("/admin/users/new", data=account_form(roles=[]))
    page = response.get_data(as_text=True)
    assert "Give the account at least one role." in page
    assert 'value="li.wei@example.com"' in page
    assert account("li.wei@example.com") is None


def test_create_refuses_an_unknown_role(admin_client):
    response = admin_client.post("/admin/users/new", data=account_form(roles=["superuser"]))
    assert response.status_code == 200
    assert account("li.wei@example.com") is None


def test_create_checks_the_initial_password(admin_client):
    short = admin_client.post("/admin/users/new", data=account_form(new_password="short", confirm="short"))
    assert "Use at least 10 characters." in short.get_data(as_text=True)
    differ = admin_client.post("/admin/users/new", data=account_form(confirm="something else entirely"))
    assert "The two new passwords differ." in differ.get_data(as_text=True)
    assert account("li.wei@example.com") is None


def test_create_refuses_an_unknown_or_already_linked_person(admin_client):
    unknown = admin_client.post("/admin/users/new", data=account_form(person_email="nobody@example.com"))
    assert "Nobody in the directory has this email." in unknown.get_data(as_text=True)

    person = PersonFactory(email="taken@example.com")
    UserFactory(email="first@example.com", person=person)
    taken = admin_client.post("/admin/users/new", data=account_form(person_email="taken@example.com"))
    assert "This person is already linked to the account first@example.com." in taken.get_data(as_text=True)
    assert account("li.wei@example.com") is None


def test_people_need_not_have_accounts(admin_client):
    PersonFactory(name="No Account Person", email="noaccount@example.com")
    page = admin_client.get("/admin/users/").get_data(as_text=True)
    assert "No Account Person" not in page


# --- edit ------------------------------------------------------------------------------------------------


def test_edit_form_shows_the_current_values(admin_client):
    person = PersonFactory(email="p@example.com")
    user = UserFactory(name="Old Name", email="old@example.com", roles=[SystemRole.SECRETARY], person=person)
    page = admin_client.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    assert 'value="Old Name"' in page and 'value="old@example.com"' in page and 'value="p@example.com"' in page
    checked = re.findall(r'<input checked [^>]*value="(\w+)"', page)
    assert checked == ["secretary"]
    assert 'required type="checkbox"' not in page  # ticking one role is enough


def test_edit_changes_name_email_roles_and_person_link(admin_client):
    person = PersonFactory(email="p@example.com")
    user = UserFactory(name="Old Name", email="old@example.com", roles=[SystemRole.MEMBER])
    form = edit_form(user, name="New Name", email="New@Example.com", roles=["member", "organizer"],
                     person_email="p@example.com")
    assert admin_client.post(f"/admin/users/{user.id}/edit", data=form).status_code == 302

    changed = account("new@example.com")
    assert changed.id == user.id and changed.name == "New Name"
    assert changed.roles == {SystemRole.MEMBER, SystemRole.ORGANIZER}
    assert changed.person_id == person.id

    form = edit_form(changed, person_email="")
    assert admin_client.post(f"/admin/users/{user.id}/edit", data=form).status_code == 302
    assert account("new@example.com").person_id is None


def test_edit_refuses_another_accounts_email(admin_client):
    UserFactory(email="taken@example.com")
    user = UserFactory(name="Keeps Name", email="mine@example.com")
    response = admin_client.post(
        f"/admin/users/{user.id}/edit", data=edit_form(user, name="Typed Name", email="Taken@example.com")
    )
    page = response.get_data(as_text=True)
    assert "An account with this email already exists." in page
    assert 'value="Typed Name"' in page
    assert account("mine@example.com").name == "Keeps Name"


def test_edit_refuses_removing_every_role(admin_client):
    user = UserFactory(roles=[SystemRole.ORGANIZER])
    page = admin_client.post(f"/admin/users/{user.id}/edit", data=edit_form(user, roles=[])).get_data(as_text=True)
    assert "Give the account at least one role." in page
    assert account(user.email).roles == {SystemRole.ORGANIZER}


def test_the_last_active_admin_keeps_the_admin_role(admin_client, users):
    admin = users["admin"]
    UserFactory(email="former.admin@example.com", roles=[SystemRole.ADMIN], active=False)  # does not count
    response = admin_client.post(f"/admin/users/{admin.id}/edit", data=edit_form(admin, roles=["member"]))
    assert "This is the last active administrator; keep at least one." in response.get_data(as_text=True)
    assert SystemRole.ADMIN in account("admin@example.com").roles


def test_an_admin_may_step_down_when_another_admin_remains(admin_client, users):
    UserFactory(email="second.admin@example.com", roles=[SystemRole.ADMIN])
    admin = users["admin"]
    response = admin_client.post(f"/admin/users/{admin.id}/edit", data=edit_form(admin, roles=["member"]))
    assert response.status_code == 302
    assert account("admin@example.com").roles == {SystemRole.MEMBER}
    assert admin_client.get("/admin/users/").status_code == 403  # the change applies at once


def test_unknown_account_is_404(admin_client):
    assert admin_client.get("/admin/users/999999/edit").status_code == 404
    assert admin_client.post("/admin/users/999999/deactivate").status_code == 404


# --- deactivate / reactivate -------------------------------------------------------------------------------


def test_deactivation_asks_first_then_keeps_the_account_and_ends_its_sessions(app, admin_client, users):
    member = users["member"]
    member_client = app.test_client()
    assert member_client.post("/login", data={"email": member.email, "password": PASSWORD}).status_code == 302
    assert member_client.get("/").status_code == 200

    confirm = admin_client.get(f"/admin/users/{member.id}/deactivate").get_data(as_text=True)
    assert "will be signed out everywhere and can no longer sign in" in confirm
    assert account(member.email).active  # asking changes nothing

    response = admin_client.post(f"/admin/users/{member.id}/deactivate")
    assert response.status_code == 302
    assert "is deactivated" in admin_client.get("/admin/users/").get_data(as_text=True)

    kept = account(member.email)
    assert kept is not None and not kept.active
    assert member_client.get("/").status_code == 302  # the open session has ended
    assert not signs_in(app, member.email, PASSWORD)


def test_reactivation_lets_the_account_sign_in_again(app, admin_client):
    user = UserFactory(email="back@example.com", active=False)
    assert "will be able to sign in again" in admin_client.get(f"/admin/users/{user.id}/reactivate").get_data(
        as_text=True
    )
    assert admin_client.post(f"/admin/users/{user.id}/reactivate").status_code == 302
    assert account("back@example.com").active
    assert signs_in(app, "back@example.com", PASSWORD)


def test_confirmation_page_says_when_there_is_nothing_to_do(admin_client, users):
    page = admin_client.get(f"/admin/users/{users['member'].id}/reactivate").get_data(as_text=True)
    assert "is already active" in page
    assert 'type="submit"' not in page.split('<main', 1)[1]


def test_an_admin_cannot_deactivate_their_own_account(admin_client, users):
    UserFactory(email="second.admin@example.com", roles=[SystemRole.ADMIN])
    admin = users["admin"]
    response = admin_client.post(f"/admin/users/{admin.id}/deactivate")
    assert "You cannot deactivate your own account" in response.get_data(as_text=True)
    assert account("admin@example.com").active


def test_deactivating_the_other_admin_is_fine_while_one_remains(admin_client):
    other = UserFactory(email="second.admin@example.com", roles=[SystemRole.ADMIN])
    assert admin_client.post(f"/admin/users/{other.id}/deactivate").status_code == 302
    assert not account("second.admin@example.com").active


# --- passwords -----------------------------------------------------------------------------------------------


def test_admin_sets_a_new_password_which_ends_the_users_sessions(app, admin_client, users):
    member = users["member"]
    member_client = app.test_client()
    member_client.post("/login", data={"email": member.email, "password": PASSWORD})

    response = admin_client.post(
        f"/admin/users/{member.id}/password", data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert member_client.get("/").status_code == 302
    assert signs_in(app, member.email, NEW_PASSWORD)
    assert not signs_in(app, member.email, PASSWORD)


def test_admin_setting_their_own_password_stays_signed_in(admin_client, users):
    admin = users["admin"]
    response = admin_client.post(
        f"/admin/users/{admin.id}/password", data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert admin_client.get("/admin/users/").status_code == 200


def test_admin_password_form_checks_length_and_repetition(app, admin_client, users):
    member = users["member"]
    url = f"/admin/users/{member.id}/password"
    assert "Use at least 10 characters." in admin_client.post(
        url, data={"new_password": "short", "confirm": "short"}
    ).get_data(as_text=True)
    assert "The two new passwords differ." in admin_client.post(
        url, data={"new_password": NEW_PASSWORD, "confirm": "another long one"}
    ).get_data(as_text=True)
    assert signs_in(app, member.email, PASSWORD)


# --- access ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "organizer", "secretary"])
def test_only_admins_may_create_accounts(client, auth, users, role):
    auth.login_as(users[role])
    assert client.post("/admin/users/new", data=account_form()).status_code == 403
    assert account("li.wei@example.com") is None


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_home_and_navigation_link_admins_to_the_accounts(admin_client, client, auth, users):
    page = admin_client.get("/").get_data(as_text=True)
    assert 'href="/admin/users/"' in page
    auth.login_as(users["organizer"])
    assert 'href="/admin/users/"' not in client.get("/").get_data(as_text=True)


def test_edit_warns_when_the_linked_person_has_no_email(admin_client):
    person = PersonFactory(name="Without Email", email=None)
    user = UserFactory(person=person)
    page = admin_client.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    assert "Linked to Without Email, who has no email in the directory" in page
