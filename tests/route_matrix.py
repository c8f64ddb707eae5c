"""The route × role matrix: every registered route, requested by every role, against the expected status.

Each area keeps its rows in ``tests/<area>/routes.py``:

    ROUTES = {("GET", "directory.people"): {"anonymous": 302, "member": 200, ...}, ...}

    def url_values(world) -> dict[str, dict]:   # endpoint -> URL arguments, from the sample world
        return {"directory.person": {"person_id": world.person.id}}

and may add sample objects with ``populate(world)``. A status may be a set when several outcomes are
correct (a POST with an empty form may re-render with errors or redirect). A route nobody listed fails
the test, so every new route must say who may reach it.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

ROLES = ("anonymous", "member", "organizer", "secretary", "admin")
IGNORED_ENDPOINTS = {"static", "bootstrap.static"}
CHECKED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def area_modules():
    """Every ``tests/<area>/routes.py`` module."""
    root = Path(__file__).parent
    for info in pkgutil.iter_modules([str(root)]):
        if info.ispkg and (root / info.name / "routes.py").exists():
            yield importlib.import_module(f"tests.{info.name}.routes")


def expected_rows() -> dict[tuple[str, str], dict[str, int | set[int]]]:
    rows: dict = {}
    for module in area_modules():
        for key, row in module.ROUTES.items():
            assert key not in rows, f"{key} is listed twice"
            missing = set(ROLES) - set(row)
            assert not missing, f"{key} has no expectation for {sorted(missing)}"
            rows[key] = row
    return rows


def registered_routes(app) -> list[tuple[str, str, object]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in IGNORED_ENDPOINTS:
            continue
        for method in CHECKED_METHODS:
            if method in rule.methods:
                routes.append((method, rule.endpoint, rule))
    return routes


SIGNED_IN = ROLES[1:]
TO_LOGIN = 302  # anonymous users are sent to the sign-in page


def everyone(status) -> dict:
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=TO_LOGIN) -> dict:
    """Any signed-in role gets ``status``; anonymous users go to sign in."""
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(roles: tuple[str, ...], status, denied=403, anonymous=TO_LOGIN) -> dict:
    """``roles`` get ``status``; other signed-in roles are refused; anonymous users go to sign in."""
    return {"anonymous": anonymous, **{role: status if role in roles else denied for role in SIGNED_IN}}
