"""Settings for benchmarks/survey_submit.py: the project's, plus a bare view to compare
with, and a code throttle high enough that the benchmark's one client isn't refused."""

from config.settings import *  # noqa: F403
from config.settings import REST_FRAMEWORK

ROOT_URLCONF = "benchmarks.survey_submit_urls"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
        "survey_code": "10000000/minute",
    },
    # The benchmark plays a proxy in front of many respondents (X-Forwarded-For).
    "NUM_PROXIES": 1,
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
