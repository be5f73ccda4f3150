from django.urls import path

from console.views import dashboard, jury, organisers, outbox, pitch, questions, rounds, setup

app_name = "console"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("outbox/", outbox.outbox, name="outbox"),
    # Who runs an award (views/organisers.py)
    path("awards/<int:award_pk>/organisers/", organisers.organiser_list, name="organiser-list"),
    path("organisers/<int:pk>/remove/", organisers.organiser_remove, name="organiser-remove"),
    # Awards, editions, categories (views/setup.py)
    path("awards/new/", setup.award_create_view, name="award-create"),
    path("awards/<int:pk>/edit/", setup.award_edit, name="award-edit"),
    path("awards/<int:award_pk>/editions/new/", setup.edition_create, name="edition-create"),
    path("editions/<int:pk>/edit/", setup.edition_edit, name="edition-edit"),
    path("editions/<int:pk>/clone/", setup.edition_clone_view, name="edition-clone"),
    path(
        "editions/<int:edition_pk>/categories/new/",
        setup.category_create,
        name="category-create",
    ),
    path("categories/<int:pk>/edit/", setup.category_edit, name="category-edit"),
    # The form builder (views/questions.py)
    path("categories/<int:category_pk>/form/", questions.form_builder, name="form-builder"),
    path(
        "categories/<int:category_pk>/form/new/",
        questions.question_create,
        name="question-create",
    ),
    path("questions/<int:pk>/edit/", questions.question_edit, name="question-edit"),
    path("questions/<int:pk>/delete/", questions.question_delete_view, name="question-delete"),
    path("questions/<int:pk>/move/", questions.question_move_view, name="question-move"),
    # Rounds and the rubric builder (views/rounds.py)
    path("categories/<int:category_pk>/rounds/new/", rounds.round_create, name="round-create"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<int:round_pk>/rubric/", rounds.rubric, name="rubric"),
    path("rounds/<int:round_pk>/pitch-day/", pitch.pitch_day_edit, name="pitch-day-edit"),
    path("rounds/<int:round_pk>/rubric/new/", rounds.criterion_create, name="criterion-create"),
    path("criteria/<int:pk>/edit/", rounds.criterion_edit, name="criterion-edit"),
    path("criteria/<int:pk>/delete/", rounds.criterion_delete_view, name="criterion-delete"),
    path("criteria/<int:pk>/move/", rounds.criterion_move_view, name="criterion-move"),
    # The jury (views/jury.py)
    path("categories/<int:category_pk>/jury/invite/", jury.jury_invite, name="jury-invite"),
]
