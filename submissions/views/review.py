"""Review and submit: the entry as the jury will read it with what is missing, submitting it,
and the confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from submissions.access import get_entry_for_member
from submissions.entry_panels import entry_panels
from submissions.enums import EntryStatus
from submissions.rules import EntryActionRefused, entry_edit_refusal
from submissions.selectors import (
    entry_content,
    entry_problems,
    questions_for_category,
    team_for_entry,
    version_latest,
)
from submissions.services import entries as entry_services
from submissions.views.content import content_rows


@login_required
@require_GET
def entry_review(request, pk):
    """The entry as the jury would read it, what is missing (with links), and the submit button."""
    entry = get_entry_for_member(request, pk)
    now = timezone.now()
    questions = questions_for_category(category=entry.category)
    content = entry_content(entry=entry)
    latest = version_latest(entry=entry)
    changed = latest is None or latest.content != content
    problems = entry_problems(entry=entry) if entry.status != EntryStatus.WITHDRAWN else []
    closed = now >= entry.category.closes_at
    editable = entry_edit_refusal(entry=entry, now=now) is None
    can_submit = (
        editable and not closed and not problems and changed and entry.category.opens_at <= now
    )
    return render(
        request,
        "submissions/entry_review.html",
        {
            "entry": entry,
            "content": content,
            "rows": content_rows(content=content, questions=questions),
            "problems": problems,
            "latest": latest,
            "changed": changed,
            "closed": closed,
            "editable": editable,
            "can_submit": can_submit,
            "now": now,
            "panels": entry_panels(request=request, entry=entry),
        },
    )


@login_required
@require_POST
def entry_submit(request, pk):
    entry = get_entry_for_member(request, pk)
    try:
        revision = int(request.POST["revision"])
    except (KeyError, ValueError):
        revision = None
    try:
        outcome = entry_services.entry_submit(entry=entry, user=request.user, revision=revision)
    except EntryActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("submissions:entry-review", pk=entry.pk)
    if not outcome.created:
        messages.info(request, _("This entry was already submitted, and nothing changed since."))
    return redirect("submissions:entry-confirmation", pk=entry.pk)


@login_required
@require_GET
def entry_confirmation(request, pk):
    entry = get_entry_for_member(request, pk)
    latest = version_latest(entry=entry)
    if entry.status != EntryStatus.SUBMITTED or latest is None:
        return redirect("submissions:entry-review", pk=entry.pk)
    return render(
        request,
        "submissions/entry_confirmation.html",
        {
            "entry": entry,
            "version": latest,
            "team": team_for_entry(entry=entry),
            "editable": entry_edit_refusal(entry=entry) is None,
            "now": timezone.now(),
        },
    )
