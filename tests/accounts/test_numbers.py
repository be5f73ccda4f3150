"""`two_places` writes what `floatformat:2` writes, in both languages
(accounts/templatetags/numbers.py)."""

import random
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.utils import translation

from accounts.templatetags.numbers import two_places

rng = random.Random(2026)
VALUES = [
    *(rng.uniform(-10, 10) for _ in range(2000)),
    *(rng.uniform(-0.01, 0.01) for _ in range(200)),
    2.675,
    1.005,
    -0.005,
    0.0,
    -0.0,
    5,
    123456.785,
    Decimal("3.125"),
    Decimal("-1.115"),
    "2.5",
    float("nan"),
    float("inf"),
]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_two_places_writes_what_floatformat_writes(lang):
    with translation.override(lang):
        differ = [
            (v, floatformat(v, 2), two_places(v))
            for v in VALUES
            if floatformat(v, 2) != two_places(v)
        ]
    assert differ == []


def test_two_places_uses_the_languages_decimal_separator_in_a_template():
    template = Template("{% load numbers %}{{ x|two_places }} {{ missing|two_places }}|")

    with translation.override("sv"):
        swedish = template.render(Context({"x": 4.335}))
    with translation.override("en"):
        english = template.render(Context({"x": 4.335}))

    assert (swedish, english) == ("4,34 |", "4.34 |")
