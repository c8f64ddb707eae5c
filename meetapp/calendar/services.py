"""Changes to personal calendar feeds: create one, replace its secret link."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from meetapp.calendar.models import CalendarFeed, new_feed_token
from meetapp.calendar.queries import feed_of
from meetapp.extensions import db


def create_feed(user) -> CalendarFeed:
    """Give ``user`` a personal feed with a secret token; when they already have one, return it unchanged
    (a second click, or two tabs at once, never replaces a link already handed to a calendar app)."""
    feed = feed_of(user)
    if feed is not None:
        return feed
    feed = CalendarFeed(user_id=user.id)
    db.session.add(feed)
    try:
        db.session.commit()
    except IntegrityError:  # created meanwhile by a concurrent request
        db.session.rollback()
        feed = feed_of(user)
    return feed


def reset_feed(user) -> CalendarFeed:
    """Replace the token of ``user``'s feed, so the old URL stops working at once (creates the feed if missing)."""
    feed = feed_of(user)
    if feed is None:
        return create_feed(user)
    feed.token = new_feed_token()
    db.session.commit()
    return feed
