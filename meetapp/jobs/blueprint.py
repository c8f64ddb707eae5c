from flask import Blueprint

# A job's page, its progress as JSON, its file, and a retry; starting an export is under its meeting.
bp = Blueprint("jobs", __name__)
