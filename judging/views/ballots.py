"""Judges' pages in screening, ranking and pairwise rounds (one page per round for the judge),
and the chair's results and ballot export of those rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging.access import (
    get_assignment_for_judge,
)
from judging.ballot_forms import (
    PairAnswerForm,
    RankingForm,
    ScreeningAnswerForm,
    rank_field,
)
from judging.enums import RoundMode
from judging.models import PairComparison, RankPlace, Review, Round, ScreeningVote
from judging.selectors.entries import entry_for_jury, latest_version_field
from judging.services.ballots import judge_assignments, ranking_limit, screening_submit
from judging.services.comparisons import pair_next, pair_progress
from judging.services.reviews import review_lock_reason
from submissions.models import Entry

STATUS_FOR_CODE = {"stale": 409, "locked": 403, "submitted": 403}


def _judge_round(request, round_id) -> tuple[Round, list]:
    """The round (not a rubric one) and the signed-in judge's assignments in it; 404 for a
    round where they have none they may see."""
    round = (
        Round.objects.select_related("category__edition__award")
        .exclude(mode=RoundMode.RUBRIC)
        .filter(pk=round_id)
        .first()
    )
    assignments = judge_assignments(round=round, judge=request.user) if round else []
    if not assignments:
        raise Http404
    titles = _titles(assignments)
    for assignment in assignments:
        assignment.jury_title = titles.get(assignment.entry_id, "")
    return round, assignments


def _titles(assignments) -> dict[int, str]:
    """The title the jury reads (latest submitted version) of each assigned entry. One query."""
    rows = (
        Entry.objects.filter(pk__in=[a.entry_id for a in assignments])
        .annotate(jury_title=latest_version_field("title", entry="pk"))
        .values_list("pk", "title", "jury_title")
    )
    return {pk: jury_title or title for pk, title, jury_title in rows}


def _lock(round, assignments) -> tuple[str | None, bool]:
    """Why the judge may not change their part of the round (None if they may), and whether
    they have submitted it."""
    reviews = {r.assignment_id: r for r in Review.objects.filter(assignment__in=assignments)}
    now = timezone.now()
    reasons = [
        review_lock_reason(review=reviews.get(a.pk) or Review(assignment=a), round=round, now=now)
        for a in assignments
    ]
    submitted = bool(reviews) and all(
        reviews.get(a.pk) is not None and reviews[a.pk].status == "submitted" for a in assignments
    )
    return next((r for r in reasons if r), None), submitted


def _context(round, assignments, **extra) -> dict:
    lock_reason, submitted = _lock(round, assignments)
    return {
        "round": round,
        "assignments": assignments,
        "lock_reason": lock_reason,
        "editable": lock_reason is None,
        "submitted": submitted,
        "jury_nav": True,
        **extra,
    }


@login_required
def ballot_edit(request, round_id):
    """The judge's page for the round, in the round's mode."""
    round, assignments = _judge_round(request, round_id)
    if round.mode == RoundMode.SCREENING:
        return _screening_page(request, round, assignments)
    if round.mode == RoundMode.RANKING:
        return _ranking_page(request, round, assignments)
    return _pairwise_page(request, round, assignments)


def ballot_entry(request, assignment):
    """An entry of a screening, ranking or pairwise round, to read (from the review URL)."""
    round = assignment.round
    return render(
        request,
        "judging/ballot_entry.html",
        {
            "assignment": assignment,
            "round": round,
            "entry": entry_for_jury(entry=assignment.entry, blind=round.blind),
            "blind": round.blind,
            "jury_nav": True,
        },
    )


# --------------------------------------------------------------------------- screening


def _screening_page(request, round, assignments, *, status=200, errors=None):
    votes = {v.assignment_id: v for v in ScreeningVote.objects.filter(assignment__in=assignments)}
    rows = []
    for assignment in assignments:
        vote = votes.get(assignment.pk)
        initial = {"answer": vote.answer, "reason": vote.reason} if vote else {}
        form = (errors or {}).get(assignment.pk) or ScreeningAnswerForm(
            initial=initial, assignment=assignment, user=request.user
        )
        rows.append({"assignment": assignment, "form": form, "vote": vote})
    context = _context(
        round,
        assignments,
        rows=rows,
        answered=len(votes),
        page_errors=[e for f in (errors or {}).values() for e in f.non_field_errors()],
    )
    return render(request, "judging/screening_edit.html", context, status=status)


@require_POST
def screening_answer(request, assignment_id):
    """Save one entry's answer. htmx (autosave on change) gets a status fragment; a browser
    without JavaScript is sent back to the page."""
    htmx = request.headers.get("HX-Request") == "true"
    if not request.user.is_authenticated:
        if htmx:
            message = _("You are signed out. Sign in again in another tab; your answer is kept.")
            return render(request, "judging/_ballot_status.html", {"error": message}, status=401)
        return redirect(f"{reverse('account_login')}?next={request.path}")
    assignment = get_assignment_for_judge(request, assignment_id)
    if assignment.round.mode != RoundMode.SCREENING:
        raise Http404
    form = ScreeningAnswerForm(request.POST, assignment=assignment, user=request.user)
    status, error = 200, None
    if not form.is_valid():
        status, error = 422, " ".join(e for errs in form.errors.values() for e in errs)
    else:
        try:
            form.save()
        except ValidationError as refused:
            status = STATUS_FOR_CODE.get(getattr(refused, "code", None), 422)
            error = " ".join(refused.messages)
    if htmx:
        mine = judge_assignments(round=assignment.round, judge=request.user)
        context = {
            "error": error,
            "saved_at": timezone.localtime(),
            "answered": ScreeningVote.objects.filter(assignment__in=mine).count(),
            "total": len(mine),
        }
        return render(request, "judging/_ballot_status.html", context, status=status)
    if error:
        round, assignments = _judge_round(request, assignment.round_id)
        return _screening_page(
            request, round, assignments, status=status, errors={assignment.pk: form}
        )
    messages.success(request, _("Answer saved."))
    url = reverse("judging:ballot-edit", kwargs={"round_id": assignment.round_id})
    return redirect(f"{url}#entry-{assignment.pk}")


@login_required
@require_POST
def screening_submit_view(request, round_id):
    round, assignments = _judge_round(request, round_id)
    if round.mode != RoundMode.SCREENING:
        raise Http404
    try:
        count = screening_submit(round=round, user=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("%(count)s answers submitted. Thank you.") % {"count": count})
    return redirect("judging:ballot-edit", round_id=round.pk)


# --------------------------------------------------------------------------- ranking


def _ranking_page(request, round, assignments, *, form=None, status=200):
    places = dict(
        RankPlace.objects.filter(assignment__in=assignments).values_list("assignment_id", "rank")
    )
    if form is None:
        form = RankingForm(
            initial={rank_field(a): places.get(a.pk) for a in assignments},
            round=round,
            assignments=assignments,
            user=request.user,
        )
    ordered = sorted(
        assignments,
        key=lambda a: (
            places.get(a.pk) is None,
            places.get(a.pk) or 0,
            a.entry.reference or "",
            a.pk,
        ),
    )
    rows = [{"assignment": a, "field": form[rank_field(a)]} for a in ordered]
    context = _context(
        round,
        assignments,
        form=form,
        rows=rows,
        limit=ranking_limit(round=round, assigned=len(assignments)),
        limited=round.ranking_limit is not None and round.ranking_limit < len(assignments),
        page_errors=list(form.non_field_errors()) if form.is_bound else [],
    )
    return render(request, "judging/ranking_edit.html", context, status=status)


@login_required
@require_POST
def ranking_save_view(request, round_id):
    round, assignments = _judge_round(request, round_id)
    if round.mode != RoundMode.RANKING:
        raise Http404
    form = RankingForm(request.POST, round=round, assignments=assignments, user=request.user)
    submit = "submit" in request.POST
    if not form.is_valid():
        return _ranking_page(request, round, assignments, form=form, status=422)
    try:
        form.save(submit=submit)
    except ValidationError as refused:
        status = STATUS_FOR_CODE.get(getattr(refused, "code", None), 422)
        return _ranking_page(request, round, assignments, form=form, status=status)
    messages.success(request, _("Ranking submitted. Thank you.") if submit else _("Ranking saved."))
    return redirect("judging:ballot-edit", round_id=round.pk)


# --------------------------------------------------------------------------- pairwise


def _pairwise_page(request, round, assignments):
    comparison, refusal = None, None
    try:
        comparison = pair_next(round=round, user=request.user)
    except ValidationError as refused:
        refusal = " ".join(refused.messages)
    answered, quota = pair_progress(round=round, judge=request.user)
    pair = []
    if comparison is not None:
        by_entry = {a.entry_id: a for a in assignments}
        for side, entry_id in (("first", comparison.first_id), ("second", comparison.second_id)):
            assignment = by_entry[entry_id]
            pair.append(
                {
                    "side": side,
                    "assignment": assignment,
                    "entry": entry_for_jury(entry=assignment.entry, blind=round.blind),
                }
            )
    context = _context(
        round,
        assignments,
        comparison=comparison,
        pair=pair,
        answered=answered,
        quota=quota,
        refusal=refusal,
    )
    return render(request, "judging/pairwise_compare.html", context)


@login_required
@require_POST
def pair_answer_view(request, pk):
    comparison = get_object_or_404(PairComparison, pk=pk, judge=request.user)
    form = PairAnswerForm(request.POST, comparison=comparison, user=request.user)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of the two entries, or equal."))
        finished = form.save()
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        if finished:
            messages.success(request, _("That was your last comparison. Thank you."))
    return redirect("judging:ballot-edit", round_id=comparison.round_id)
