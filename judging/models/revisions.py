"""A counter per round of what its results analysis reads, kept by the database itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundResultsRevision(models.Model):
    """How many times the inputs of a round's analysis have changed.

    Database triggers (migration 0003) move it on in the same transaction as every insert,
    update and delete of a score, review, assignment, criterion, round entry or conflict, and
    every change of an entry's reference - whoever writes: a service, the admin, a cascade or a
    bulk ``update()``. The results page keys its cached analysis on it, so proving the cache
    fresh costs one indexed read whatever the size of the round.

    `round_id` is a plain column, not a foreign key: a trigger fired while a round's rows are
    deleted may write the counter of a round that is going, and nothing may then stop the round
    from going. Round ids are never reused, so a leftover counter is harmless.
    """

    round_id = models.BigIntegerField(_("round"), primary_key=True)
    revision = models.PositiveBigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("results revision of a round")
        verbose_name_plural = _("results revisions of rounds")

    def __str__(self):
        return f"round {self.round_id}: {self.revision}"
