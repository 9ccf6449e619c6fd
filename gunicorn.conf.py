"""gunicorn settings for engagiert: `gunicorn -c gunicorn.conf.py engagiert.wsgi`.

Variables: GUNICORN_BIND (default 127.0.0.1:8001), GUNICORN_WORKERS (default 4)."""

import os

import gunicorn.http.wsgi

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
#: A request held longer than this (a database that never answers) is ended, not waited for.
timeout = 60
#: Errors and access lines to stderr, the access line with the request id the app assigned.
errorlog = "-"
accesslog = "-"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms [%({x-request-id}o)s]'

# gunicorn has no setting for its Server header, which names it: say only the platform's name.
gunicorn.http.wsgi.SERVER = "engagiert"
