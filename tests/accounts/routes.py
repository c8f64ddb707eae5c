"""Route × role rows for account administration: administrators only."""

from tests.factories import UserFactory
from tests.route_matrix import only

ADMIN = ("admin",)

ROUTES = {
    ("GET", "accounts.index"): only(ADMIN, 200),
    ("GET", "accounts.create"): only(ADMIN, 200),
    ("POST", "accounts.create"): only(ADMIN, 200),  # an empty form comes back with its errors
    ("GET", "accounts.edit"): only(ADMIN, 200),
    ("POST", "accounts.edit"): only(ADMIN, 302),  # an empty POST keeps the account's values and saves
    ("GET", "accounts.deactivate"): only(ADMIN, 200),
    ("POST", "accounts.deactivate"): only(ADMIN, 302),
    ("GET", "accounts.reactivate"): only(ADMIN, 200),
    ("POST", "accounts.reactivate"): only(ADMIN, 302),
    ("GET", "accounts.set_password"): only(ADMIN, 200),
    ("POST", "accounts.set_password"): only(ADMIN, 200),
}


def populate(world) -> None:
    world.account = UserFactory(email="sample.account@example.com", name="Sample Account")


def url_values(world) -> dict[str, dict]:
    endpoints = ("accounts.edit", "accounts.deactivate", "accounts.reactivate", "accounts.set_password")
    return {endpoint: {"user_id": world.account.id} for endpoint in endpoints}
