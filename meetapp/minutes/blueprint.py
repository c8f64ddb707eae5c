from flask import Blueprint

# A meeting's minutes (/meetings/<id>/minutes/…) and the signed-in user's action items across meetings.
bp = Blueprint("minutes", __name__)
