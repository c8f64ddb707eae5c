"""``flask create-user`` for first setup and scripts."""

import sqlalchemy as sa

from meetapp.auth.models import SystemRole, User
from meetapp.auth.services import authenticate
from meetapp.extensions import db
from tests.factories import UserFactory

PASSWORD = "first setup secret"


def stored(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_creates_an_account_with_several_roles(runner):
    result = runner.invoke(
        args=["create-user", "Chair@Example.com", "--name", "Chen Li", "--role", "admin", "--role", "organizer",
              "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    assert "Created chair@example.com with roles: admin, organizer" in result.output
    user = stored("chair@example.com")
    assert user.name == "Chen Li" and user.active
    assert user.roles == {SystemRole.ADMIN, SystemRole.ORGANIZER}
    assert authenticate("chair@example.com", PASSWORD) is not None


def test_prompts_for_the_password_twice_when_not_given(runner):
    result = runner.invoke(
        args=["create-user", "sec@example.com", "--name", "Sun Yan", "--role", "secretary"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Password" in result.output and "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output  # typed without echo
    assert authenticate("sec@example.com", PASSWORD) is not None


def test_prompt_asks_again_when_the_two_entries_differ(runner):
    result = runner.invoke(
        args=["create-user", "sec@example.com", "--name", "Sun Yan", "--role", "secretary"],
        input=f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert authenticate("sec@example.com", PASSWORD) is not None


def test_refuses_a_duplicate_email_in_any_case(runner):
    UserFactory(email="taken@example.com", name="First Holder")
    result = runner.invoke(
        args=["create-user", "TAKEN@example.com", "--name", "Second", "--role", "member", "--password", PASSWORD]
    )
    assert result.exit_code != 0
    assert "An account with this email already exists." in result.output
    assert stored("taken@example.com").name == "First Holder"


def test_rejects_an_unknown_role(runner):
    result = runner.invoke(
        args=["create-user", "x@example.com", "--name", "X", "--role", "superuser", "--password", PASSWORD]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
    assert stored("x@example.com") is None


def test_requires_at_least_one_role(runner):
    result = runner.invoke(args=["create-user", "x@example.com", "--name", "X", "--password", PASSWORD])
    assert result.exit_code == 2
    assert "--role" in result.output
    assert stored("x@example.com") is None


def test_refuses_a_short_password(runner):
    result = runner.invoke(
        args=["create-user", "x@example.com", "--name", "X", "--role", "member", "--password", "short"]
    )
    assert result.exit_code == 2
    assert "use at least 10 characters" in result.output
    assert stored("x@example.com") is None
