"""Attendance: tickets and the check-in desk, personal video join links, video report imports, the live board and
reports. Every check-in goes through ``meetapp.attendance.checkins``."""

from meetapp.blueprints import views_on_access

# The modules holding this area's views; each attendance helper adds its own module name here.
VIEW_MODULES = (
    "desk_views",
    "ticket_views",
    "join",
    "video_reports.views",
    "board_views",  # the live board (board and report helper)
    "report_views",
    "by_hand_views",
)

__getattr__ = views_on_access(__name__, *VIEW_MODULES, blueprints=("bp", "join_bp", "tickets_bp"))
