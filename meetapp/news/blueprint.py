from flask import Blueprint

# The public news page and feed (/news…) and each meeting's releases (/meetings/<id>/news…).
bp = Blueprint("news", __name__)
