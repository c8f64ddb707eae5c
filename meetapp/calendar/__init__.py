"""Calendars: month and week pages of the meetings a user may see, .ics downloads, personal subscription feeds.

``meetapp.models`` imports ``meetapp.calendar.models`` early; so that this stays free of side effects (and of import
cycles through the other areas), the blueprint and its views load when ``meetapp.calendar.bp`` is first used, i.e.
when the app registers it (as ``meetapp.meetings`` does).
"""


def __getattr__(name: str):
    if name == "bp":
        from meetapp.calendar import views  # noqa: F401
        from meetapp.calendar.blueprint import bp

        return bp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
