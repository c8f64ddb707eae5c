"""Calendar pages (month, week), .ics downloads and the personal subscription feed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel.dates import format_date, format_skeleton, get_day_names
from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from meetapp import policy
from meetapp.calendar import queries, services
from meetapp.calendar.blueprint import bp
from meetapp.calendar.forms import COMMON_ZONES, DEFAULT_ZONE, MonthFilter, WeekFilter
from meetapp.calendar.grid import lay_out, month_days, shift_month, utc_range, week_days
from meetapp.calendar.ics import calendar_bytes, meeting_event
from meetapp.database import utcnow
from meetapp.meetings.loading import load_meeting
from meetapp.policy import require

FEED_HISTORY = timedelta(days=90)  # how far back a subscription feed reaches
FEED_REFRESH = timedelta(hours=1)
MEETING_PAGE = "meetings.detail"


def meeting_page_endpoint() -> str | None:
    """The meeting page to link to, when the meetings area serves one."""
    return MEETING_PAGE if MEETING_PAGE in current_app.view_functions else None


@bp.context_processor
def calendar_helpers():
    def format_day(day, fmt="full"):
        return format_date(day, fmt, locale=get_locale())

    return {
        "format_day": format_day,
        "weekday_names": get_day_names("wide", locale=get_locale()),
        "weekday_abbrs": get_day_names("abbreviated", locale=get_locale()),
        "common_zones": COMMON_ZONES,
        "detail_endpoint": meeting_page_endpoint(),
    }


def _zone_args(zone) -> dict:
    """Query arguments that keep the chosen zone across the page's links (the default is left out)."""
    return {} if zone.key == DEFAULT_ZONE else {"tz": zone.key}


def _today(zone):
    return datetime.now(zone).date()


# --- pages ----------------------------------------------------------------------------------------


def _render_page(template: str, filters, days: list[date], today: date, period_month: int | None = None, **context):
    """A calendar page: the meetings the user may see laid out on ``days`` of the filter's zone."""
    zone = filters.zone
    meetings = queries.meetings_between(current_user, *utc_range(days, zone))
    return render_template(
        template,
        filters=filters,
        zone=zone,
        days=lay_out(days, meetings, zone, today, period_month),
        meeting_count=len(meetings),
        **context,
    )


@bp.route("/calendar")
@require("calendar.view")
def month():
    filters = MonthFilter(request.args).checked()
    today = _today(filters.zone)
    year, month_number = filters.period(today)
    zone_args = _zone_args(filters.zone)
    return _render_page(
        "calendar/month.html",
        filters,
        month_days(year, month_number),
        today,
        period_month=month_number,
        zone_args=zone_args,
        title=format_skeleton("yMMMM", date(year, month_number, 1), locale=get_locale()),
        previous=dict(zip(("year", "month"), shift_month(year, month_number, -1), strict=True), **zone_args),
        following=dict(zip(("year", "month"), shift_month(year, month_number, 1), strict=True), **zone_args),
    )


@bp.route("/calendar/week")
@require("calendar.view")
def week():
    filters = WeekFilter(request.args).checked()
    today = _today(filters.zone)
    days = week_days(filters.day(today))
    zone_args = _zone_args(filters.zone)
    return _render_page(
        "calendar/week.html",
        filters,
        days,
        today,
        zone_args=zone_args,
        first=days[0],
        last=days[-1],
        previous=dict(date=(days[0] - timedelta(days=7)).isoformat(), **zone_args),
        following=dict(date=(days[0] + timedelta(days=7)).isoformat(), **zone_args),
    )


# --- .ics -----------------------------------------------------------------------------------------


def _meeting_url(meeting) -> str | None:
    endpoint = meeting_page_endpoint()
    return url_for(endpoint, meeting_id=meeting.id, _external=True) if endpoint else None


def _ics_response(body: bytes, filename: str):
    """An iCalendar download that revalidates by content (ETag) and is never sniffed as HTML."""
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/meetings/<int:meeting_id>/calendar.ics")
def meeting_ics(meeting_id: int):
    """One meeting as an .ics file, for anyone who may see the meeting; join details only for those who may
    see them (participants and managers)."""
    meeting = load_meeting(meeting_id, options=queries.ics_loading())
    event = meeting_event(
        meeting,
        include_join_details=policy.can("meeting.view_join_details", meeting),
        url=_meeting_url(meeting),
        stamp=meeting.updated_at,  # the last revision: the same meeting gives the same bytes (ETag)
    )
    return _ics_response(calendar_bytes([event]), f"meeting-{meeting.id}.ics")


@bp.route("/calendar/feed/<token>.ics")
def feed(token: str):
    """The personal subscription feed: no sign-in, the secret token is the credential (404 when it is unknown,
    replaced, or its owner deactivated). Lists the meetings the owner takes part in, from 90 days ago on."""
    subscription = queries.feed_by_token(token)
    if not policy.can("calendar.read_feed", subscription):
        abort(404)
    owner = subscription.user
    meetings = queries.feed_meetings(owner, since=utcnow() - FEED_HISTORY)
    # Calendar apps poll without a session: the owner's language, not the request's, names things.
    with force_locale(owner.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        events = [
            meeting_event(meeting, include_join_details=True, url=_meeting_url(meeting), stamp=meeting.updated_at)
            for meeting in meetings
        ]
        body = calendar_bytes(events, name=_("Meetings of %(name)s", name=owner.name), refresh=FEED_REFRESH)
    return _ics_response(body, "meetapp.ics")


# --- subscription ---------------------------------------------------------------------------------


@bp.route("/calendar/subscription")
@require("calendar.view")
def subscription():
    subscription = queries.feed_of(current_user)
    feed_url = url_for(".feed", token=subscription.token, _external=True) if subscription else None
    webcal_url = "webcal://" + feed_url.split("://", 1)[1] if feed_url else None
    return render_template("calendar/subscription.html", feed_url=feed_url, webcal_url=webcal_url)


@bp.route("/calendar/subscription", methods=["POST"])
@require("calendar.view")
def create_subscription():
    services.create_feed(current_user)
    flash(_("Your subscription link is ready. Add it to your calendar app."), "success")
    return redirect(url_for(".subscription"))


@bp.route("/calendar/subscription/reset", methods=["POST"])
@require("calendar.view")
def reset_subscription():
    services.reset_feed(current_user)
    flash(
        _("Your subscription link was replaced. The old link no longer works: subscribe again with the new one."),
        "success",
    )
    return redirect(url_for(".subscription"))
