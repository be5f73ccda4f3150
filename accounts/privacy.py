"""A person's rights over their data: a copy of everything (export) and erasure (delete account).

What is kept and what is removed is written for people in templates/accounts/privacy.html;
keep the two in step.
"""

import json
import shutil
import tempfile
import zipfile

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from submissions.attachments import filename_sanitise
from submissions.enums import EntryStatus, TeamRole
from submissions.models import Answer, Attachment, Entry, TeamInvitation, TeamMember

User = get_user_model()
DELETED_NAME = "(deleted account)"


def _entries_of(user):
    return (
        Entry.objects.filter(team__user=user)
        .select_related("category__edition__award")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            "attachments",
            "versions",
            Prefetch("team", queryset=TeamMember.objects.select_related("user")),
        )
        .order_by("created_at", "pk")
    )


def _attachment_path(attachment: Attachment) -> str:
    name = filename_sanitise(attachment.original_name)
    return f"files/entry-{attachment.entry_id}/{attachment.pk}-{name}"


def user_data(*, user) -> dict:
    """Everything Laurel holds about `user` as an entrant, JSON-ready."""
    entries = []
    for entry in _entries_of(user):
        role = next(m.role for m in entry.team.all() if m.user_id == user.pk)
        entries.append(
            {
                "id": entry.pk,
                "reference": entry.reference,
                "award": entry.category.edition.award.name_en,
                "edition": entry.category.edition.year,
                "category": entry.category.name_en,
                "your_role": role,
                "status": entry.status,
                "title": entry.title,
                "pitch": entry.pitch,
                "organisation": entry.organisation,
                "eligibility": entry.eligibility,
                "ineligible_reason": entry.ineligible_reason,
                "consent_version": entry.consent_version,
                "created_at": entry.created_at,
                "updated_at": entry.updated_at,
                "submitted_at": entry.submitted_at,
                "withdrawn_at": entry.withdrawn_at,
                "team": [
                    {"name": str(m.user), "email": m.user.email, "role": m.role}
                    for m in entry.team.all()
                ],
                "answers": [
                    {"question": a.question.label_en, "value": a.value}
                    for a in sorted(
                        entry.answers.all(), key=lambda a: (a.question.position, a.question_id)
                    )
                ],
                "attachments": [
                    {
                        "name": a.original_name,
                        "content_type": a.content_type,
                        "size": a.size,
                        "sha256": a.sha256,
                        "uploaded_at": a.created_at,
                        "file_in_this_zip": _attachment_path(a),
                    }
                    for a in entry.attachments.all()
                ],
                "submitted_versions": [
                    {"number": v.number, "submitted_at": v.submitted_at, "content": v.content}
                    for v in entry.versions.all()
                ],
            }
        )
    return {
        "exported_at": timezone.now(),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "organisation": user.organisation,
            "language": user.language,
            "joined": user.date_joined,
            "last_sign_in": user.last_login,
            "email_addresses": list(
                user.emailaddress_set.values("email", "verified", "primary").order_by("email")
            ),
        },
        "entries": entries,
    }


def user_data_export(*, user):
    """A zip of `user_data` as JSON plus every attachment of their entries, written to a
    temporary file (deleted when closed), never held whole in memory. Returns the open file,
    positioned at its start."""
    data = user_data(user=user)
    # Handed open to the response, which closes (and so deletes) it once sent.
    archive_file = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("laurel-data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        for attachment in Attachment.objects.filter(entry__team__user=user).order_by("pk"):
            with (
                attachment.file.open("rb") as source,
                archive.open(_attachment_path(attachment), "w", force_zip64=True) as target,
            ):
                shutil.copyfileobj(source, target, length=1024 * 1024)
    archive_file.seek(0)
    return archive_file


def account_deletion_refusal(*, user) -> str | None:
    """Why the account cannot delete itself, or None when it can."""
    if user.is_staff or user.is_superuser:
        return _("Organiser accounts cannot be deleted here; ask another administrator.")
    if user.assignments.exists() or user.jury_memberships.exists():
        return _(
            "You are on a jury. Ask the organisers to remove you from it first, so that "
            "the reviews you wrote are handled properly."
        )
    return None


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete `user`'s account, as the privacy page describes:

    - drafts with no other team member are deleted, with their files (after commit);
    - on other entries the person leaves the team; an entry left with nobody keeps no owner,
      its organisation is blanked, and the person's name in its submitted versions is replaced;
      an entry with others keeps going with the longest-standing member as owner;
    - invitations sent to their addresses are deleted; their profile, email addresses and
      two-factor keys go with the account.

    Side effects: files deleted from storage on commit; audit events "entry.anonymise" and
    "entry.delete" per entry.
    """
    refusal = account_deletion_refusal(user=user)
    if refusal:
        raise ValidationError(refusal, code="refused")
    user = User.objects.select_for_update().get(pk=user.pk)
    emails = {
        user.email.lower(),
        *(e.lower() for e in user.emailaddress_set.values_list("email", flat=True)),
    }
    entries = list(
        Entry.objects.select_for_update(of=("self",))
        .filter(team__user=user)
        .select_related("category__edition")
        .order_by("pk")
    )
    team_sizes = dict(
        TeamMember.objects.filter(entry__in=entries)
        .values_list("entry")
        .annotate(size=Count("pk"))
        .values_list("entry", "size")
    )
    files_to_delete = []
    for entry in entries:
        alone = team_sizes[entry.pk] == 1
        if entry.status == EntryStatus.DRAFT and alone:
            files_to_delete += [
                (field.storage, field.name)
                for a in entry.attachments.all()
                for field in (a.file, a.anonymous_file)
                if field.name
            ]
            audit_record(
                actor=None,
                action="entry.delete",
                target=entry,
                summary="Draft deleted with its owner's account",
                edition=entry.category.edition,
            )
            entry.delete()
            continue
        TeamMember.objects.filter(entry=entry, user=user).delete()
        successor = entry.team.order_by("joined_at", "pk").first()
        if successor is not None:
            if entry.owner_id == user.pk or entry.owner_id is None:
                successor.role = TeamRole.OWNER
                successor.save(update_fields=["role"])
                entry.owner = successor.user
        else:
            entry.owner = None
            entry.organisation = ""
        entry.save(update_fields=["owner", "organisation", "updated_at"])
        for version in entry.versions.all():
            team = version.content.get("team", [])
            for member in team:
                if member.get("user") == user.pk:
                    member.update({"user": None, "name": DELETED_NAME})
            if successor is None:
                version.content["organisation"] = ""
            version.save(update_fields=["content"])
        audit_record(
            actor=None,
            action="entry.anonymise",
            target=entry,
            summary="A team member deleted their account",
            edition=entry.category.edition,
        )
    addressed_to_them = Q()
    for email in emails:
        addressed_to_them |= Q(email__iexact=email)
    TeamInvitation.objects.filter(addressed_to_them, accepted_at__isnull=True).delete()
    user.delete()
    for storage, name in files_to_delete:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
