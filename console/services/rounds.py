"""Rounds and their rubrics from the console, each change audited. What judges have scored is
never broken: a criterion with scores keeps its scale and cannot be deleted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from console.services.ordering import ordered_move
from judging.models import Criterion, Round, Score


@transaction.atomic
def round_save(*, round: Round, changed: list[str], by) -> Round:
    """Create or change a round. Audited ("round.create" or "round.update")."""
    action = "round.update" if round.pk else "round.create"
    round.save()
    audit_record(
        actor=by,
        action=action,
        target=round,
        edition=round.category.edition,
        data={"name": round.name_en, "fields": sorted(changed)},
    )
    return round


@transaction.atomic
def criterion_save(*, criterion: Criterion, changed: list[str], by) -> Criterion:
    """Create or change a criterion (a new one goes last). Refuses a change of scale once judges
    have scored it. Audited ("criterion.create" or "criterion.update")."""
    if criterion.pk:
        stored = Criterion.objects.select_for_update().get(pk=criterion.pk)
        rescaled = (stored.scale_min, stored.scale_max) != (
            criterion.scale_min,
            criterion.scale_max,
        )
        if rescaled and Score.objects.filter(criterion=stored).exists():
            raise ValidationError(
                {
                    "scale_max": _(
                        "Judges have already scored this criterion from %(low)s to %(high)s, so "
                        "its scale cannot change: their scores would mean something else. Add a "
                        "new criterion instead."
                    )
                    % {"low": stored.scale_min, "high": stored.scale_max}
                },
                code="scored",
            )
        action = "criterion.update"
    else:
        last = Criterion.objects.filter(round=criterion.round).order_by("-position").first()
        criterion.position = (last.position + 1) if last else 0
        action = "criterion.create"
    criterion.save()
    audit_record(
        actor=by,
        action=action,
        target=criterion,
        edition=criterion.round.category.edition,
        data={"name": criterion.name_en, "fields": sorted(changed)},
    )
    return criterion


@transaction.atomic
def criterion_move(*, criterion: Criterion, up: bool, by) -> None:
    """Swap the criterion with the one above (`up`) or below it in the judges' score form,
    positions renumbered 0, 1, 2... (`ordered_move`). Scores and results stay as they are:
    the analysis and its snapshots take criteria by id, not by place. Audited
    ("criterion.move")."""
    position = ordered_move(
        Criterion.objects.filter(round_id=criterion.round_id), pk=criterion.pk, up=up, start=0
    )
    if position is None:
        return
    audit_record(
        actor=by,
        action="criterion.move",
        target=criterion,
        edition=criterion.round.category.edition,
        data={"name": criterion.name_en, "position": position + 1},
    )


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by) -> None:
    """Delete a criterion nobody has scored. Audited ("criterion.delete")."""
    criterion = (
        Criterion.objects.select_for_update()
        .select_related("round__category__edition")
        .get(pk=criterion.pk)
    )
    if Score.objects.filter(criterion=criterion).exists():
        raise ValidationError(
            _(
                "Judges have already scored this criterion, so it cannot be deleted: their scores "
                "would be lost."
            ),
            code="scored",
        )
    audit_record(
        actor=by,
        action="criterion.delete",
        target=criterion,
        edition=criterion.round.category.edition,
        data={"name": criterion.name_en},
    )
    criterion.delete()
