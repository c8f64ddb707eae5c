"""factory_boy factories for meetapp's models (SQLAlchemy session: the app's)."""

from __future__ import annotations

import functools

import factory
from werkzeug.security import generate_password_hash

from meetapp.auth.models import SystemRole, User
from meetapp.directory.models import Group, Person, Unit, UnitKind
from meetapp.extensions import db

PASSWORD = "correct horse battery"


@functools.cache
def _password_hash() -> str:
    # Hashing with scrypt costs ~50 ms; the suite hashes the shared test password once.
    return generate_password_hash(PASSWORD, method="scrypt")


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Sequence(lambda n: f"User {n}")
    password_hash = factory.LazyFunction(_password_hash)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.roles = extracted or [SystemRole.MEMBER]
        if create:
            db.session.commit()


class UnitFactory(BaseFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    name_zh = factory.Sequence(lambda n: f"单位{n}")
    kind = UnitKind.DEPARTMENT


class PersonFactory(BaseFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    name_zh = factory.Sequence(lambda n: f"人员{n}")
    title = "Engineer"
    unit = factory.SubFactory(UnitFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.com")


class GroupFactory(BaseFactory):
    class Meta:
        model = Group

    code = factory.Sequence(lambda n: f"G{n:03d}")
    name = factory.Sequence(lambda n: f"Group {n}")
