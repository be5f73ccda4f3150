"""The chair's pages for a round: progress, reopening reviews, reminders, closing."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging.access import is_conflicted, may_manage_round
from judging.models import Review, Round
from judging.selectors.progress import round_progress as round_progress_rows
from judging.services import reviews as review_services
from judging.services import rounds as round_services


def get_round_for_manager(request, round_id) -> Round:
    """The round, when the user is its chair or an organiser; 404 otherwise."""
    round = get_object_or_404(Round.objects.select_related("category__edition__award"), pk=round_id)
    if not may_manage_round(user=request.user, round=round):
        raise Http404
    return round


@login_required
def round_progress(request, round_id):
    round = get_round_for_manager(request, round_id)
    judges, entries = round_progress_rows(round=round, viewer=request.user)
    return render(
        request,
        "judging/round_progress.html",
        {
            "round": round,
            "judges": judges,
            "entries": entries,
            "now": timezone.now(),
            "past_deadline": timezone.now() >= round.closes_at,
            "jury_nav": True,
        },
    )


@login_required
@require_POST
def review_reopen(request, assignment_id):
    review = get_object_or_404(
        Review.objects.select_related("assignment__round__category"), assignment_id=assignment_id
    )
    round = review.assignment.round
    # A conflicted chair must not learn anything about the entry's reviews: 404 as for others.
    if not may_manage_round(user=request.user, round=round) or is_conflicted(
        judge=request.user, entry=review.assignment.entry_id
    ):
        raise Http404
    try:
        review_services.review_reopen(review=review, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Review reopened; its judge has been told by email."))
    return redirect("judging:round-progress", round_id=round.pk)


@login_required
@require_POST
def round_remind(request, round_id, judge_id):
    round = get_round_for_manager(request, round_id)
    judge = get_object_or_404(
        get_user_model().objects.filter(assignments__round=round).distinct(), pk=judge_id
    )
    try:
        unfinished = round_services.round_remind_judge(round=round, judge=judge, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Reminder sent to %(judge)s (%(count)s unfinished).")
            % {"judge": judge, "count": unfinished},
        )
    return redirect("judging:round-progress", round_id=round.pk)


@login_required
def round_close(request, round_id):
    """GET asks for confirmation; POST closes the round."""
    round = get_round_for_manager(request, round_id)
    if request.method == "POST":
        try:
            round_services.round_close(round=round, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The round is closed."))
        return redirect("judging:round-progress", round_id=round.pk)
    judges, entries = round_progress_rows(round=round, viewer=request.user)
    return render(
        request,
        "judging/round_close.html",
        {
            "round": round,
            "unfinished": sum(j.unfinished for j in judges),
            "short": sum(1 for e in entries if e.received < e.wanted),
            "jury_nav": True,
        },
    )
