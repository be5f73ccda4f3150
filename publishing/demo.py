"""The demo's part from publishing: the 2024 edition published through the reviewed step."""

import datetime as dt

from awards.demo import STOCKHOLM
from awards.models import Edition
from publishing.services.publication import edition_publish

DEMO_RESULTS_AT = dt.datetime(2024, 11, 14, 18, 0, tzinfo=STOCKHOLM)


def demo_past_edition_publish(*, category, people, now: dt.datetime) -> None:
    """Publish the demo's 2024 results and winner page as the demo organiser, once: the
    checklist must pass, as for any edition."""
    edition = Edition.objects.filter(award__slug="flemingsberg-science-award", year=2024).first()
    if edition is None or edition.results_publish_at is not None:
        return
    edition_publish(edition=edition, at=DEMO_RESULTS_AT, by=people["organiser"])
