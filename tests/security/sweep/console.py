"""The organiser console (/organise/): organisers of the award only."""

ORGANISER_ONLY = (302, 404, 404, 404, 404, 404, 404, 200)

ROUTES = {
    "console:dashboard": (lambda o: {}, ORGANISER_ONLY),
}

POST_ALLOWED = {}


def world_extend(world) -> None:
    pass
