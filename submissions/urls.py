from django.urls import path

from submissions.views import attachments, entries, moves, organiser, review, team, versions

app_name = "submissions"

urlpatterns = [
    # Entrant pages.
    path("", entries.entry_list, name="entry-list"),
    path("new/<int:category_id>/", entries.entry_create, name="entry-create"),
    path("join/<str:token>/", team.invitation_accept, name="invitation-accept"),
    path("<int:pk>/", entries.entry_edit, name="entry-edit"),
    path("<int:pk>/autosave/", entries.entry_autosave, name="entry-autosave"),
    path("<int:pk>/review/", review.entry_review, name="entry-review"),
    path("<int:pk>/submit/", review.entry_submit, name="entry-submit"),
    path("<int:pk>/submitted/", review.entry_confirmation, name="entry-confirmation"),
    path("<int:pk>/withdraw/", entries.entry_withdraw, name="entry-withdraw"),
    path("<int:pk>/versions/", versions.version_list, name="version-list"),
    path("<int:pk>/versions/<int:number>/", versions.version_detail, name="version-detail"),
    path("<int:pk>/team/", team.team_edit, name="team-edit"),
    path(
        "<int:pk>/team/invitations/<int:invitation_pk>/revoke/",
        team.invitation_revoke,
        name="team-invitation-revoke",
    ),
    path(
        "<int:pk>/team/members/<int:member_pk>/remove/",
        team.team_member_remove,
        name="team-member-remove",
    ),
    path(
        "<int:pk>/team/members/<int:member_pk>/owner/",
        team.team_owner_transfer,
        name="team-owner-transfer",
    ),
    path("<int:pk>/move/", moves.entry_move, name="entry-move"),
]

# Attachments and organiser pages.
urlpatterns += [
    path(
        "<int:entry_pk>/questions/<int:question_pk>/attachments/",
        attachments.attachment_upload,
        name="attachment-upload",
    ),
    path(
        "attachments/<int:pk>/remove/",
        attachments.attachment_remove,
        name="attachment-remove",
    ),
    path(
        "attachments/<int:pk>/download/",
        attachments.attachment_download,
        name="attachment-download",
    ),
    path("attachments/<int:pk>/view/", attachments.attachment_view, name="attachment-view"),
    path("organiser/", organiser.organiser_edition_list, name="organiser-edition-list"),
    path(
        "organiser/editions/<int:edition_pk>/",
        organiser.organiser_entry_list,
        name="organiser-entry-list",
    ),
    path(
        "organiser/editions/<int:edition_pk>/entries.csv",
        organiser.organiser_entry_export,
        name="organiser-entry-export",
    ),
    path(
        "organiser/editions/<int:edition_pk>/audit/",
        organiser.organiser_audit_list,
        name="organiser-audit-list",
    ),
    path(
        "organiser/entries/<int:pk>/",
        organiser.organiser_entry_detail,
        name="organiser-entry-detail",
    ),
    path(
        "organiser/entries/<int:pk>/eligibility/",
        organiser.organiser_entry_eligibility,
        name="organiser-entry-eligibility",
    ),
    path(
        "organiser/entries/<int:pk>/move/",
        organiser.organiser_entry_move,
        name="organiser-entry-move",
    ),
]
