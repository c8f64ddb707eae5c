"""What ``celery -A meetapp.jobs.worker`` loads (``make worker``, ``make beat``): the Flask app, built as
``wsgi.py`` builds it, and its Celery app. The worker and the scheduler refuse to start without
``MEETAPP_REDIS_URL``: without a broker, jobs run inside the web process and there is nothing for them to do."""

import os

from celery.signals import beat_init, worker_init

from config import Config, ProductionConfig
from meetapp import create_app

flask_app = create_app(ProductionConfig if os.environ.get("MEETAPP_ENV") == "production" else Config)
celery = flask_app.extensions["celery"]


@worker_init.connect
@beat_init.connect
def refuse_without_redis(**kwargs) -> None:
    if not flask_app.config.get("REDIS_URL"):
        raise SystemExit("MEETAPP_REDIS_URL is not set: without Redis, jobs run in the web process (no worker needed).")
