"""gunicorn settings for meetapp-web.service (``gunicorn --config deploy/gunicorn.conf.py wsgi:app``).

Every value can be overridden by the environment (``/etc/meetapp/meetapp.env``). ``systemctl reload meetapp-web``
sends HUP: gunicorn starts new workers with the new code, then lets the old ones finish their requests
(``graceful_timeout``) — no request is dropped.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # another host's nginx may need 0.0.0.0 (firewalled)
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # keep workers × threads within MEETAPP_DB_POOL_SIZE + overflow
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5  # nginx keeps upstream connections open (keepalive 32)
max_requests = 2000  # recycle workers now and then (memory); the jitter keeps them from restarting together
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
errorlog = "-"
# gunicorn's control socket (gunicornc) defaults to ~/.gunicorn/, shared by every gunicorn of the user and not
# writable under the unit's ProtectHome: off unless a path is given (e.g. /run/meetapp/gunicorn.ctl).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "/run/meetapp/gunicorn.ctl")
control_socket_disable = "GUNICORN_CONTROL_SOCKET" not in os.environ
