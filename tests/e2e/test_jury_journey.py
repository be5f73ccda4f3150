"""Browser journey through the jury pages: a judge accepts an invitation and declares a conflict;
the chair checks flags, previews and confirms automatic assignment. Every page passes axe-core."""

import pytest
from django.conf import settings

from judging.enums import JuryRole
from judging.models import Assignment, Conflict, JuryMember
from submissions.enums import EntryStatus
from tests.clients import LaurelClient as Client
from tests.e2e.conftest import assert_accessible, screenshot
from tests.factories import (
    CategoryFactory,
    EntryFactory,
    JuryMemberFactory,
    RoundFactory,
    UserFactory,
)

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


def test_jury_journey_invitation_conflict_and_automatic_assignment(live_server, page):
    category = CategoryFactory()
    round = RoundFactory(category=category, reviews_per_entry=2)
    chair = JuryMemberFactory(category=category, role=JuryRole.CHAIR).user
    for _ in range(2):
        JuryMemberFactory(category=category)
    for n in range(3):
        entry = EntryFactory(
            category=category,
            status=EntryStatus.SUBMITTED,
            title=f"Idea {n}",
            pitch="A pitch.",
            owner=UserFactory(email=f"entrant{n}@gmail.com", organisation=""),
            organisation="Entrant Lab",
        )
        entry.number, entry.reference = entry.pk, f"FSA-2026-IDEA-{entry.pk:04d}"
        entry.save()
    invited = JuryMember.objects.create(category=category, email="invited@ki.se")
    judge = UserFactory(email="private@gmail.com", organisation="Independent")
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    # The judge accepts with another address, then declares a conflict.
    sign_in(page, live_server, judge)
    page.goto(f"{live_server.url}/jury/join/{invited.token}/")
    assert_accessible(page)
    page.get_by_role("button", name="Accept the invitation").click()
    page.get_by_role("heading", name="Declare conflicts of interest").wait_for()
    assert_accessible(page)
    page.get_by_text("Declare a conflict with this entry").first.click()
    page.get_by_label("Kind of conflict").first.select_option("professional")
    page.get_by_role("button", name="Declare conflict").first.click()
    page.get_by_text("You will not see this entry again").wait_for()
    screenshot(page, "conflict-declare")
    assert Conflict.objects.filter(judge=judge).count() == 1

    # The chair looks at the jury and conflicts, then assigns automatically.
    page.context.clear_cookies()
    sign_in(page, live_server, chair)
    page.goto(f"{live_server.url}/jury/categories/{category.pk}/jury/")
    assert_accessible(page)
    screenshot(page, "jury-list")
    page.goto(f"{live_server.url}/jury/categories/{category.pk}/conflicts/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/jury/rounds/{round.pk}/assignments/")
    assert_accessible(page)
    page.get_by_role("link", name="Propose automatic assignment").click()
    assert_accessible(page)
    screenshot(page, "assignment-propose")
    page.get_by_role("button", name="Confirm and assign").click()
    page.get_by_text("6 assignments added").wait_for()
    assert_accessible(page)
    screenshot(page, "assignment-list")

    assert Assignment.objects.count() == 6
    assert not Assignment.objects.filter(
        judge=judge, entry_id__in=Conflict.objects.values("entry_id")
    ).exists()
    assert [e for e in console_errors if "Content Security Policy" in e] == []
