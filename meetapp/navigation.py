"""Redirect targets: only paths on this site are followed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l

from meetapp import policy


def safe_next_url(target: str | None) -> str | None:
    """``target`` when it is a local path (``/x``, not ``//host`` or ``http://host``), else None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


@dataclass(frozen=True)
class NavItem:
    area: str  # endpoint prefix that marks the item as current
    endpoint: str
    label: object  # a lazy translatable string
    action: str  # the policy action that shows the item
    menu: str = "main"  # "main": the bar itself; "admin": the Administration menu; "personal": the user's menu


# The navigation; each feature area adds its entry here. The bar keeps the areas everyone works in; what concerns
# only the signed-in person, or only administrators, sits in a menu of its own so the bar stays on one line.
NAV_ITEMS = (
    NavItem("core.home", "core.home", _l("Home"), "home.view"),
    NavItem("meetings.", "meetings.index", _l("Meetings"), "meeting.list"),
    NavItem("directory.", "directory.people", _l("Directory"), "directory.view"),
    NavItem("calendar.", "calendar.month", _l("Calendar"), "calendar.view"),
    NavItem("records.", "records.programs", _l("Records"), "records.view"),
    NavItem("news.", "news.index", _l("News"), "news.read"),
    NavItem("accounts.", "accounts.index", _l("Users"), "accounts.manage", menu="admin"),
    NavItem("audit.index", "audit.index", _l("Audit log"), "audit.view", menu="admin"),
    NavItem("minutes.my_actions", "minutes.my_actions", _l("My action items"), "minutes.my_actions", menu="personal"),
    NavItem("api_tokens.", "api_tokens.index", _l("API tokens"), "api.tokens", menu="personal"),
    NavItem("auth.change_password", "auth.change_password", _l("Change password"), "account.change_password",
            menu="personal"),
)


def nav_items_for(user) -> dict[str, list[NavItem]]:
    """The navigation entries this user may follow, by menu, leaving out areas this app has not registered."""
    menus: dict[str, list[NavItem]] = {"main": [], "admin": [], "personal": []}
    for item in NAV_ITEMS:
        if item.endpoint in current_app.view_functions and policy.can(item.action, user=user):
            menus[item.menu].append(item)
    return menus
