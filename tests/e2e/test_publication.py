"""From the chair's decision to the published winner page, in a real browser, without the admin:
the organiser completes the draft, a team member proposes a correction, the organiser accepts
it, an open call blocks publication, then results and the page go public together."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardOrganiser, Category, Edition, Winner
from publishing.enums import TeamCheckStatus
from publishing.models import TeamCheck
from tests.e2e.conftest import ARTIFACTS, assert_accessible, screenshot, sign_in
from tests.factories import CategoryFactory
from tests.publishing.builders import decide, judged_season, organiser_user
from tests.publishing.images import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _shot(page, name: str) -> None:
    """A screenshot in test-artifacts/, copied to docs/screenshots/ for review."""
    path = screenshot(page, f"publication-{name}")
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, DOCS / path.name)


def test_decision_to_published_winner_page(live_server, page, browser, tmp_path):
    season = judged_season()
    decide(season, season["entries"][0])
    winner = Winner.objects.get()
    student = CategoryFactory(
        edition=season["edition"],
        name_en="STUDENT",
        name_sv="STUDENT",
        code="STU",
        call_closes_at=timezone.now() + dt.timedelta(days=3),
    )
    organiser = organiser_user(display_name="Olof Organiser")
    AwardOrganiser.objects.create(award=season["edition"].award, user=organiser)
    sign_in(page, live_server, organiser)
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    # The organiser finds the draft made from the decision.
    page.goto(live_server.url + reverse("publishing:edition-list"))
    assert_accessible(page)
    page.get_by_role("link", name=f"Winner pages {season['edition'].award.name}").click()
    page.get_by_role("link", name="Sally Sow, Maja Member: Turn UP").wait_for()
    assert_accessible(page)
    _shot(page, "winner-list")

    # Writes the texts in both languages.
    page.get_by_role("link", name="Sally Sow, Maja Member: Turn UP").click()
    page.locator("#id_summary_sv").fill("Lokala musikevenemang för alla.")
    page.locator("#id_citation_en").fill("For an idea that opens local music to everyone.")
    page.locator("#id_citation_sv").fill("För en idé som öppnar lokal musik för alla.")
    page.locator("#id_story_en").fill("## The idea\n\nTurn UP helps people find local music.")
    page.locator("#id_story_sv").fill("## Idén\n\nTurn UP hjälper folk att hitta lokal musik.")
    page.get_by_role("button", name="Save the page").click()
    page.get_by_text("Winner page saved.").wait_for()

    # Adds a photo with its alternative text in both languages.
    photo = tmp_path / "stage.png"
    photo.write_bytes(png_bytes(1200, 800))
    page.locator("#id_image").set_input_files(str(photo))
    page.locator("#id_alt_text_en").fill("Sally Sow on stage with a microphone")
    page.locator("#id_alt_text_sv").fill("Sally Sow på scen med en mikrofon")
    page.get_by_role("button", name="Add the photo").click()
    page.get_by_text("Photo added.").wait_for()
    page.get_by_text("Complete in both languages.").wait_for()
    assert_accessible(page)
    _shot(page, "winner-edit")

    # Previews the page as the public will see it, social card included.
    page.get_by_role("link", name="Preview as the public will see it").click()
    page.get_by_text("Preview of a draft").wait_for()
    assert page.locator('meta[property="og:title"]').get_attribute("content") == (
        "Sally Sow, Maja Member: Turn UP"
    )
    assert page.locator('meta[property="og:image"]').count() == 1
    assert_accessible(page)
    _shot(page, "preview")
    page.go_back()

    # Asks the team to check the text.
    page.get_by_role("button", name="Ask the team to check").click()
    page.get_by_text("The team has been asked to check the page.").wait_for()

    # A team member, in Swedish, proposes a correction of the idea's title.
    member = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm").new_page()
    sign_in(member, live_server, season["member"])
    member.goto(
        live_server.url + "/sv" + reverse("publishing:team-check", kwargs={"pk": winner.pk})
    )
    assert member.get_attribute("html", "lang") == "sv"
    assert_accessible(member)
    member.locator("#id_idea_title").fill("Turn UP!")
    _shot(member, "team-check-sv")
    member.get_by_role("button", name="Föreslå mina rättelser").click()
    member.get_by_text("Tack: arrangörerna läser era rättelser.").wait_for()
    member.context.close()

    # The organiser accepts it.
    page.reload()
    page.get_by_role("button", name="Accept Idea").click()
    page.get_by_text("Correction applied.").wait_for()
    assert page.locator("#id_idea_title").input_value() == "Turn UP!"
    assert TeamCheck.objects.get(winner=winner).status == TeamCheckStatus.CORRECTIONS

    # Publication is refused while the STUDENT call is open, naming it.
    page.get_by_role("link", name="Publication", exact=True).click()
    page.get_by_text("The entrants' outcome emails").wait_for()
    page.get_by_role("button", name="Publish results and winner pages", exact=True).click()
    page.locator(".alert-danger", has_text="Not published: The call of STUDENT is open").wait_for()
    assert_accessible(page)
    _shot(page, "refused")
    assert Winner.objects.get().publish_at is None

    # The call closes; the checklist turns green; the organiser publishes.
    Category.objects.filter(pk=student.pk).update(
        call_opens_at=timezone.now() - dt.timedelta(days=30),
        call_closes_at=timezone.now() - dt.timedelta(minutes=1),
    )
    page.reload()
    page.get_by_text("Every call is closed").wait_for()
    assert page.locator(".checklist .text-bg-success").count() == 4
    assert Edition.objects.get().results_publish_at is None
    _shot(page, "checklist")
    page.get_by_role("button", name="Publish results and winner pages", exact=True).click()
    page.get_by_text("Published: results and winner pages are public.").wait_for()
    assert_accessible(page)

    # The public page shows it.
    winner.refresh_from_db()
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server.url + winner.get_absolute_url())
    visitor.locator("h1", has_text="Turn UP!").wait_for()
    assert visitor.locator("blockquote").inner_text().strip() == (
        "For an idea that opens local music to everyone."
    )
    assert visitor.locator("figure.winner-photo img").get_attribute("alt") == (
        "Sally Sow on stage with a microphone"
    )
    assert_accessible(visitor)
    _shot(visitor, "public")
    visitor.context.close()

    # The organiser's pages in Swedish too.
    for name, url in (
        ("winner-list-sv", reverse("publishing:winner-list", kwargs={"pk": season["edition"].pk})),
        (
            "edition-sv",
            reverse("publishing:edition-publication", kwargs={"pk": season["edition"].pk}),
        ),
    ):
        page.goto(live_server.url + "/sv" + url)
        assert page.get_attribute("html", "lang") == "sv"
        assert_accessible(page)
        _shot(page, name)

    assert [url for url in requests if "/admin/" in url] == []
    assert ARTIFACTS.exists()
