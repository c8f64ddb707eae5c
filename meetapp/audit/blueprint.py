from flask import Blueprint

# The administrators' audit log; the meeting History tab lives under the meeting's URL.
bp = Blueprint("audit", __name__)
