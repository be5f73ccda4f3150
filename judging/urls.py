from django.urls import path, re_path  # noqa: F401

from judging.views import assignments as assignment_views
from judging.views import ballot_results as ballot_result_views
from judging.views import ballots as ballot_views
from judging.views import conflicts as conflict_views
from judging.views import files as file_views
from judging.views import judge as judge_views
from judging.views import jury as jury_views
from judging.views import results as results_views
from judging.views import rounds as round_views

app_name = "judging"
urlpatterns = [
    # Judges: dashboard, review pages (views/judge.py)
    path("", judge_views.dashboard, name="dashboard"),
    path("reviews/<int:assignment_id>/", judge_views.review_edit, name="review-edit"),
    path(
        "reviews/<int:assignment_id>/autosave/",
        judge_views.review_autosave,
        name="review-autosave",
    ),
    path(
        "reviews/<int:assignment_id>/submit/",
        judge_views.review_submit,
        name="review-submit",
    ),
    path(
        "reviews/<int:assignment_id>/files/<int:attachment_id>/",
        file_views.review_file_download,
        name="review-file-download",
    ),
    path(
        "reviews/<int:assignment_id>/files/<int:attachment_id>/view/",
        file_views.review_file_view,
        name="review-file-view",
    ),
    # Judges in screening, ranking and pairwise rounds; chairs' results (views/ballots.py)
    path("rounds/<int:round_id>/judge/", ballot_views.ballot_edit, name="ballot-edit"),
    path(
        "screening/<int:assignment_id>/answer/",
        ballot_views.screening_answer,
        name="screening-answer",
    ),
    path(
        "rounds/<int:round_id>/screening/submit/",
        ballot_views.screening_submit_view,
        name="screening-submit",
    ),
    path(
        "rounds/<int:round_id>/ranking/save/",
        ballot_views.ranking_save_view,
        name="ranking-save",
    ),
    path("comparisons/<int:pk>/answer/", ballot_views.pair_answer_view, name="pair-answer"),
    path(
        "rounds/<int:round_id>/ballots/results/",
        ballot_result_views.ballot_results_view,
        name="ballot-results",
    ),
    path(
        "rounds/<int:round_id>/ballots.csv", ballot_result_views.ballot_export, name="ballot-export"
    ),
    # Chairs: round progress, reopen, remind, close (views/rounds.py)
    path(
        "reviews/<int:assignment_id>/reopen/",
        round_views.review_reopen,
        name="review-reopen",
    ),
    path("rounds/<int:round_id>/progress/", round_views.round_progress, name="round-progress"),
    path(
        "rounds/<int:round_id>/remind/<int:judge_id>/",
        round_views.round_remind,
        name="round-remind",
    ),
    path("rounds/<int:round_id>/close/", round_views.round_close, name="round-close"),
    # Chairs: results, decisions and exports (views/results.py)
    path("rounds/<int:round_id>/results/", results_views.round_results, name="round-results"),
    path(
        "rounds/<int:round_id>/results/ready/",
        results_views.round_results_ready,
        name="round-results-ready",
    ),
    re_path(
        r"^rounds/(?P<round_id>[0-9]+)/results\.(?P<fmt>csv|xlsx)$",
        results_views.round_results_export,
        name="round-results-export",
    ),
    re_path(
        r"^rounds/(?P<round_id>[0-9]+)/scores\.(?P<fmt>csv|xlsx)$",
        results_views.round_scores_export,
        name="round-scores-export",
    ),
    path(
        "rounds/<int:round_id>/snapshots/<int:pk>/",
        results_views.results_snapshot_detail,
        name="results-snapshot-detail",
    ),
    # Jury, conflicts of interest, assignments (views/jury.py, conflicts.py, assignments.py)
    path("join/<str:token>/", jury_views.invitation_accept, name="invitation-accept"),
    path("categories/<int:category_id>/jury/", jury_views.jury_list, name="jury-list"),
    path("members/<int:pk>/resend/", jury_views.jury_resend, name="jury-resend"),
    path("members/<int:pk>/remove/", jury_views.jury_remove, name="jury-remove"),
    path("members/<int:pk>/reinstate/", jury_views.jury_reinstate, name="jury-reinstate"),
    path("conflicts/declare/", conflict_views.conflict_declare, name="conflict-declare"),
    path(
        "categories/<int:category_id>/conflicts/",
        conflict_views.conflict_list,
        name="conflict-list",
    ),
    path(
        "categories/<int:category_id>/conflicts/check/",
        conflict_views.conflicts_check,
        name="conflict-check",
    ),
    path(
        "conflicts/<int:pk>/resolve/",
        conflict_views.conflict_resolve,
        name="conflict-resolve",
    ),
    path(
        "rounds/<int:round_id>/assignments/",
        assignment_views.assignment_list,
        name="assignment-list",
    ),
    path(
        "rounds/<int:round_id>/assignments/add/",
        assignment_views.assignment_add,
        name="assignment-add",
    ),
    path(
        "assignments/<int:pk>/remove/",
        assignment_views.assignment_remove,
        name="assignment-remove",
    ),
    path(
        "rounds/<int:round_id>/assignments/propose/",
        assignment_views.assignment_propose,
        name="assignment-propose",
    ),
    path(
        "rounds/<int:round_id>/assignments/confirm/",
        assignment_views.assignment_confirm,
        name="assignment-confirm",
    ),
    path(
        "rounds/<int:round_id>/entries/update/",
        assignment_views.round_entries_update,
        name="round-entries-update",
    ),
]
