from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/meetings/<int:meeting_id>/agenda")
