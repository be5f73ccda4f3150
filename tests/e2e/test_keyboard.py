"""The entry form and the scoring form with the keyboard alone: Tab, typing, arrows, Space and
Enter, never the mouse. After every Tab the focus sits on a visible, focusable element and shows
a focus ring; what was typed reaches the server."""

import pytest

from judging.enums import ReviewStatus
from judging.models import Review
from submissions.enums import EntryStatus, QuestionKind
from submissions.models import Answer, Entry
from tests.e2e.conftest import sign_in
from tests.factories import CategoryFactory, EntryFactory, QuestionFactory
from tests.judging.builders import assign, judged_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : ''),
    text: (el.innerText || el.value || '').trim().slice(0, 40),
    visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
    focusVisible: el.matches(':focus-visible'),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none',
    tabbable: el.tabIndex >= 0 && !el.disabled,
  };
}"""


def _tab_to(page, selector: str, *, limit: int = 60) -> list[dict]:
    """Press Tab until `selector` has the focus; every stop on the way must show its focus."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus is not None, f"focus lost after {stops}"
        assert (focus["visible"], focus["focusVisible"], focus["ring"], focus["tabbable"]) == (
            True,
            True,
            True,
            True,
        ), focus
        stops.append(focus)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached in {limit} tabs: {stops}")


def _let_autosave_finish(page) -> None:
    """Autosave waits 1.5 s after the last keystroke; SQLite in tests takes one writer at a time,
    so the final submit waits for it."""
    page.wait_for_timeout(1600)
    page.wait_for_load_state("networkidle")


def test_entry_form_filled_and_submitted_with_the_keyboard(live_server, page):
    category = CategoryFactory(code="IDEA", edition__award__code="FSA", edition__year=2026)
    stage = QuestionFactory(
        category=category,
        position=1,
        kind=QuestionKind.SINGLE_CHOICE,
        label_en="Stage of the idea",
        choices_en="Idea\nPrototype\nCompany",
    )
    terms = QuestionFactory(
        category=category,
        position=2,
        kind=QuestionKind.CHECKBOX,
        label_en="I agree to the terms",
        consent_version="terms-1",
    )
    entry = EntryFactory(category=category, title="", pitch="", organisation="")
    sign_in(page, live_server, entry.owner)
    page.goto(live_server.url + entry.get_absolute_url())

    _tab_to(page, "#id_title")
    page.keyboard.type("Turn UP")
    _tab_to(page, "#id_pitch", limit=1)
    page.keyboard.type("Local music events for everyone.")
    # Into the radio group (first option), then the arrow moves the choice to "Prototype".
    _tab_to(page, f"input[name=q_{stage.pk}]", limit=5)
    page.keyboard.press("ArrowDown")
    _tab_to(page, f"input[name=q_{terms.pk}]", limit=1)
    page.keyboard.press("Space")
    stops = _tab_to(page, "button[name=review]", limit=5)
    _let_autosave_finish(page)
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/entries/{entry.pk}/review/")
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/entries/{entry.pk}/submitted/")

    entry = Entry.objects.get(pk=entry.pk)
    assert (entry.status, entry.title, entry.pitch, entry.consent_version) == (
        EntryStatus.SUBMITTED,
        "Turn UP",
        "Local music events for everyone.",
        "terms-1",
    )
    assert dict(Answer.objects.filter(entry=entry).values_list("question_id", "value")) == {
        stage.pk: "Prototype",
        terms.pk: "yes",
    }
    assert [stop["element"] for stop in stops][-1] == "button[name=review]"


def test_scoring_form_filled_and_submitted_with_the_keyboard(live_server, page):
    round = judged_round(criteria=2)
    first, second = round.criteria.all()
    assignment = assign(round=round)
    sign_in(page, live_server, assignment.judge)
    page.goto(f"{live_server.url}/jury/reviews/{assignment.pk}/")

    # Tabbing into a radio group with nothing chosen stops on its first level (1); arrows move.
    _tab_to(page, f"#score_{first.pk}-1")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    _tab_to(page, f"#score_{second.pk}-1", limit=1)
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    _tab_to(page, "#id_comment", limit=1)
    page.keyboard.type("A clear need, a credible team.")
    _tab_to(page, "button[formaction]", limit=5)
    _let_autosave_finish(page)
    page.keyboard.press("Enter")
    # The locked review, rather than the one-off success message: under heavy load Chromium was
    # twice seen posting the submit twice, and the second, refused, replaces that message.
    page.get_by_text("This review is submitted and locked.").wait_for()

    review = Review.objects.get(assignment=assignment)
    assert (review.status, review.comment) == (
        ReviewStatus.SUBMITTED,
        "A clear need, a credible team.",
    )
    assert {s.criterion_id: int(s.value) for s in review.scores.all()} == {
        first.pk: 4,
        second.pk: 3,
    }
