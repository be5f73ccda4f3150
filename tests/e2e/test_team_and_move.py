"""The team page and moving an entry, in a real browser: accessible and usable by keyboard."""

import pytest
from django.urls import reverse

from submissions.enums import TeamRole
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import (
    CategoryFactory,
    EntryFactory,
    TeamInvitationFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_manages_the_team_with_the_keyboard(live_server, page):
    entry = EntryFactory(category=CategoryFactory(), title="Turn UP")
    sally = TeamMemberFactory(entry=entry, user=UserFactory(display_name="Sally Sow")).user
    TeamInvitationFactory(entry=entry, email="typo@exmaple.org")
    sign_in(page, live_server, entry.owner)

    page.goto(live_server.url + reverse("submissions:team-edit", args=[entry.pk]))
    assert_accessible(page)
    screenshot(page, "team-edit")
    page.get_by_role("button", name="Withdraw invitation typo@exmaple.org").focus()
    page.keyboard.press("Enter")
    page.get_by_text("The invitation to typo@exmaple.org is withdrawn").wait_for()
    page.get_by_role("button", name="Make owner Sally Sow").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Sally Sow is now the owner of this entry.").wait_for()
    assert_accessible(page)

    entry.refresh_from_db()
    assert entry.owner == sally
    assert entry.invitations.count() == 0
    assert entry.team.get(user=sally).role == TeamRole.OWNER


def test_entrant_moves_an_entry_to_another_category(live_server, page):
    idea = CategoryFactory(name_en="Idea", code="IDEA")
    tech = CategoryFactory(edition=idea.edition, name_en="Technology", code="TECH")
    entry = EntryFactory(category=idea, title="Turn UP")
    sign_in(page, live_server, entry.owner)

    page.goto(live_server.url + reverse("submissions:entry-edit", args=[entry.pk]))
    page.get_by_role("link", name="Move to another category").click()
    assert_accessible(page)
    screenshot(page, "entry-move")
    page.get_by_label("Technology").check()
    page.get_by_role("button", name="Move my entry").click()
    page.get_by_text("Your entry is now in Technology.").wait_for()
    assert_accessible(page)

    entry.refresh_from_db()
    assert entry.category == tech
