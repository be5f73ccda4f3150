import json
import logging

from config.logs import JSONFormatter, OncePerInterval


def _record(msg="Redis is not answering (%s)", args=("refused",), **extra):
    record = logging.LogRecord("config.cache", logging.ERROR, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_formatter_writes_one_object_with_the_extra_fields():
    line = JSONFormatter().format(_record(outage="cache"))

    entry = json.loads(line)
    assert {k: entry[k] for k in ("level", "logger", "message", "outage")} == {
        "level": "ERROR",
        "logger": "config.cache",
        "message": "Redis is not answering (refused)",
        "outage": "cache",
    }


def test_once_per_interval_lets_the_same_kind_through_once():
    once = OncePerInterval(seconds=300)

    assert [once.filter(_record(args=(n,))) for n in range(3)] == [True, False, False]
    assert once.filter(_record(msg="Another problem", args=())) is True
