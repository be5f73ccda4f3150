"""An organiser sets up a season in the console from an empty database, never opening the admin:
the award, an edition with a category, the entry form with its preview, a round with its rubric,
a judge invited, and the edition cloned to the next year. Screenshots in English, in Swedish and
at 320 px wide."""

import shutil
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from awards.models import Award, Edition
from judging.models import Criterion, JuryMember, Round
from submissions.models import Question
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _shot(page, name: str) -> None:
    path = screenshot(page, name)
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, DOCS / path.name)


def test_organiser_sets_up_a_season_without_the_admin(live_server, page):
    organiser = UserFactory(email="organiser@flemingsberg.se", is_staff=True)
    TOTP.activate(organiser, generate_totp_secret())
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    sign_in(page, live_server, organiser)
    url = live_server.url

    # The dashboard is empty; the organiser creates the award.
    page.goto(url + "/organise/")
    page.get_by_role("link", name="New award").click()
    page.get_by_label("name (English)").fill("Flemingsberg Science Award")
    page.get_by_label("name (Swedish)").fill("Flemingsberg Science Award")
    page.get_by_label("slug").fill("fsa")
    page.get_by_label("code").fill("FSA")
    assert_accessible(page)
    page.get_by_role("button", name="Save the award").click()
    page.locator(".alert-success").wait_for()
    award = Award.objects.get(slug="fsa")

    # An edition, then a category with its own deadline.
    page.get_by_role("link", name="New edition").click()
    page.get_by_label("year").fill("2026")
    page.get_by_label("call opens").fill("2026-03-01T09:00")
    page.get_by_label("call closes").fill("2026-05-15T12:00")
    assert_accessible(page)
    page.get_by_role("button", name="Save the edition").click()
    page.locator(".alert-success").wait_for()
    page.get_by_role("link", name="Next: Add a category").click()
    page.get_by_label("name (English)").fill("IDEA")
    page.get_by_label("name (Swedish)").fill("IDÉ")
    page.get_by_label("slug").fill("idea")
    page.get_by_label("code").fill("IDEA")
    page.get_by_label("eligibility (English)").fill("Students and researchers in Flemingsberg.")
    assert_accessible(page)
    _shot(page, "console-category")
    page.get_by_role("button", name="Save the category").click()
    page.locator(".alert-success").wait_for()

    # The entry form: two questions, previewed, then reordered with the keyboard.
    page.get_by_role("link", name="Entry form of IDEA", exact=True).click()
    for label_en, label_sv in (("Your website", "Er webbplats"), ("Your idea", "Er idé")):
        page.get_by_role("link", name="Add a question").click()
        page.get_by_label("kind").select_option("long_text" if label_en == "Your idea" else "url")
        page.get_by_label("label (English)").fill(label_en)
        page.get_by_label("label (Swedish)").fill(label_sv)
        page.get_by_role("button", name="Preview").click()
        page.locator("#question-preview").get_by_label(label_en).wait_for()
        page.get_by_role("button", name="Save the question").click()
        page.locator(".alert-success").wait_for()
    move_up = page.locator("li", has_text="Your idea").get_by_role("button", name="Move up")
    move_up.focus()
    page.keyboard.press("Enter")
    page.locator(".alert-success").or_(page.locator("#preview-heading")).first.wait_for()
    assert list(
        Question.objects.filter(category__edition__award=award)
        .order_by("position")
        .values_list("label_en", flat=True)
    ) == ["Your idea", "Your website"]
    assert_accessible(page)
    _shot(page, "console-form-builder")

    # A round and its rubric, with the judges' score form previewed.
    page.goto(url + "/organise/")
    page.get_by_role("link", name="Add a round to IDEA").first.click()
    page.get_by_label("name (English)").fill("Shortlist")
    page.get_by_label("name (Swedish)").fill("Kortlista")
    page.get_by_label("opens").fill("2026-05-20T09:00")
    page.get_by_label("closes").fill("2026-06-10T17:00")
    assert_accessible(page)
    page.get_by_role("button", name="Save the round").click()
    page.get_by_role("link", name="Add a criterion").click()
    page.get_by_label("name (English)").fill("Originality")
    page.get_by_label("name (Swedish)").fill("Originalitet")
    page.get_by_label("level descriptors (English)").fill("Weak\nFair\nGood\nStrong\nOutstanding")
    page.get_by_role("button", name="Preview").click()
    page.locator("#score-preview-heading").wait_for()
    page.get_by_role("button", name="Save the criterion").click()
    page.locator(".alert-success").wait_for()
    assert_accessible(page)
    _shot(page, "console-rubric")

    # The jury: a judge invited from the console's link to the jury page.
    page.get_by_role("link", name="Jury and invitations").click()
    page.get_by_label("Email address").fill("judge@ki.se")
    page.get_by_role("button", name="Send invitation").click()
    page.locator(".alert-success").wait_for()
    assert JuryMember.objects.filter(email="judge@ki.se").count() == 1

    # Clone the edition into 2027.
    page.goto(url + "/organise/")
    page.get_by_role("link", name="Clone to a new year").click()
    assert_accessible(page)
    page.get_by_role("button", name="Clone the edition").click()
    page.locator(".alert-success").wait_for()
    clone = Edition.objects.get(award=award, year=2027)
    assert Question.objects.filter(category__edition=clone).count() == 2
    assert Round.objects.get(category__edition=clone).closes_at.year == 2027
    assert Criterion.objects.filter(round__category__edition=clone).count() == 1
    assert JuryMember.objects.filter(category__edition=clone, email="judge@ki.se").count() == 1
    assert_accessible(page)
    _shot(page, "console-dashboard")

    page.goto(url + "/sv/organise/")
    page.get_by_role("heading", name="Säsongsöversikt").wait_for()
    assert_accessible(page)
    _shot(page, "console-dashboard-sv")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url + "/organise/")
    assert_accessible(page)
    _shot(page, "console-dashboard-320")

    assert [r for r in requests if "/admin/" in r] == []


def test_the_demo_dashboard_shows_a_season_in_progress(live_server, page, settings):
    from awards.demo import demo_seed

    settings.LAUREL_REQUIRE_STAFF_MFA = False
    demo_seed()
    sign_in(
        page, live_server, UserFactory._meta.model.objects.get(email="organiser@laurel.example")
    )

    page.goto(live_server.url + "/organise/")
    page.locator("svg.console-chart").first.wait_for()
    page.get_by_text("Entries by day, as a table").first.click()
    assert_accessible(page)
    _shot(page, "console-dashboard-demo")


def test_the_rubric_reorders_by_keyboard_and_fits_a_phone(live_server, page, settings):
    """At 320 px: the demo's rubric and dashboard fit the screen (tables scroll inside), and the
    last criterion moves up with the keyboard, keeping the focus on its row."""
    from awards.demo import demo_seed

    settings.LAUREL_REQUIRE_STAFF_MFA = False
    demo_seed()
    sign_in(
        page, live_server, UserFactory._meta.model.objects.get(email="organiser@laurel.example")
    )
    round_ = Round.objects.filter(criteria__isnull=False).distinct().order_by("pk").first()
    names = list(round_.criteria.order_by("position", "id").values_list("name_sv", flat=True))
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto(live_server.url + "/sv/organise/")
    dashboard_width = page.evaluate("document.documentElement.scrollWidth")
    page.goto(live_server.url + f"/sv/organise/rounds/{round_.pk}/rubric/")
    rubric_width = page.evaluate("document.documentElement.scrollWidth")
    assert_accessible(page)
    page.get_by_role("button", name=f"Flytta upp: {names[-1]}").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert (dashboard_width, rubric_width) == (320, 320)
    rows = page.locator("tbody th").all_inner_texts()
    assert [row.split(" ")[0] for row in rows][-2:] == [names[-1], names[-2]]
    assert page.evaluate("document.activeElement.id") == (
        f"criterion-row-{round_.criteria.get(name_sv=names[-1]).pk}"
    )
    _shot(page, "console-rubric-320-sv")
