"""Publication pages: organisers prepare winner pages and publish; a team checks its own page."""

from publishing.models import Correction, TeamCheck
from tests.factories import WinnerFactory, WinnerPhotoFactory

ORGANISER_ONLY = (302, 404, 404, 404, 404, 404, 404, 200)
POST_ONLY = (302, 405, 405, 405, 405, 405, 405, 405)

ROUTES = {
    "publishing:edition-list": (lambda o: {}, ORGANISER_ONLY),
    "publishing:edition-publication": (lambda o: {"pk": o["edition"].pk}, ORGANISER_ONLY),
    "publishing:edition-publish": (lambda o: {"pk": o["edition"].pk}, POST_ONLY),
    "publishing:edition-unpublish": (lambda o: {"pk": o["edition"].pk}, POST_ONLY),
    "publishing:winner-list": (lambda o: {"pk": o["edition"].pk}, ORGANISER_ONLY),
    "publishing:winner-drafts-sync": (lambda o: {"pk": o["edition"].pk}, POST_ONLY),
    "publishing:winner-edit": (lambda o: {"pk": o["entry_winner"].pk}, ORGANISER_ONLY),
    "publishing:photo-add": (lambda o: {"pk": o["entry_winner"].pk}, POST_ONLY),
    "publishing:photo-remove": (lambda o: {"pk": o["entry_winner_photo"].pk}, POST_ONLY),
    "publishing:team-check-invite": (lambda o: {"pk": o["entry_winner"].pk}, POST_ONLY),
    "publishing:team-check-waive": (lambda o: {"pk": o["entry_winner"].pk}, POST_ONLY),
    "publishing:correction-decide": (
        lambda o: {"pk": o["correction"].pk, "decision": "accept"},
        POST_ONLY,
    ),
    # Only the entry's team (the entrant) reads its page before publication.
    "publishing:team-check": (
        lambda o: {"pk": o["entry_winner"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
}

ORGANISER = {"organiser"}
POST_ALLOWED = {
    "publishing:edition-publish": ORGANISER,
    "publishing:edition-unpublish": ORGANISER,
    "publishing:winner-drafts-sync": ORGANISER,
    "publishing:photo-add": ORGANISER,
    "publishing:photo-remove": ORGANISER,
    "publishing:team-check-invite": ORGANISER,
    "publishing:team-check-waive": ORGANISER,
    "publishing:correction-decide": ORGANISER,
    "publishing:team-check": {"entrant"},
}


def world_extend(world) -> None:
    """A draft winner page of the entrant's entry under the team's check, with a correction."""
    objects = world.objects
    winner = WinnerFactory(
        category=objects["category"], entry=objects["entry"], publish_at=None, slug="entry-winner"
    )
    check = TeamCheck.objects.create(winner=winner)
    objects["entry_winner"] = winner
    objects["entry_winner_photo"] = WinnerPhotoFactory(winner=winner)
    objects["correction"] = Correction.objects.create(
        team_check=check,
        field="idea_title",
        text="Better title",
        proposed_by=world.people["entrant"],
    )
