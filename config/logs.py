"""Structured logs and error reports: one JSON object a line (LOG_FORMAT=json, the default in
production) that log collectors read without parsing rules, and a filter that keeps an outage
from mailing ADMINS once per request."""

import datetime as dt
import json
import logging
import threading
import time

# Attributes every LogRecord has; anything else was passed in `extra` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, request.path
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request" and key not in entry:
                entry[key] = value if isinstance(value, (str, int, float, bool)) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class OncePerInterval(logging.Filter):
    """Lets one record per logger and message template through every `seconds` (per process):
    an outage reaches ADMINS' mailbox once, not once per request."""

    def __init__(self, seconds: float = 300):
        super().__init__()
        self.seconds = seconds
        self.last: dict[tuple[str, str], float] = {}
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self.lock:
            if now - self.last.get(key, -self.seconds) < self.seconds:
                return False
            self.last[key] = now
        return True


def logging_config(*, log_format: str, level: str) -> dict:
    """Django's LOGGING: everything to the console (JSON or text); errors also mailed to
    ADMINS, at most one per kind every five minutes."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
            "once_per_5_minutes": {"()": "config.logs.OncePerInterval", "seconds": 300},
        },
        "formatters": {
            "json": {"()": "config.logs.JSONFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format},
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "once_per_5_minutes"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own errors (a 500) reach ADMINS; the console gets them through the root.
            "django": {"handlers": ["mail_admins"], "level": "INFO"},
            "laurel.outage": {"handlers": ["mail_admins"], "level": "ERROR"},
            "outbox": {"handlers": ["mail_admins"], "level": "INFO"},
            "config": {"handlers": ["mail_admins"], "level": "INFO"},
            # qpdf's messages about a damaged upload are answered to the entrant: not logged.
            "pikepdf": {"level": "WARNING"},
        },
    }
