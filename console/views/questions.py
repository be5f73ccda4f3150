"""The form builder: a category's questions in order, each editable in both languages, moved up
or down by buttons, with the entry form previewed as entrants see it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import user_organises
from console.access import console_required, get_category_for_organiser
from console.forms.questions import QuestionForm
from console.services.questions import question_delete, question_move, question_save
from submissions.forms import EntryForm
from submissions.models import Question
from submissions.selectors import questions_for_category


def _get_question(request, pk) -> Question:
    question = get_object_or_404(Question.objects.select_related("category__edition__award"), pk=pk)
    if not user_organises(request.user, award=question.category.edition.award):
        raise Http404
    return question


def preview_form(questions: list[Question]) -> EntryForm:
    """The entrant's own form class, unbound, for the preview."""
    return EntryForm(questions=questions, initial={"revision": 0})


@console_required
def form_builder(request, category_pk):
    category = get_category_for_organiser(request, category_pk)
    questions = questions_for_category(category=category)
    return render(
        request,
        "console/form_builder.html",
        {"category": category, "questions": questions, "preview": preview_form(questions)},
    )


def _question_page(request, *, category, question=None):
    form = QuestionForm(request.POST or None, instance=question, category=category)
    preview = None
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        if "preview" in request.POST:
            preview = preview_form([draft])
        else:
            try:
                question_save(question=draft, changed=form.changed_data, by=request.user)
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("The question has been saved."))
                return redirect("console:form-builder", category_pk=category.pk)
    invalid = request.method == "POST" and (form.errors or "preview" not in request.POST)
    return render(
        request,
        "console/question_edit.html",
        {"category": category, "question": question, "form": form, "preview": preview},
        status=400 if invalid else 200,
    )


@console_required
def question_create(request, category_pk):
    category = get_category_for_organiser(request, category_pk)
    return _question_page(request, category=category)


@console_required
def question_edit(request, pk):
    question = _get_question(request, pk)
    return _question_page(request, category=question.category, question=question)


@console_required
def question_delete_view(request, pk):
    question = _get_question(request, pk)
    refusal = None
    if request.method == "POST":
        try:
            question_delete(question=question, by=request.user)
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            messages.success(request, _("The question has been deleted."))
            return redirect("console:form-builder", category_pk=question.category_id)
    return render(
        request,
        "console/question_delete.html",
        {"question": question, "category": question.category, "refusal": refusal},
        status=400 if refusal else 200,
    )


@require_POST
@console_required
def question_move_view(request, pk):
    question = _get_question(request, pk)
    question_move(question=question, up=request.POST.get("direction") == "up", by=request.user)
    url = redirect("console:form-builder", category_pk=question.category_id)
    url["Location"] += f"#question-row-{question.pk}"
    return url
