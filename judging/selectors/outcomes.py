"""Entrants' outcomes, read from the decisions in each category's final round once the edition's
results are public."""

from django.utils import timezone

from judging.models import Decision, Round

OUTCOME_BY_DECISION = {
    "winner": "winner",
    "runner_up": "runner_up",
    "honourable_mention": "honourable_mention",
    "advance": "finalist",
}


def entry_outcomes(*, entries, now=None) -> dict[int, str]:
    """Each entry's outcome once its edition's results are public, else nothing for that entry.

    The outcome comes from the decision on the entry in its category's final round: "winner",
    "runner_up", "honourable_mention", "finalist" (advanced from the final round) or
    "not_selected" (no decision there). Entries need `category__edition` loaded. Two queries.
    """
    now = now or timezone.now()
    public = [entry for entry in entries if entry.category.edition.results_are_public(now=now)]
    if not public:
        return {}
    category_ids = {entry.category_id for entry in public}
    final_position: dict[int, int] = {}
    for category_id, position in Round.objects.filter(category_id__in=category_ids).values_list(
        "category_id", "position"
    ):
        final_position[category_id] = max(position, final_position.get(category_id, position))
    decisions = {
        entry_id: outcome
        for entry_id, outcome, category_id, position in Decision.objects.filter(
            entry__in=[entry.pk for entry in public]
        ).values_list("entry_id", "outcome", "round__category_id", "round__position")
        if final_position.get(category_id) == position
    }
    return {
        entry.pk: OUTCOME_BY_DECISION.get(decisions.get(entry.pk), "not_selected")
        for entry in public
    }
