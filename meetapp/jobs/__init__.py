"""Background jobs: long work (exports of big meetings, large video-report imports) and periodic work (mail
delivery, reminders) run on Celery with Redis as broker when ``MEETAPP_REDIS_URL`` is set, else in-process.

A ``Job`` row is what the browser follows: its status, progress, result file or summary, and error. ``queue``
holds the Celery app and tasks, ``services`` submits, runs and retries jobs, ``exports``/``imports`` are the kinds of
work, ``reminders`` the mail sent before meetings.
"""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
