from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/meetings/<int:meeting_id>/agenda")

# meetapp.models imports this package first (alphabetically); the auth package must be loaded before anything
# reaches meetapp.policy, which imports auth.models while auth.views imports policy.
import meetapp.auth  # noqa: E402,F401
from meetapp.agenda import views  # noqa: E402,F401
