"""Award and category codes (awards/codes.py): letters and digits, unique whatever the case, so
that entry references are unique by construction and submitting never fails on one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards.models import Award, Category
from submissions.services import entry_submit
from tests.factories import AwardFactory, CategoryFactory, EditionFactory, EntryFactory

pytestmark = pytest.mark.django_db


def _award(code: str) -> Award:
    return Award(slug=f"award-{code.lower()}-x", code=code, name_en=f"Award {code}")


def test_a_second_award_with_the_same_code_in_another_case_is_refused_next_to_the_field():
    AwardFactory(code="FSA")

    with pytest.raises(ValidationError) as refused:
        _award("fsa").full_clean()

    assert list(refused.value.message_dict) == ["code"]
    assert "Another award already uses the code FSA" in refused.value.message_dict["code"][0]


def test_the_database_refuses_it_too():
    AwardFactory(code="FSA")

    with pytest.raises(IntegrityError), transaction.atomic():
        _award("Fsa").save()


@pytest.mark.parametrize("code", ["FS-A", "FS A", "FSÄ"])
def test_codes_are_letters_and_digits(code):
    with pytest.raises(ValidationError) as refused:
        _award(code).full_clean()

    assert "letters and digits only" in refused.value.message_dict["code"][0]


def test_category_codes_are_unique_in_their_edition_whatever_the_case():
    category = CategoryFactory(code="IDEA")
    duplicate = Category(edition=category.edition, slug="other", code="idea", name_en="Other")

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["code"]


def test_two_awards_whose_codes_once_clashed_now_give_distinct_references():
    first = CategoryFactory(code="IDEA", edition=EditionFactory(award__code="FSA", year=2026))
    second = CategoryFactory(code="IDEA", edition=EditionFactory(award__code="FSB", year=2026))
    entries = [
        EntryFactory(category=category, title="Turn UP", pitch="Music.")
        for category in (first, second)
    ]

    references = [entry_submit(entry=e, user=e.owner).entry.reference for e in entries]

    assert references == ["FSA-2026-IDEA-0001", "FSB-2026-IDEA-0001"]
