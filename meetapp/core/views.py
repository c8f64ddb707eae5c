from dataclasses import dataclass

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from meetapp import policy
from meetapp.auth.models import SYSTEM_ROLE_LABELS
from meetapp.auth.services import set_preferred_locale
from meetapp.core.blueprint import bp
from meetapp.navigation import safe_next_url
from meetapp.policy import require


@dataclass(frozen=True)
class HomeCard:
    title: object
    text: object
    link: object
    endpoint: str
    action: str


# What the home page offers; each user sees the cards their roles allow.
HOME_CARDS = (
    HomeCard(_l("Your meetings"), _l("Meetings you organize or are invited to, and the open ones."),
             _l("See the meetings"), "meetings.index", "meeting.list"),
    HomeCard(_l("Schedule a meeting"), _l("Set up a meeting with its sessions, venue and video link."),
             _l("New meeting"), "meetings.create", "meeting.create"),
    HomeCard(_l("Organisation directory"), _l("Units, people and groups of the organisation."),
             _l("Browse the directory"), "directory.people", "directory.view"),
    HomeCard(_l("Import people and units"), _l("Load the directory from a CSV file, with a preview first."),
             _l("Import from CSV"), "directory.import_csv", "directory.import"),
    HomeCard(_l("User accounts"), _l("Create accounts, assign system roles, deactivate accounts."),
             _l("Manage users"), "accounts.index", "accounts.manage"),
    HomeCard(_l("Your account"), _l("Change your password."), _l("Change password"),
             "auth.change_password", "account.change_password"),
)


@bp.route("/")
@require("home.view")
def home():
    cards = [
        card for card in HOME_CARDS
        if card.endpoint in current_app.view_functions and policy.can(card.action)
    ]
    return render_template("core/home.html", cards=cards, role_labels=SYSTEM_ROLE_LABELS)


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the chosen UI language: on the account when signed in, in the session otherwise."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            set_preferred_locale(current_user, lang)
    return redirect(safe_next_url(request.form.get("next")) or url_for("core.home"))
