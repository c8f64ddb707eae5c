"""(being written)"""

from meetapp.attendance.blueprint import bp  # noqa: F401
