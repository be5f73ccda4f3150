"""Deliberation in a browser: two judges discuss an entry under two visibility policies; a jury
meeting the chair drives while a judge's screen follows; an entrant reads their feedback only
after publication. axe-clean in English and Swedish."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deliberation.enums import FeedbackKind
from deliberation.services.feedback import feedback_comments_release_rest, feedback_policy_set
from deliberation.services.meetings import meeting_start
from judging.enums import RoundStatus, Visibility
from tests.deliberation.conftest import panel_build
from tests.deliberation.meeting_builders import closed_round
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _discussion_url(live_server, panel, lang=""):
    prefix = f"/{lang}" if lang else ""
    return (
        f"{live_server.url}{prefix}/jury/rounds/{panel.round.pk}/entries/{panel.entry.pk}"
        "/discussion/"
    )


def _post(page, text):
    page.locator("#id_body").fill(text)
    page.get_by_role("button", name="Post", exact=True).click()


@pytest.mark.parametrize("visibility", [Visibility.AFTER_OWN_REVIEW, Visibility.AFTER_ROUND_CLOSES])
def test_two_judges_discuss_as_the_round_allows(live_server, browser, visibility):
    panel = panel_build(visibility=visibility)
    panel.submit(panel.first_assignment)
    first = browser.new_context(locale="en-GB", timezone_id="Europe/Stockholm").new_page()
    second = browser.new_context(locale="en-GB", timezone_id="Europe/Stockholm").new_page()
    sign_in(first, live_server, panel.first)
    sign_in(second, live_server, panel.second)

    first.goto(_discussion_url(live_server, panel))
    _post(first, "The market is clear; the team less so.")
    expect(first.get_by_text("The market is clear; the team less so.")).to_be_visible()

    second.goto(_discussion_url(live_server, panel))
    expect(second.get_by_text("once", exact=False).first).to_be_visible()
    expect(second.get_by_text("The market is clear")).to_have_count(0)

    if visibility == Visibility.AFTER_OWN_REVIEW:
        panel.submit(panel.second_assignment)
    else:
        panel.submit(panel.second_assignment)
        panel.round.status = RoundStatus.CLOSED
        panel.round.save()
    second.goto(_discussion_url(live_server, panel))
    expect(second.get_by_text("The market is clear; the team less so.")).to_be_visible()
    expect(second.get_by_text("Judge A")).to_be_visible()
    expect(second.get_by_text("Ada Judge")).to_have_count(0)
    second.get_by_text("Reply", exact=True).click()
    second.get_by_label("Your reply").fill("Agreed, ask them about the team.")
    second.get_by_role("button", name="Post reply").click()
    expect(second.get_by_text("Agreed, ask them about the team.")).to_be_visible()
    assert_accessible(second)
    screenshot(second, f"discussion-{visibility}")

    first.goto(_discussion_url(live_server, panel, lang="sv"))
    expect(first.get_by_text("Agreed, ask them about the team.")).to_be_visible()
    expect(first.get_by_role("heading", name="Meddelanden")).to_be_visible()
    assert_accessible(first)


def test_chair_moves_through_the_agenda_and_a_judges_screen_follows(live_server, browser):
    scored = closed_round()
    meeting = meeting_start(round=scored.round, by=scored.chair, top_n=1)
    chair = browser.new_context(locale="en-GB", timezone_id="Europe/Stockholm").new_page()
    judge = browser.new_context(locale="en-GB", timezone_id="Europe/Stockholm").new_page()
    sign_in(chair, live_server, scored.chair)
    sign_in(judge, live_server, scored.judge)
    first_ref = meeting.agenda[0]["reference"]
    second_ref = meeting.agenda[1]["reference"]

    chair.goto(f"{live_server.url}/jury/meetings/{meeting.pk}/")
    judge.goto(f"{live_server.url}/sv/jury/meetings/{meeting.pk}/follow/")
    expect(judge.locator("#meeting-focus")).to_contain_text(first_ref)
    assert_accessible(judge)
    assert_accessible(chair)
    screenshot(chair, "meeting-presenter")

    chair.get_by_role("button", name=f"Discuss {second_ref}").click()
    expect(
        chair.get_by_role("heading", name=f"In focus: {second_ref}", exact=False)
    ).to_be_visible()
    expect(judge.locator("#meeting-focus")).to_contain_text(second_ref, timeout=10_000)
    screenshot(judge, "meeting-follower")

    chair.locator("#id_outcome").select_option("winner")
    chair.locator("#id_reason").fill("Most convincing on impact.")
    chair.get_by_role("button", name="Record the decision").click()
    expect(chair.get_by_text("Decision recorded.")).to_be_visible()
    chair.get_by_role("button", name="End the meeting and write the minutes").click()
    expect(chair.get_by_text("Most convincing on impact.")).to_be_visible()
    expect(chair.get_by_role("heading", name="Present")).to_be_visible()
    assert_accessible(chair)
    screenshot(chair, "meeting-minutes")
    expect(judge.locator("#meeting-focus")).to_contain_text("Mötet är avslutat", timeout=10_000)


def test_entrant_reads_feedback_only_after_publication(live_server, page):
    scored = closed_round()
    feedback_policy_set(round=scored.round, kind=FeedbackKind.BANDS, by=scored.chair)
    feedback_comments_release_rest(reviews=scored.reviews, by=scored.chair)
    sign_in(page, live_server, scored.entrant)
    url = f"{live_server.url}/entries/{scored.entry.pk}/review/"

    page.goto(url)
    expect(page.get_by_text("Feedback from the jury")).to_have_count(0)
    edition = scored.entry.category.edition
    edition.results_publish_at = timezone.now() - dt.timedelta(minutes=1)
    edition.save()
    page.goto(url)
    expect(page.get_by_role("heading", name="Feedback from the jury")).to_be_visible()
    expect(page.get_by_text("among the top quarter of the category")).to_be_visible()
    expect(page.get_by_text("Feedback by Ada Judge")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "entrant-feedback")
    page.goto(f"{live_server.url}/sv/entries/{scored.entry.pk}/review/")
    expect(page.get_by_role("heading", name="Återkoppling från juryn")).to_be_visible()
    assert_accessible(page)


def test_chair_moderates_feedback_and_previews_a_second_look(live_server, page):
    from tests.factories import JuryMemberFactory

    scored = closed_round()
    JuryMemberFactory(category=scored.round.category)
    sign_in(page, live_server, scored.chair)

    page.goto(f"{live_server.url}/jury/rounds/{scored.round.pk}/feedback/")
    page.get_by_label("Place within the category per criterion", exact=False).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Feedback settings saved.")).to_be_visible()
    page.get_by_role("button", name="Hold back").first.click()
    expect(page.get_by_text("Comment moderated.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "feedback-moderation")

    page.goto(f"{live_server.url}/sv/jury/rounds/{scored.round.pk}/second-look/")
    page.get_by_label("Bidragen närmast gränsen").check()
    page.locator("#id_deadline").fill(
        timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Förhandsvisa förslaget").click()
    expect(page.get_by_role("heading", name="Förslag")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "second-look-preview")
    page.get_by_role("button", name="Bekräfta och mejla domarna").click()
    expect(page.get_by_text("domarna har fått mejl", exact=False)).to_be_visible()
