"""gunicorn settings for the web process: ``gunicorn -c config/gunicorn.py config.wsgi`` (Procfile).

The access log is on, except for the respondent pages (anonymity invariant 1: a line
would date a submission and hold the respondent's address); see
``config/request_logs.py``. Binding and worker count stay on the Procfile's command
line, where the platform's ``PORT`` and ``WEB_CONCURRENCY`` are read.
"""

from config.request_logs import RespondentQuietLogger

accesslog = "-"
logger_class = RespondentQuietLogger
