from flask import Blueprint

bp = Blueprint("directory", __name__, url_prefix="/directory")

from meetapp.directory import views  # noqa: E402,F401
