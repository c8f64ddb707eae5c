from flask import Blueprint

# The web pages where users make and revoke their tokens (CSRF-protected like every page).
bp = Blueprint("api_tokens", __name__, url_prefix="/account/tokens")
