from django.urls import path  # noqa: F401

app_name = "submissions"
# Entrant pages, attachments and organiser pages each add their routes here.
urlpatterns = []

# Entrant pages.
from submissions.views import entrant  # noqa: E402

urlpatterns += [
    path("", entrant.entry_list, name="entry-list"),
    path("new/<int:category_id>/", entrant.entry_create, name="entry-create"),
    path("join/<str:token>/", entrant.invitation_accept, name="invitation-accept"),
    path("<int:pk>/", entrant.entry_edit, name="entry-edit"),
    path("<int:pk>/autosave/", entrant.entry_autosave, name="entry-autosave"),
    path("<int:pk>/review/", entrant.entry_review, name="entry-review"),
    path("<int:pk>/submit/", entrant.entry_submit, name="entry-submit"),
    path("<int:pk>/submitted/", entrant.entry_confirmation, name="entry-confirmation"),
    path("<int:pk>/withdraw/", entrant.entry_withdraw, name="entry-withdraw"),
    path("<int:pk>/versions/", entrant.version_list, name="version-list"),
    path("<int:pk>/versions/<int:number>/", entrant.version_detail, name="version-detail"),
    path("<int:pk>/team/", entrant.team_edit, name="team-edit"),
    path(
        "<int:pk>/team/invitations/<int:invitation_pk>/revoke/",
        entrant.invitation_revoke,
        name="team-invitation-revoke",
    ),
    path(
        "<int:pk>/team/members/<int:member_pk>/remove/",
        entrant.team_member_remove,
        name="team-member-remove",
    ),
    path(
        "<int:pk>/team/members/<int:member_pk>/owner/",
        entrant.team_owner_transfer,
        name="team-owner-transfer",
    ),
    path("<int:pk>/move/", entrant.entry_move, name="entry-move"),
]

# Attachments and organiser pages.
from submissions.views import attachments, organiser  # noqa: E402

urlpatterns += [
    path(
        "<int:entry_pk>/questions/<int:question_pk>/attachments/",
        attachments.attachment_upload,
        name="attachment-upload",
    ),
    path(
        "attachments/<int:pk>/remove/",
        attachments.attachment_remove_view,
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
