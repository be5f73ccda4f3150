"""Every field needed before submitting is marked the same way on the entry form: an asterisk
in its label, "(required)" for screen readers, and aria-required on the input."""

import re

import pytest

from submissions.enums import QuestionKind
from tests.factories import CategoryFactory, EntryFactory, QuestionFactory

pytestmark = pytest.mark.django_db
MARK = '<span class="text-danger" aria-hidden="true">*</span>'


def _label_of(html: str, field_id: str) -> str:
    match = re.search(rf'<label[^>]*for="{field_id}"[^>]*>(.*?)</label>', html, re.S)
    return match.group(1) if match else ""


def test_title_pitch_and_required_questions_are_marked_and_optional_ones_say_so(client):
    category = CategoryFactory()
    idea = QuestionFactory(
        category=category, kind=QuestionKind.LONG_TEXT, label_en="Describe your idea"
    )
    website = QuestionFactory(
        category=category, kind=QuestionKind.URL, label_en="Website", required=False
    )
    plan = QuestionFactory(category=category, kind=QuestionKind.FILE, label_en="Business plan")
    entry = EntryFactory(category=category)
    client.force_login(entry.owner)

    page = client.get(entry.get_absolute_url()).content.decode()

    for field_id in ("id_title", "id_pitch", f"id_q_{idea.pk}"):
        assert MARK in _label_of(page, field_id), field_id
        assert re.search(
            rf'id="{field_id}"[^>]*aria-required="true"|aria-required="true"'
            rf'[^>]*id="{field_id}"',
            page,
        ), field_id
    assert MARK not in _label_of(page, f"id_q_{website.pk}")
    assert "Website (optional)" in _label_of(page, f"id_q_{website.pk}")
    assert "Organisation (optional)" in _label_of(page, "id_organisation")
    legend = re.search(r"<legend[^>]*>(.*?)</legend>", page, re.S).group(1)
    assert legend.startswith(f"{plan.label_en} {MARK}")
