from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/admin/users")

from meetapp.accounts import views  # noqa: E402,F401
