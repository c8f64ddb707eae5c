"""What the records pages share: the reader's language, agenda-item choices, labels for templates."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
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
        SelectChoice(item.id, queries.item_label(item)) for item in queries.linkable_items(types, list(keep))
    ]


def agenda_item_or_none(item_id: int | None) -> AgendaItem | None:
    """The chosen agenda item; the choices were limited to existing items, so an id is found."""
    return db.session.get(AgendaItem, item_id) if item_id else None


@bp.context_processor
def labels():
    return {
        "locale": locale(),
        "level_kind_label": LEVEL_KIND_LABELS.get,
        "statement_status_label": STATEMENT_STATUS_LABELS.get,
        "item_label": queries.item_label,
    }
