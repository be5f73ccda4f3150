"""Entrant pages of an entry's draft: My entries, starting an entry, the entry form and its
autosave, and withdrawing the entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.forms.widgets import ChoiceWidget
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.models import Category
from submissions.access import get_entry_for_member
from submissions.answers import question_anchor, word_count
from submissions.entry_list_cache import my_entries_cached, my_entries_keep
from submissions.enums import EntryStatus
from submissions.forms import EntryForm
from submissions.models import Entry
from submissions.rules import (
    EntryActionRefused,
    EntryLimitReached,
    RevisionConflict,
    entry_edit_refusal,
)
from submissions.selectors import (
    answers_by_question,
    categories_to_move_to,
    entries_for_member,
    entry_problems,
    questions_for_category,
)
from submissions.services import entries as entry_services

AUTOSAVE_STATUS = "submissions/_autosave_status.html"


@login_required
@require_GET
def entry_list(request):
    """The entrant's entries, from the shared cache while nothing in them has changed
    (`submissions.entry_list_cache`). `entries` in the context: those read for this request."""
    entries = None
    table = my_entries_cached(request=request)
    if table is None:
        entries = list(entries_for_member(user=request.user))
        table = render_to_string(
            "submissions/_entry_table.html", {"entries": entries, "now": timezone.now()}
        )
        my_entries_keep(user=request.user, html=table)
    context = {"table": mark_safe(table), "entries": entries}  # noqa: S308 (our template)
    return render(request, "submissions/entry_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request, category_id):
    """POST starts an entry. GET (after signing in from the category page's button) asks to
    confirm, since only a POST may create anything."""
    category = get_object_or_404(Category.objects.select_related("edition__award"), pk=category_id)
    if request.method == "GET":
        return render(
            request,
            "submissions/entry_create.html",
            {"category": category, "open": category.is_open(), "now": timezone.now()},
        )
    try:
        entry = entry_services.entry_create(category=category, user=request.user)
    except EntryLimitReached as refusal:
        messages.info(request, refusal.message)
        existing = (
            Entry.objects.filter(category=category, owner=request.user)
            .exclude(status=EntryStatus.WITHDRAWN)
            .order_by("-created_at")
            .first()
        )
        return redirect(existing or "submissions:entry-list")
    except EntryActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(category)
    messages.success(request, _("Your entry is started. It is saved as you type."))
    return redirect(entry)


def _form_save(form: EntryForm, *, entry: Entry, user) -> Entry:
    return entry_services.entry_save_draft(
        entry=entry,
        user=user,
        title=form.cleaned_data["title"],
        pitch=form.cleaned_data["pitch"],
        organisation=form.cleaned_data["organisation"],
        answers=form.answer_values(),
        revision=form.cleaned_data["revision"],
    )


def _edit_rows(form: EntryForm, problems: dict[str, str]) -> list[dict]:
    """The edit page's blocks in order, each with its anchor and any problem found at submit."""
    rows = []
    for question, field in form.items():
        anchor = question_anchor(question) if question else f"question-{field.name}"
        problem = problems.get(anchor, "")
        if problem and field is not None:
            widget = form.fields[field.name].widget
            described_by = [f"problem-{anchor}"]
            if field.help_text:
                described_by.append(f"{field.auto_id}_helptext")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(described_by)
            # Radio and checkbox groups already carry a class on each option.
            if not isinstance(widget, ChoiceWidget):
                widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()
        words = word_count(field.value()) if field is not None else 0
        rows.append(
            {
                "anchor": anchor,
                "question": question,
                "field": field,
                "problem": problem,
                "words": words,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, pk):
    """The entry form. Autosave posts to entry_autosave; this view's POST is the same save for
    browsers without JavaScript (and "Review and submit", which saves first)."""
    entry = get_entry_for_member(request, pk)
    refusal = entry_edit_refusal(entry=entry)
    if refusal:
        messages.info(request, refusal)
        return redirect("submissions:entry-review", pk=entry.pk)
    questions = questions_for_category(category=entry.category)
    if request.method == "POST":
        form = EntryForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                entry = _form_save(form, entry=entry, user=request.user)
            except RevisionConflict as conflict:
                # Keep the typed text; a second, deliberate save replaces the other version.
                data = request.POST.copy()
                data["revision"] = conflict.current_revision
                form = EntryForm(data, questions=questions)
                form.is_valid()
                form.add_error(
                    None, f"{conflict.message} {_('Or save again to keep your version instead.')}"
                )
            except EntryActionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                if "review" in request.POST:
                    return redirect("submissions:entry-review", pk=entry.pk)
                messages.success(request, _("Your draft is saved."))
                return redirect(entry)
    else:
        answers = answers_by_question(entry=entry)
        form = EntryForm(
            initial=EntryForm.initial_for(entry=entry, questions=questions, answers=answers),
            questions=questions,
        )
    problems = {}
    if request.GET.get("check"):
        problems = {problem.anchor: problem.message for problem in entry_problems(entry=entry)}
    # The attachments partial reads entry.attachments.all(): one query for every file question.
    prefetch_related_objects([entry], "attachments")
    return render(
        request,
        "submissions/entry_edit.html",
        {
            "entry": entry,
            "form": form,
            "rows": _edit_rows(form, problems),
            "problem_count": len(problems),
            "can_move": categories_to_move_to(entry=entry).exists(),
            "now": timezone.now(),
        },
    )


def _autosave_reply(request, context: dict, status: int = 200):
    response = render(request, AUTOSAVE_STATUS, context, status=status)
    # Lets autosave.js tell this fragment from any other error page (e.g. a CSRF failure).
    response["X-Autosave"] = "1"
    return response


@require_POST
def entry_autosave(request, pk):
    """htmx autosave of the entry form. Answers a small status fragment; never a redirect to the
    sign-in page, which would swallow the entrant's text."""
    if not request.user.is_authenticated:
        return _autosave_reply(
            request,
            {
                "error": _(
                    "Not saved: you are signed out. Sign in again in another tab; your text is "
                    "still here and will be saved then."
                )
            },
            status=401,
        )
    entry = get_entry_for_member(request, pk)
    form = EntryForm(request.POST, questions=questions_for_category(category=entry.category))
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {' '.join(messages_)}" if name in form.fields else ""
            for name, messages_ in form.errors.items()
        ]
        return _autosave_reply(
            request, {"error": _("Not saved: please correct this first."), "errors": errors}, 422
        )
    try:
        entry = _form_save(form, entry=entry, user=request.user)
    except RevisionConflict as conflict:
        return _autosave_reply(
            request,
            {"error": conflict.message, "current_revision": conflict.current_revision},
            status=409,
        )
    except EntryActionRefused as refusal:
        return _autosave_reply(request, {"error": refusal.message}, status=403)
    return _autosave_reply(request, {"entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def entry_withdraw(request, pk):
    entry = get_entry_for_member(request, pk)
    if request.method == "POST":
        entry_services.entry_withdraw(entry=entry, user=request.user)
        messages.success(request, _("Your entry has been withdrawn."))
        return redirect("submissions:entry-list")
    return render(request, "submissions/entry_withdraw.html", {"entry": entry})
