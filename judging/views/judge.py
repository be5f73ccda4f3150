"""Judges' pages: the dashboard of assignments and the review page with its autosave."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging.access import JURY_NAV_SESSION_KEY, get_assignment_for_judge
from judging.dashboard import dashboard_panels
from judging.forms import ReviewForm, score_field, score_levels
from judging.scores import weighted_score
from judging.selectors.entries import entry_for_jury
from judging.selectors.jury import (
    dashboard_for_judge,
    other_reviews,
    others_scores_visible,
    rounds_chaired_by,
)
from judging.services.reviews import review_for_assignment, review_lock_reason

# Remembered in the session once a judge opens their dashboard, so the navbar can offer "Jury"
# without a query on every page.


@login_required
def dashboard(request):
    rounds = dashboard_for_judge(judge=request.user)
    chaired = rounds_chaired_by(user=request.user)
    if (rounds or chaired) and not request.session.get(JURY_NAV_SESSION_KEY):
        request.session[JURY_NAV_SESSION_KEY] = True
    return render(
        request,
        "judging/dashboard.html",
        {
            "rounds": rounds,
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
