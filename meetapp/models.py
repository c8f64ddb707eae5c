"""Imports every area's models so the metadata (and Alembic's autogenerate) sees all tables."""

from meetapp.auth.models import User, UserRole  # noqa: F401
from meetapp.directory.models import Group, Person, Unit, group_members  # noqa: F401
