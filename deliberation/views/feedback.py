"""The chair's feedback pages for a round: what the letters say, and moderating each comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from deliberation.forms import CommentModerationForm, FeedbackPolicyForm
from deliberation.models import FeedbackPolicy
from deliberation.selectors import comments_to_moderate
from deliberation.services.feedback import (
    feedback_comment_moderate,
    feedback_comments_release_rest,
    feedback_policy_set,
)
from judging.access import get_round_for_chair


@login_required
def feedback_moderation(request, round_id):
    """The round's feedback: the kind of letter (a POST changes it) and each comment to moderate."""
    round = get_round_for_chair(request, round_id)
    policy = FeedbackPolicy.objects.filter(round=round).first()
    form = FeedbackPolicyForm(
        request.POST or None, initial={"kind": policy.kind if policy else "none"}
    )
    if request.method == "POST" and form.is_valid():
        feedback_policy_set(round=round, kind=form.cleaned_data["kind"], by=request.user)
        messages.success(request, _("Feedback settings saved."))
        return redirect("deliberation:feedback-moderation", round_id=round.pk)
    reviews = comments_to_moderate(round=round, viewer=request.user)
    return render(
        request,
        "deliberation/feedback_moderation.html",
        {
            "round": round,
            "form": form,
            "policy": policy,
            "reviews": reviews,
            "pending": sum(1 for r in reviews if not hasattr(r, "feedback_moderation")),
            "results_public": round.category.edition.results_are_public(),
            "jury_nav": True,
        },
        status=422 if request.method == "POST" else 200,
    )


def _moderated_review(request, round, review_id):
    review = next(
        (r for r in comments_to_moderate(round=round, viewer=request.user) if r.pk == review_id),
        None,
    )
    if review is None:
        raise Http404
    return review


@login_required
@require_POST
def feedback_comment_moderate_view(request, round_id, review_id):
    round = get_round_for_chair(request, round_id)
    review = _moderated_review(request, round, review_id)
    form = CommentModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to release the comment or hold it back."))
    else:
        try:
            feedback_comment_moderate(
                review=review,
                release=form.cleaned_data["action"] == "release",
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Comment moderated."))
    return redirect("deliberation:feedback-moderation", round_id=round.pk)


@login_required
@require_POST
def feedback_release_rest(request, round_id):
    round = get_round_for_chair(request, round_id)
    count = feedback_comments_release_rest(
        reviews=comments_to_moderate(round=round, viewer=request.user), by=request.user
    )
    messages.success(
        request,
        ngettext("%(count)d comment released.", "%(count)d comments released.", count)
        % {"count": count},
    )
    return redirect("deliberation:feedback-moderation", round_id=round.pk)
