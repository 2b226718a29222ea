"""gunicorn settings for the container and the CI smoke test (`gunicorn --config ops/gunicorn.conf.py config.wsgi`).

Every value can be overridden from the environment: WEB_BIND, WEB_CONCURRENCY, WEB_TIMEOUT.
"""

import os

bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A long record's PDF takes WeasyPrint a few seconds; a minute is the most any request may take.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak in any library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file lives in memory: a container's overlay filesystem can stall it.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
# The TLS proxy in front sets X-Forwarded-Proto; Django reads it (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    """Once the application is loaded, its objects (modules, URL patterns, settings) last as long as the
    worker: freezing them keeps the collector's full passes from walking them again, which otherwise
    costs every twentieth request or so ~100 ms."""
    import gc

    gc.freeze()
