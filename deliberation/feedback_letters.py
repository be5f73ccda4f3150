"""The entrant's feedback letter: for each round of the entry's category that gives feedback,
each criterion's quarter within the category or its average score (as the round's policy says),
and the judges' comments the chair released, without the judges' names. Released with the
edition's results and never before."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from deliberation.bands import quarter
from deliberation.enums import CommentStatus, FeedbackKind
from deliberation.models import FeedbackComment, FeedbackPolicy
from judging.enums import ReviewStatus
from judging.models import Score


def quarter_label(value: int | None) -> str:
    return {
        1: _("among the top quarter of the category"),
        2: _("in the second quarter of the category"),
        3: _("in the third quarter of the category"),
        4: _("in the bottom quarter of the category"),
    }.get(value, _("not placed: too few scored entries"))


@dataclass
class CriterionLine:
    name: str
    text: str


@dataclass
class LetterSection:
    round_name: str
    kind: str
    criteria: list[CriterionLine] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _criterion_lines(*, round, kind: str, entry_id: int) -> list[CriterionLine]:
    means: dict[int, dict[int, float]] = {}
    rows = (
        Score.objects.filter(review__assignment__round=round, review__status=ReviewStatus.SUBMITTED)
        .values("criterion_id", "review__assignment__entry_id")
        .annotate(mean=Avg("value"))
        .order_by()
    )
    for row in rows:
        means.setdefault(row["criterion_id"], {})[row["review__assignment__entry_id"]] = float(
            row["mean"]
        )
    lines = []
    for criterion in round.criteria.all():
        values = means.get(criterion.pk, {})
        if kind == FeedbackKind.BANDS:
            text = quarter_label(quarter(means=values, entry_id=entry_id))
        elif entry_id in values:
            mean = Decimal(str(values[entry_id])).quantize(Decimal("0.1"))
            text = _("%(mean)s on a scale of %(low)s to %(high)s") % {
                "mean": number_format(mean, 1),
                "low": criterion.scale_min,
                "high": criterion.scale_max,
            }
        else:
            text = _("no score")
        lines.append(CriterionLine(name=criterion.name, text=text))
    return lines


def feedback_letter(*, entry, now=None, released_only=True) -> list[LetterSection]:
    """The letter's sections, oldest round first; empty before the edition's results are public
    (unless `released_only` is False, for the chair's preview) or when no round gives
    feedback. Runs in the active language. A few queries per round."""
    now = now or timezone.now()
    if released_only and not entry.category.edition.results_are_public(now=now):
        return []
    policies = (
        FeedbackPolicy.objects.filter(
            round__category_id=entry.category_id, round__round_entries__entry=entry
        )
        .exclude(kind=FeedbackKind.NONE)
        .select_related("round")
        .prefetch_related("round__criteria")
        .order_by("round__position")
    )
    sections = []
    for policy in policies:
        round = policy.round
        comments = list(
            FeedbackComment.objects.filter(
                status=CommentStatus.RELEASED,
                review__assignment__round=round,
                review__assignment__entry=entry,
                review__status=ReviewStatus.SUBMITTED,
            )
            .exclude(text="")
            .order_by("review__submitted_at", "pk")
            .values_list("text", flat=True)
        )
        section = LetterSection(round_name=round.name, kind=policy.kind, comments=comments)
        if policy.kind in (FeedbackKind.BANDS, FeedbackKind.SCORES):
            section.criteria = _criterion_lines(round=round, kind=policy.kind, entry_id=entry.pk)
        if section.criteria or section.comments:
            sections.append(section)
    return sections
