"""gunicorn settings for the web process: ``gunicorn -c config/gunicorn.py config.wsgi`` (Procfile).

The access log is on, except for the respondent pages (anonymity invariant 1: a line
would date a submission and hold the respondent's address); see
``config/request_logs.py``. Binding and worker count stay on the Procfile's command
line, where the platform's ``PORT`` and ``WEB_CONCURRENCY`` are read.
"""

from config.request_logs import RespondentQuietLogger

accesslog = "-"
logger_class = RespondentQuietLogger

# A survey's answers ride between its pages in cookies (surveys/views/respondent_state.py:
# up to MAX_CHUNKS cookies of about 3.8 KB, for long comments about several officers),
# and a browser sends them all in one Cookie header: gunicorn's default of 8,190 bytes
# per header would refuse the largest. A proxy in front needs the same room.
limit_request_field_size = 65536
