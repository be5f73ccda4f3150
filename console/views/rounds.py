"""Rounds and the rubric builder, with the judge's score form previewed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import user_organises
from console.access import console_required, get_category_for_organiser
from console.forms.rounds import CriterionForm, RoundForm
from console.services.rounds import criterion_delete, criterion_move, criterion_save, round_save
from judging.forms import ReviewForm, score_field, score_levels
from judging.models import Criterion, Round


def get_round_for_organiser(request, pk) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("category__edition__award"), pk=pk)
    if not user_organises(request.user, award=round_.category.edition.award):
        raise Http404
    return round_


def _get_criterion(request, pk) -> Criterion:
    criterion = get_object_or_404(
        Criterion.objects.select_related("round__category__edition__award"), pk=pk
    )
    if not user_organises(request.user, award=criterion.round.category.edition.award):
        raise Http404
    return criterion


def score_preview(criteria: list[Criterion]) -> list[dict]:
    """The judge's score fields for `criteria`, as the review page renders them: its own form
    (`ReviewForm`) and partial (`judging/_score_field.html`), nothing chosen."""
    form = ReviewForm(assignment=None, user=None, criteria=criteria)
    return [
        {
            "name": form[score_field(criterion)].name,
            "criterion": criterion,
            "levels": score_levels(criterion),
            "current": "",
            "error": "",
        }
        for criterion in criteria
    ]


@console_required
def round_create(request, category_pk):
    category = get_category_for_organiser(request, category_pk)
    return _round_page(request, category=category)


@console_required
def round_edit(request, pk):
    round_ = get_round_for_organiser(request, pk)
    return _round_page(request, category=round_.category, round_=round_)


def _round_page(request, *, category, round_=None):
    form = RoundForm(request.POST or None, instance=round_, category=category)
    if request.method == "POST" and form.is_valid():
        saved = round_save(
            round=form.save(commit=False), changed=form.changed_data, by=request.user
        )
        messages.success(request, _("The round has been saved."))
        return redirect("console:rubric", round_pk=saved.pk)
    return render(
        request,
        "console/round_edit.html",
        {"category": category, "round": round_, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@console_required
def rubric(request, round_pk):
    round_ = get_round_for_organiser(request, round_pk)
    criteria = list(round_.criteria.order_by("position", "id"))
    return render(
        request,
        "console/rubric.html",
        {
            "round": round_,
            "category": round_.category,
            "criteria": criteria,
            "criteria_rows": score_preview(criteria),
        },
    )


def _criterion_page(request, *, round_, criterion=None):
    form = CriterionForm(request.POST or None, instance=criterion, round=round_)
    rows = None
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        if "preview" in request.POST:
            rows = score_preview([draft])
        else:
            try:
                criterion_save(criterion=draft, changed=form.changed_data, by=request.user)
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("The criterion has been saved."))
                return redirect("console:rubric", round_pk=round_.pk)
    invalid = request.method == "POST" and (form.errors or "preview" not in request.POST)
    return render(
        request,
        "console/criterion_edit.html",
        {
            "round": round_,
            "category": round_.category,
            "criterion": criterion,
            "form": form,
            "criteria_rows": rows,
        },
        status=400 if invalid else 200,
    )


@console_required
def criterion_create(request, round_pk):
    return _criterion_page(request, round_=get_round_for_organiser(request, round_pk))


@console_required
def criterion_edit(request, pk):
    criterion = _get_criterion(request, pk)
    return _criterion_page(request, round_=criterion.round, criterion=criterion)


@console_required
def criterion_delete_view(request, pk):
    criterion = _get_criterion(request, pk)
    refusal = None
    if request.method == "POST":
        try:
            criterion_delete(criterion=criterion, by=request.user)
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            messages.success(request, _("The criterion has been deleted."))
            return redirect("console:rubric", round_pk=criterion.round_id)
    return render(
        request,
        "console/criterion_delete.html",
        {"criterion": criterion, "round": criterion.round, "refusal": refusal},
        status=400 if refusal else 200,
    )


@require_POST
@console_required
def criterion_move_view(request, pk):
    criterion = _get_criterion(request, pk)
    criterion_move(criterion=criterion, up=request.POST.get("direction") == "up", by=request.user)
    url = redirect("console:rubric", round_pk=criterion.round_id)
    url["Location"] += f"#criterion-row-{criterion.pk}"
    return url
