from flask import Blueprint

bp = Blueprint("core", __name__)

from meetapp.core import views  # noqa: E402,F401
