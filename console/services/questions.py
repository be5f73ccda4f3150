"""The form builder's writes: save, delete and reorder a category's questions, each audited.

What entrants have already answered is never broken: a question with answers keeps its kind and
cannot be deleted (the refusal says why and what to do instead)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from console.services.ordering import ordered_move
from submissions.models import Answer, Attachment, Question


def _has_answers(question: Question) -> bool:
    return (
        Answer.objects.filter(question=question).exists()
        or Attachment.all_objects.filter(question=question).exists()
    )


@transaction.atomic
def question_save(*, question: Question, changed: list[str], by) -> Question:
    """Create or change a question (a new one goes last). Refuses a change of kind once entrants
    have answered it. Audited ("question.create" or "question.update")."""
    category = question.category
    if question.pk:
        stored = Question.objects.select_for_update().get(pk=question.pk)
        if stored.kind != question.kind and _has_answers(stored):
            raise ValidationError(
                {
                    "kind": _(
                        "Entrants have already answered this question, so its kind cannot change: "
                        "their answers would no longer fit. Add a new question instead, and make "
                        "this one optional."
                    )
                },
                code="answered",
            )
        action = "question.update"
    else:
        last = Question.objects.filter(category=category).order_by("-position").first()
        question.position = (last.position + 1) if last else 1
        action = "question.create"
    question.save()
    audit_record(
        actor=by,
        action=action,
        target=question,
        edition=category.edition,
        data={"label": question.label_en, "fields": sorted(changed)},
    )
    return question


@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    """Delete a question nobody has answered. Audited ("question.delete")."""
    question = (
        Question.objects.select_for_update().select_related("category__edition").get(pk=question.pk)
    )
    if _has_answers(question):
        raise ValidationError(
            _(
                "Entrants have already answered this question, so it cannot be deleted: their "
                "answers would be lost. Make it optional instead, or ask for it in a new question."
            ),
            code="answered",
        )
    audit_record(
        actor=by,
        action="question.delete",
        target=question,
        edition=question.category.edition,
        data={"label": question.label_en},
    )
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool, by) -> None:
    """Swap the question with the one above (`up`) or below it, positions renumbered 1, 2, 3...
    (`ordered_move`). Audited ("question.move")."""
    position = ordered_move(
        Question.objects.filter(category_id=question.category_id), pk=question.pk, up=up, start=1
    )
    if position is None:
        return
    audit_record(
        actor=by,
        action="question.move",
        target=question,
        edition=question.category.edition,
        data={"label": question.label_en, "position": position},
    )
