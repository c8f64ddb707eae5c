"""Meetings: scheduling, sessions, venues, series, conflicts.

Every other area imports ``meetapp.meetings.models``; so that this stays free of side effects (and of import
cycles through the other areas' views), the blueprint and its views load when ``meetapp.meetings.bp`` is first
used, i.e. when the app registers it.
"""


def __getattr__(name: str):
    if name == "bp":
        from meetapp.meetings import session_views, venue_views, views  # noqa: F401
        from meetapp.meetings.blueprint import bp

        return bp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
