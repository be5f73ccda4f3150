"""The organiser console (/organise/): organisers of the award only."""

from awards.models import AwardOrganiser

ORGANISER_ONLY = (302, 404, 404, 404, 404, 404, 404, 200)
POST_ONLY = (405,) * 8

ROUTES = {
    "console:dashboard": (lambda o: {}, ORGANISER_ONLY),
    "console:outbox": (lambda o: {}, ORGANISER_ONLY),
    "console:organiser-list": (lambda o: {"award_pk": o["edition"].award_id}, ORGANISER_ONLY),
    "console:organiser-remove": (lambda o: {"pk": o["organiser_membership"].pk}, POST_ONLY),
    "console:award-create": (lambda o: {}, ORGANISER_ONLY),
    "console:award-edit": (lambda o: {"pk": o["edition"].award_id}, ORGANISER_ONLY),
    "console:edition-create": (lambda o: {"award_pk": o["edition"].award_id}, ORGANISER_ONLY),
    "console:edition-edit": (lambda o: {"pk": o["edition"].pk}, ORGANISER_ONLY),
    "console:edition-clone": (lambda o: {"pk": o["edition"].pk}, ORGANISER_ONLY),
    "console:category-create": (lambda o: {"edition_pk": o["edition"].pk}, ORGANISER_ONLY),
    "console:category-edit": (lambda o: {"pk": o["category"].pk}, ORGANISER_ONLY),
    "console:form-builder": (lambda o: {"category_pk": o["category"].pk}, ORGANISER_ONLY),
    "console:question-create": (lambda o: {"category_pk": o["category"].pk}, ORGANISER_ONLY),
    "console:question-edit": (lambda o: {"pk": o["question"].pk}, ORGANISER_ONLY),
    "console:question-delete": (lambda o: {"pk": o["question"].pk}, ORGANISER_ONLY),
    "console:question-move": (lambda o: {"pk": o["question"].pk}, POST_ONLY),
    "console:round-create": (lambda o: {"category_pk": o["category"].pk}, ORGANISER_ONLY),
    "console:round-edit": (lambda o: {"pk": o["round"].pk}, ORGANISER_ONLY),
    "console:rubric": (lambda o: {"round_pk": o["round"].pk}, ORGANISER_ONLY),
    "console:pitch-day-edit": (lambda o: {"round_pk": o["round"].pk}, ORGANISER_ONLY),
    "console:criterion-create": (lambda o: {"round_pk": o["round"].pk}, ORGANISER_ONLY),
    "console:criterion-edit": (lambda o: {"pk": o["round"].criteria.first().pk}, ORGANISER_ONLY),
    "console:criterion-delete": (
        lambda o: {"pk": o["round"].criteria.first().pk},
        ORGANISER_ONLY,
    ),
    "console:criterion-move": (lambda o: {"pk": o["round"].criteria.first().pk}, POST_ONLY),
    "console:jury-invite": (lambda o: {"category_pk": o["category"].pk}, ORGANISER_ONLY),
}

POST_ALLOWED = {
    "console:organiser-list": {"organiser"},
    "console:organiser-remove": {"organiser"},
    "console:award-create": {"organiser"},
    "console:award-edit": {"organiser"},
    "console:edition-create": {"organiser"},
    "console:edition-edit": {"organiser"},
    "console:edition-clone": {"organiser"},
    "console:category-create": {"organiser"},
    "console:category-edit": {"organiser"},
    "console:question-create": {"organiser"},
    "console:question-edit": {"organiser"},
    "console:question-delete": {"organiser"},
    "console:question-move": {"organiser"},
    "console:round-create": {"organiser"},
    "console:round-edit": {"organiser"},
    "console:criterion-create": {"organiser"},
    "console:criterion-edit": {"organiser"},
    "console:criterion-delete": {"organiser"},
    "console:criterion-move": {"organiser"},
    "console:jury-invite": {"organiser"},
}


def world_extend(world) -> None:
    # The world's organiser runs the world's award (organisers belong to an award).
    world.objects["organiser_membership"] = AwardOrganiser.objects.create(
        award=world.objects["edition"].award, user=world.people["organiser"]
    )
