"""Judges' pages: the dashboard of assignments and the review page with its autosave."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging.access import JURY_NAV_SESSION_KEY, get_assignment_for_judge
from judging.dashboard import dashboard_panels
from judging.enums import RoundMode
from judging.forms import ReviewForm, score_field, score_levels
from judging.scores import weighted_score
from judging.selectors.dashboard import ROWS_CACHE_SECONDS, STATE_ORDER, dashboard_for_judge
from judging.selectors.entries import entry_for_jury
from judging.selectors.jury import other_reviews, others_scores_visible
from judging.services.reviews import review_for_assignment, review_lock_reason
from judging.views.ballots import ballot_entry


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() else 1


@login_required
def dashboard(request):
    """The judge's assignments, what needs doing first at the top, 50 a page. Each row's link is
    the review URL's prefix (reversed once) and the assignment id: no reversal per row."""
    state = request.GET.get("state")
    state = state if state in STATE_ORDER else None
    board = dashboard_for_judge(judge=request.user, page=_page_number(request), state=state)
    chaired = board.chaired
    if (board.rounds or chaired) and not request.session.get(JURY_NAV_SESSION_KEY):
        request.session[JURY_NAV_SESSION_KEY] = True
    review_prefix = reverse("judging:review-edit", kwargs={"assignment_id": 0}).removesuffix("0/")
    names = {p.round.pk: p.round.name for p in board.rounds}
    rows = [
        {
            "row": row,
            "url": f"{review_prefix}{row.pk}/",
            "round": names.get(row.round_id, "") if len(names) > 1 else "",
        }
        for row in board.rows
    ]
    return render(
        request,
        "judging/dashboard.html",
        {
            "board": board,
            "rounds": board.rounds,
            "rows": rows,
            "state": state or "",
            "states": [(s, board.counts[s]) for s in STATE_ORDER],
            "total": sum(board.counts.values()),
            "rows_seconds": ROWS_CACHE_SECONDS,
            "chaired": chaired,
            "now": timezone.now(),
            "panels": dashboard_panels(request=request),
            "jury_nav": True,
        },
    )


def _status_for(error: ValidationError) -> int:
    # 409 for a copy another tab saved over, 403 for a review the judge may no longer change.
    code = getattr(error, "code", None)
    return {"stale": 409, "locked": 403, "submitted": 403}.get(code, 422)


def _review_page(request, assignment, *, form=None, page_errors=None, status=200):
    """Render the review page; with a bound `form` (a refused save), the judge's input is shown
    as typed with each score's error beside it."""
    round = assignment.round
    review = review_for_assignment(assignment=assignment)
    criteria = list(round.criteria.all())
    stored = {score.criterion_id: score.value for score in review.scores.all()}
    typed = form.typed() if form is not None else None
    field_errors = form.field_errors() if form is not None else {}
    rows = []
    for criterion in criteria:
        if typed is not None:
            current = typed["scores"].get(criterion.pk, "")
        else:
            value = stored.get(criterion.pk)
            current = "" if value is None else str(int(value))
        rows.append(
            {
                "criterion": criterion,
                "name": score_field(criterion),
                "levels": score_levels(criterion),
                "current": str(current),
                "error": field_errors.get(score_field(criterion), ""),
            }
        )
    lock_reason = review_lock_reason(review=review, round=round)
    show_others = others_scores_visible(round=round, review=review)
    context = {
        "assignment": assignment,
        "round": round,
        "review": review,
        "entry": entry_for_jury(entry=assignment.entry, blind=round.blind),
        "blind": round.blind,
        "criteria_rows": rows,
        "weighted": weighted_score((c.weight, stored.get(c.pk)) for c in criteria),
        "comment": typed["comment"] if typed is not None else review.comment,
        "feedback": typed["feedback"] if typed is not None else review.feedback,
        "version": review.version if typed is None else typed["version"],
        "lock_reason": lock_reason,
        "editable": lock_reason is None,
        "page_errors": page_errors or [],
        "show_others": show_others,
        "others": other_reviews(assignment=assignment, criteria=criteria) if show_others else [],
        "criteria": criteria,
        "jury_nav": True,
    }
    return render(request, "judging/review_edit.html", context, status=status)


def _review_form(request, assignment) -> ReviewForm:
    form = ReviewForm(
        request.POST,
        assignment=assignment,
        user=request.user,
        criteria=list(assignment.round.criteria.all()),
    )
    form.is_valid()  # never false: values are kept as typed and checked by the service
    return form


@login_required
def review_edit(request, assignment_id):
    """The review page. A POST (the "Save draft" button, for browsers without JavaScript) saves
    the draft like the autosave does."""
    assignment = get_assignment_for_judge(request, assignment_id)
    if assignment.round.mode != RoundMode.RUBRIC:
        return ballot_entry(request, assignment)  # the entry to read; judging is on its own page
    if request.method != "POST":
        return _review_page(request, assignment)
    form = _review_form(request, assignment)
    try:
        form.save()
    except ValidationError as error:
        return _review_page(
            request,
            assignment,
            form=form,
            page_errors=list(form.non_field_errors())
            or [_("The draft was not saved: please correct the scores.")],
            status=_status_for(error),
        )
    messages.success(request, _("Draft saved."))
    return redirect("judging:review-edit", assignment_id=assignment.pk)


@require_POST
def review_autosave(request, assignment_id):
    """htmx autosave: answers a small status fragment. Refusals come with a 4xx status and a
    message; the page keeps what the judge typed (only the status area is replaced)."""
    if not request.user.is_authenticated:
        # Not a redirect to the sign-in page: that would swallow the text being typed.
        return render(
            request,
            "judging/_review_status.html",
            {
                "error": _(
                    "You are signed out. Sign in again in another tab; your text is still here."
                )
            },
            status=401,
        )
    assignment = get_assignment_for_judge(request, assignment_id)
    form = _review_form(request, assignment)
    try:
        review = form.save()
    except ValidationError as error:
        messages_shown = list(form.non_field_errors()) + list(form.field_errors().values())
        return render(
            request,
            "judging/_review_status.html",
            {"error": " ".join(messages_shown) or _("Not saved.")},
            status=_status_for(error),
        )
    return render(
        request,
        "judging/_review_status.html",
        {"saved_at": timezone.localtime(review.updated_at), "version": review.version},
    )


@login_required
@require_POST
def review_submit(request, assignment_id):
    assignment = get_assignment_for_judge(request, assignment_id)
    form = _review_form(request, assignment)
    try:
        form.save(submit=True)
    except ValidationError as error:
        if getattr(error, "code", None) == "submitted":
            messages.info(request, _("This review is already submitted."))
            return redirect("judging:review-edit", assignment_id=assignment.pk)
        return _review_page(
            request,
            assignment,
            form=form,
            page_errors=list(form.non_field_errors())
            or [_("The review was not submitted: please correct the scores marked below.")],
            status=_status_for(error),
        )
    messages.success(request, _("Review submitted. Thank you."))
    return redirect("judging:review-edit", assignment_id=assignment.pk)
