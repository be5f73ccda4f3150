"""The organiser console (/organise/): organisers of the award only."""

from awards.models import AwardOrganiser

ORGANISER_ONLY = (302, 404, 404, 404, 404, 404, 404, 200)
POST_ONLY = (405,) * 8

ROUTES = {
    "console:dashboard": (lambda o: {}, ORGANISER_ONLY),
    "console:organiser-list": (lambda o: {"award_pk": o["edition"].award_id}, ORGANISER_ONLY),
    "console:organiser-remove": (lambda o: {"pk": o["organiser_membership"].pk}, POST_ONLY),
}

POST_ALLOWED = {
    "console:organiser-list": {"organiser"},
    "console:organiser-remove": {"organiser"},
}


def world_extend(world) -> None:
    # The world's organiser runs the world's award (organisers belong to an award).
    world.objects["organiser_membership"] = AwardOrganiser.objects.create(
        award=world.objects["edition"].award, user=world.people["organiser"]
    )
