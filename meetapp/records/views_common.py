"""What the records pages share: the reader's language, agenda-item choices, labels for templates."""

from __future__ import annotations

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from meetapp.agenda.models import AgendaItem
from meetapp.extensions import db
from meetapp.records import queries
from meetapp.records.blueprint import bp
from meetapp.records.forms import NO_ITEM
from meetapp.records.models import LEVEL_KIND_LABELS, STATEMENT_STATUS_LABELS


def locale() -> str:
    return str(get_locale() or "en")


def item_choices(types, keep=()) -> list[SelectChoice]:
    return [SelectChoice(NO_ITEM, _("Not linked yet"))] + [
        SelectChoice(item.id, queries.item_label(item))
        for item in queries.linkable_items(current_user, types, list(keep))
    ]


def item_visible(item: AgendaItem | None) -> bool:
    """Whether the current user may see the meeting of ``item`` (one query per request, see
    ``queries.visible_linked_meetings``): record pages name only the meetings their reader may see."""
    if item is None:
        return False
    if "records_visible_meetings" not in g:
        g.records_visible_meetings = queries.visible_linked_meetings(current_user)
    return item.session.meeting_id in g.records_visible_meetings


def item_text(item: AgendaItem) -> str:
    """The meeting and title of a linked agenda item, or a placeholder when its meeting is not for this reader."""
    return queries.item_label(item) if item_visible(item) else _("an agenda item of a meeting you cannot see")


def agenda_item_or_none(item_id: int | None) -> AgendaItem | None:
    """The chosen agenda item; the choices were limited to existing items, so an id is found."""
    return db.session.get(AgendaItem, item_id) if item_id else None


@bp.context_processor
def labels():
    return {
        "locale": locale(),
        "level_kind_label": LEVEL_KIND_LABELS.get,
        "statement_status_label": STATEMENT_STATUS_LABELS.get,
        "item_label": item_text,
        "item_visible": item_visible,
    }
