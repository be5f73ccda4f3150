# The public pages' tests edit awards as the awards' tests do, with the same organiser.
from tests.awards.conftest import organiser, superuser  # noqa: F401
