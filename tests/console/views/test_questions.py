"""The form builder: questions added, edited, reordered and deleted, with the entrant's preview;
changes that would break collected answers are refused with the reason."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from submissions.models import Question
from tests.factories import AnswerFactory, CategoryFactory, EditionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(award):
    return CategoryFactory(edition=EditionFactory(award=award), name_en="Idea")


def _data(**fields):
    data = {
        "kind": "short_text",
        "label_en": "Your website",
        "label_sv": "Er webbplats",
        "help_text_en": "",
        "help_text_sv": "",
        "required": "on",
        "allowed_types": "pdf",
        "max_file_size_mb": 20,
        "max_files": 1,
        "save": "1",
    }
    return data | fields


def test_organiser_adds_a_question_that_goes_last_and_shows_in_the_preview(
    client, organiser, category
):
    QuestionFactory(category=category, position=1, label_en="Your idea")
    client.force_login(organiser)

    response = client.post(reverse("console:question-create", args=[category.pk]), _data())
    page = client.get(reverse("console:form-builder", args=[category.pk]))

    assert response.status_code == 302
    assert list(category.questions.values_list("label_en", "position")) == [
        ("Your idea", 1),
        ("Your website", 2),
    ]
    html = page.content.decode()
    assert "Preview: the form as entrants see it" in html
    assert 'name="q_' in html and "Your website" in html
    assert AuditEvent.objects.filter(action="question.create").count() == 1


def test_the_preview_button_shows_the_question_without_saving_it(client, organiser, category):
    client.force_login(organiser)

    response = client.post(
        reverse("console:question-create", args=[category.pk]),
        _data(kind="single_choice", choices_en="Yes\nNo", choices_sv="Ja\nNej", preview="1"),
    )

    assert response.status_code == 200
    assert response.context["preview"] is not None
    assert 'type="radio"' in response.content.decode()
    assert Question.objects.count() == 0


def test_a_choice_question_without_choices_is_refused_beside_the_field(client, organiser, category):
    client.force_login(organiser)

    response = client.post(
        reverse("console:question-create", args=[category.pk]), _data(kind="single_choice")
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "choices_en": ["A choice question needs its choices, one per line."]
    }


def test_questions_move_up_and_down_by_buttons(client, organiser, category):
    first = QuestionFactory(category=category, position=1, label_en="First")
    second = QuestionFactory(category=category, position=2, label_en="Second")
    third = QuestionFactory(category=category, position=3, label_en="Third")
    client.force_login(organiser)

    client.post(reverse("console:question-move", args=[third.pk]), {"direction": "up"})
    response = client.post(reverse("console:question-move", args=[first.pk]), {"direction": "down"})

    assert response.url.endswith(f"#question-row-{first.pk}")
    assert list(category.questions.order_by("position").values_list("pk", flat=True)) == [
        third.pk,
        first.pk,
        second.pk,
    ]


def test_a_question_with_answers_keeps_its_kind_and_says_why(client, organiser, category):
    question = QuestionFactory(category=category, kind="short_text")
    AnswerFactory(question=question, entry__category=category, value="Hello")
    client.force_login(organiser)

    response = client.post(
        reverse("console:question-edit", args=[question.pk]),
        _data(kind="number", label_en=question.label_en),
    )

    question.refresh_from_db()
    assert response.status_code == 400
    assert question.kind == "short_text"
    assert "Entrants have already answered this question" in response.content.decode()


def test_a_question_with_answers_cannot_be_deleted(client, organiser, category):
    question = QuestionFactory(category=category)
    AnswerFactory(question=question, entry__category=category, value="Hello")
    client.force_login(organiser)

    response = client.post(reverse("console:question-delete", args=[question.pk]))

    assert response.status_code == 400
    assert Question.objects.filter(pk=question.pk).exists()
    assert "cannot be deleted" in response.content.decode()


def test_an_unanswered_question_is_deleted_and_audited(client, organiser, category):
    question = QuestionFactory(category=category)
    client.force_login(organiser)

    response = client.post(reverse("console:question-delete", args=[question.pk]))

    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    assert AuditEvent.objects.filter(action="question.delete").count() == 1


def test_form_builder_pages_are_404_for_another_awards_organiser(client, organiser):
    question = QuestionFactory()
    client.force_login(organiser)

    statuses = [
        client.get(reverse("console:form-builder", args=[question.category_id])).status_code,
        client.get(reverse("console:question-create", args=[question.category_id])).status_code,
        client.get(reverse("console:question-edit", args=[question.pk])).status_code,
        client.post(reverse("console:question-delete", args=[question.pk])).status_code,
        client.post(reverse("console:question-move", args=[question.pk])).status_code,
    ]

    assert statuses == [404, 404, 404, 404, 404]
    assert Question.objects.filter(pk=question.pk).exists()
