"""Entrant pages: My entries, the entry form and its autosave, review and submit, confirmation,
submitted versions, withdrawal and the team (invite, withdraw an invitation, remove, leave)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.forms.widgets import ChoiceWidget
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.models import Category
from submissions import services
from submissions.access import get_entry_for_member
from submissions.enums import EntryStatus, QuestionKind
from submissions.forms import (
    EntryForm,
    EntryMoveForm,
    InvitationForm,
    question_anchor,
    question_choices,
    word_count,
)
from submissions.models import Entry, TeamInvitation, TeamMember
from submissions.selectors import (
    answers_by_question,
    categories_to_move_to,
    entries_for_member,
    invitations_pending,
    questions_for_category,
    questions_for_version,
    team_for_entry,
    version_latest,
    versions_for_entry,
)

AUTOSAVE_STATUS = "submissions/_autosave_status.html"


@login_required
@require_GET
def entry_list(request):
    return render(
        request,
        "submissions/entry_list.html",
        {"entries": entries_for_member(user=request.user), "now": timezone.now()},
    )


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
        entry = services.entry_create(category=category, user=request.user)
    except services.EntryLimitReached as refusal:
        messages.info(request, refusal.message)
        existing = (
            Entry.objects.filter(category=category, owner=request.user)
            .exclude(status=EntryStatus.WITHDRAWN)
            .order_by("-created_at")
            .first()
        )
        return redirect(existing or "submissions:entry-list")
    except services.EntryActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(category)
    messages.success(request, _("Your entry is started. It is saved as you type."))
    return redirect(entry)


def _form_save(form: EntryForm, *, entry: Entry, user) -> Entry:
    return services.entry_save_draft(
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
    refusal = services.entry_edit_refusal(entry=entry)
    if refusal:
        messages.info(request, refusal)
        return redirect("submissions:entry-review", pk=entry.pk)
    questions = questions_for_category(category=entry.category)
    if request.method == "POST":
        form = EntryForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                entry = _form_save(form, entry=entry, user=request.user)
            except services.RevisionConflict as conflict:
                # Keep the typed text; a second, deliberate save replaces the other version.
                data = request.POST.copy()
                data["revision"] = conflict.current_revision
                form = EntryForm(data, questions=questions)
                form.is_valid()
                form.add_error(
                    None, f"{conflict.message} {_('Or save again to keep your version instead.')}"
                )
            except services.EntryActionRefused as refusal:
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
        problems = {
            problem.anchor: problem.message for problem in services.entry_problems(entry=entry)
        }
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
    except services.RevisionConflict as conflict:
        return _autosave_reply(
            request,
            {"error": conflict.message, "current_revision": conflict.current_revision},
            status=409,
        )
    except services.EntryActionRefused as refusal:
        return _autosave_reply(request, {"error": refusal.message}, status=403)
    return _autosave_reply(request, {"entry": entry})


def _content_rows(*, content: dict, questions) -> list[dict]:
    """Rows (label, value or list of values) to show an entry's content, in the question order,
    with labels and choices in the current language where the question still exists."""
    by_id = {question.pk: question for question in questions}
    answers = {answer["question"]: answer for answer in content["answers"]}
    files: dict[int | None, list[str]] = {}
    for attachment in content["attachments"]:
        files.setdefault(attachment["question"], []).append(attachment["name"])
    rows = []
    ordered = [q.pk for q in questions] + [pk for pk in answers if pk not in by_id]
    for pk in ordered:
        question = by_id.get(pk)
        if question is not None and question.kind == QuestionKind.FILE:
            rows.append({"label": question.label, "values": files.get(pk, [])})
            continue
        if pk not in answers:
            continue
        value = answers[pk]["value"]
        if question is not None and question.kind in (
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
        ):
            labels = dict(question_choices(question))
            values = value if isinstance(value, list) else [value] if value else []
            value = [labels.get(choice, choice) for choice in values]
        elif question is not None and question.kind == QuestionKind.CHECKBOX:
            value = _("Yes") if value == "yes" else None
        rows.append(
            {
                "label": question.label if question else answers[pk]["label"],
                "anchor": question_anchor(question) if question else "",
                "values": value if isinstance(value, list) else [] if value is None else [value],
                "long": question is not None and question.kind == QuestionKind.LONG_TEXT,
            }
        )
    return rows


@login_required
@require_GET
def entry_review(request, pk):
    """The entry as the jury would read it, what is missing (with links), and the submit button."""
    entry = get_entry_for_member(request, pk)
    now = timezone.now()
    questions = questions_for_category(category=entry.category)
    content = services.entry_content(entry=entry)
    latest = version_latest(entry=entry)
    changed = latest is None or latest.content != content
    problems = services.entry_problems(entry=entry) if entry.status != EntryStatus.WITHDRAWN else []
    closed = now >= entry.category.closes_at
    editable = services.entry_edit_refusal(entry=entry, now=now) is None
    can_submit = (
        editable and not closed and not problems and changed and entry.category.opens_at <= now
    )
    return render(
        request,
        "submissions/entry_review.html",
        {
            "entry": entry,
            "content": content,
            "rows": _content_rows(content=content, questions=questions),
            "problems": problems,
            "latest": latest,
            "changed": changed,
            "closed": closed,
            "editable": editable,
            "can_submit": can_submit,
            "now": now,
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
        outcome = services.entry_submit(entry=entry, user=request.user, revision=revision)
    except services.EntryActionRefused as refusal:
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
            "editable": services.entry_edit_refusal(entry=entry) is None,
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_withdraw(request, pk):
    entry = get_entry_for_member(request, pk)
    if request.method == "POST":
        services.entry_withdraw(entry=entry, user=request.user)
        messages.success(request, _("Your entry has been withdrawn."))
        return redirect("submissions:entry-list")
    return render(request, "submissions/entry_withdraw.html", {"entry": entry})


@login_required
@require_GET
def version_list(request, pk):
    entry = get_entry_for_member(request, pk)
    return render(
        request,
        "submissions/version_list.html",
        {"entry": entry, "versions": versions_for_entry(entry=entry)},
    )


@login_required
@require_GET
def version_detail(request, pk, number):
    entry = get_entry_for_member(request, pk)
    version = get_object_or_404(versions_for_entry(entry=entry), number=number)
    questions = questions_for_version(version=version, entry=entry)
    return render(
        request,
        "submissions/version_detail.html",
        {
            "entry": entry,
            "version": version,
            "content": version.content,
            "rows": _content_rows(content=version.content, questions=questions),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request, pk):
    """The team: members, open invitations, and the form to invite a co-applicant."""
    entry = get_entry_for_member(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.invitation_send(
                entry=entry,
                invited_by=request.user,
                email=email,
                absolute_uri=request.build_absolute_uri,
            )
        except services.EntryActionRefused as refusal:
            form.add_error("email", refusal.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
            return redirect("submissions:team-edit", pk=entry.pk)
    return render(
        request,
        "submissions/team_edit.html",
        {
            "entry": entry,
            "form": form,
            "team": team_for_entry(entry=entry),
            "invitations": invitations_pending(entry=entry),
            "team_locked": services.entry_edit_refusal(entry=entry),
        },
    )


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    entry = get_entry_for_member(request, pk)
    invitation = get_object_or_404(
        entry.invitations.filter(accepted_at__isnull=True), pk=invitation_pk
    )
    try:
        services.invitation_revoke(invitation=invitation, user=request.user)
    except services.EntryActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("submissions:team-edit", pk=entry.pk)


@login_required
@require_POST
def team_member_remove(request, pk, member_pk):
    """Remove a co-applicant, or, for one's own membership, leave the team."""
    entry = get_entry_for_member(request, pk)
    member = get_object_or_404(TeamMember.objects.select_related("user"), pk=member_pk, entry=entry)
    try:
        services.team_member_remove(member=member, user=request.user)
    except services.EntryActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("submissions:team-edit", pk=entry.pk)
    if member.user_id == request.user.pk:
        messages.success(
            request,
            _("You have left the team of “%(title)s”.")
            % {"title": entry.title or _("Untitled entry")},
        )
        # The entry is out of reach now: its pages would answer 404.
        return redirect("submissions:entry-list")
    messages.success(request, _("%(name)s is no longer on the team.") % {"name": member.user})
    return redirect("submissions:team-edit", pk=entry.pk)


@login_required
@require_POST
def team_owner_transfer(request, pk, member_pk):
    """The owner hands the entry, and being its contact person, to a co-applicant."""
    entry = get_entry_for_member(request, pk)
    member = get_object_or_404(TeamMember.objects.select_related("user"), pk=member_pk, entry=entry)
    try:
        services.team_owner_transfer(member=member, user=request.user)
    except services.EntryActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("%(name)s is now the owner of this entry.") % {"name": member.user}
        )
    return redirect("submissions:team-edit", pk=entry.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Accept a team invitation with whichever account is signed in: the invited address and
    the account's address need not match."""
    invitation = (
        TeamInvitation.objects.select_related(
            "entry__category__edition__award", "invited_by", "accepted_by"
        )
        .filter(token=token)
        .first()
    )
    if invitation is None:
        # Withdrawn invitations are deleted, so a withdrawn link looks like a mistyped one.
        return render(request, "submissions/invitation_accept.html", {}, status=404)
    entry = invitation.entry
    already_member = entry.team.filter(user=request.user).exists()
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.EntryActionRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("submissions:entry-list")
        messages.success(request, _("You have joined the team of this entry."))
        return redirect(entry)
    used_by_other = (
        invitation.accepted_by_id is not None and invitation.accepted_by_id != request.user.pk
    )
    return render(
        request,
        "submissions/invitation_accept.html",
        {
            "invitation": invitation,
            "entry": entry,
            "already_member": already_member,
            "used_by_other": used_by_other,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_move(request, pk):
    """Move the entry to another category of its edition: GET lists the categories open now with
    their deadlines, POST moves it (services.entry_move says what a move resets)."""
    entry = get_entry_for_member(request, pk)
    now = timezone.now()
    categories = categories_to_move_to(entry=entry, now=now)
    form = EntryMoveForm(request.POST or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.entry_move(
                entry=entry, category=form.cleaned_data["category"], user=request.user, now=now
            )
        except services.EntryActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            category = outcome.entry.category
            messages.success(
                request,
                _("Your entry is now in %(category)s.") % {"category": category.name},
            )
            if outcome.unsubmitted:
                messages.warning(
                    request,
                    _(
                        "Your entry is a draft again: the jury will not see it unless you submit "
                        "it again in %(category)s by %(deadline)s (Stockholm time). It gets a new "
                        "reference then."
                    )
                    % {
                        "category": category.name,
                        "deadline": date_format(
                            timezone.localtime(category.closes_at), "j F Y, H:i"
                        ),
                    },
                )
            return redirect(outcome.entry)
    return render(
        request,
        "submissions/entry_move.html",
        {
            "entry": entry,
            "form": form,
            "categories": categories,
            "refusal": services.entry_move_refusal(entry=entry, now=now),
            "now": now,
        },
    )
