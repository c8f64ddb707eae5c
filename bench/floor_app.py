"""The floor for ``bench/checkin.py``: the least a Flask + SQLAlchemy check-in can do — one JSON POST inserts one
row into a table with a unique index and commits. No sign-in, no CSRF, no look-ups. Served by gunicorn exactly
like the real app (``gunicorn bench.floor_app:app``), against the same database (``MEETAPP_DATABASE_URL``).
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class FloorCheckIn(db.Model):
    __tablename__ = "bench_floor_checkins"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    checked_in_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime(timezone=True), server_default=sa.func.now())


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["MEETAPP_DATABASE_URL"]
db.init_app(app)


@app.post("/scan")
def scan():
    data = request.get_json(silent=True) or {}
    db.session.add(FloorCheckIn(ticket_code=str(data.get("ticket_code", ""))[:64]))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return jsonify(ok=True, outcome="already_checked_in")
    return jsonify(ok=True, outcome="checked_in")


def create_table() -> None:
    with app.app_context():
        db.create_all()
