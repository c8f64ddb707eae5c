"""Entry point for ``flask --app wsgi`` and gunicorn (``gunicorn wsgi:app``)."""

import os

from config import Config, ProductionConfig
from meetapp import create_app

app = create_app(ProductionConfig if os.environ.get("MEETAPP_ENV") == "production" else Config)
