"""A judge scores an entry: autosave, a second tab refused, errors next to the field, submit."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from judging.enums import ReviewStatus
from judging.models import Review
from tests.clients import LaurelClient as Client
from tests.e2e.conftest import assert_accessible, screenshot
from tests.judging.builders import assign, judged_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_judge_scores_autosaves_meets_a_second_tab_and_submits(live_server, page):
    round = judged_round(criteria=2)
    first, second = round.criteria.all()
    first.descriptors_en = "Weak\nFair\nGood\nStrong\nOutstanding"
    first.save()
    assignment = assign(round=round)
    sign_in(page, live_server, assignment.judge)
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    url = f"{live_server.url}/jury/reviews/{assignment.pk}/"

    page.goto(url)
    page.get_by_label("4 – Strong").check()
    page.get_by_label("Comment for the jury").fill("A clear need, a credible team.")
    page.get_by_label("Comment for the jury").blur()
    status = page.locator("#review-status")
    status.get_by_text("Draft saved at").wait_for()
    page.wait_for_timeout(1800)  # the typing autosave waits 1.5 s
    page.wait_for_load_state("networkidle")
    saved = Review.objects.get(assignment=assignment)
    expect(page.locator("#review-version")).to_have_value(str(saved.version))
    assert saved.comment == "A clear need, a credible team."
    assert [int(s.value) for s in saved.scores.all()] == [4]
    assert_accessible(page)
    screenshot(page, "review-edit")

    # A second tab saves; the first tab's next save is refused and keeps its text.
    other = page.context.new_page()
    other.goto(url)
    other.get_by_label("Comment for the jury").fill("Second tab")
    other.get_by_label("Comment for the jury").blur()
    other.locator("#review-status").get_by_text("Draft saved at").wait_for()
    page.get_by_label("Comment for the jury").fill("First tab, later")
    page.get_by_label("Comment for the jury").blur()
    status.get_by_text("saved in another tab or window").wait_for()
    assert page.get_by_label("Comment for the jury").input_value() == "First tab, later"
    assert Review.objects.get(assignment=assignment).comment == "Second tab"
    other.close()

    # Submitting without every required score shows the error next to the criterion.
    page.reload()
    page.get_by_role("button", name="Submit review").click()
    error = page.locator(f"#score_{second.pk}-error")
    assert error.inner_text() == "Criterion 2: a score is required."
    assert_accessible(page)

    page.locator(f"#score_{second.pk}-3").check()
    page.get_by_role("button", name="Submit review").click()
    page.get_by_text("Review submitted. Thank you.").wait_for()
    screenshot(page, "review-submitted")

    review = Review.objects.get(assignment=assignment)
    assert review.status == ReviewStatus.SUBMITTED
    assert sorted(int(s.value) for s in review.scores.all()) == [3, 4]
    assert [e for e in console_errors if "Content Security Policy" in e] == []


def test_judge_dashboard_and_chair_progress_are_accessible(live_server, page):
    from judging.enums import JuryRole
    from tests.factories import JuryMemberFactory, ReviewFactory

    round = judged_round(criteria=2, name_en="Screening")
    assignment = assign(round=round)
    ReviewFactory(assignment=assignment, status=ReviewStatus.SUBMITTED)
    assign(round=round, judge=assignment.judge, title="Second idea")
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user

    sign_in(page, live_server, assignment.judge)
    page.goto(f"{live_server.url}/jury/")
    assert page.locator("h1").inner_text() == "Your jury assignments"
    assert_accessible(page)
    screenshot(page, "jury-dashboard")

    page.context.clear_cookies()
    sign_in(page, live_server, chair)
    page.goto(f"{live_server.url}/jury/rounds/{round.pk}/progress/")
    assert_accessible(page)
    screenshot(page, "round-progress")
    page.get_by_role("button", name="Reopen").click()
    page.get_by_text("Review reopened").wait_for()
    page.get_by_role("link", name="Close the round…").click()
    assert_accessible(page)
    page.get_by_role("button", name="Close the round").click()
    page.get_by_text("The round is closed.").first.wait_for()
    assert Review.objects.get(assignment=assignment).status == ReviewStatus.DRAFT
