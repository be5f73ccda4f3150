"""What submissions hold about a person, for their copy of their data and for erasing it (see
`accounts.personal_data`; registered in `SubmissionsConfig.ready`)."""

from django.db.models import Count, Prefetch, Q

from accounts.personal_data import PersonalDataSection
from audit.services import audit_record
from submissions.enums import EntryStatus, TeamRole
from submissions.file_types import filename_sanitise
from submissions.models import Answer, Attachment, Entry, TeamInvitation, TeamMember

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


def _entry_data(entry: Entry, *, user) -> dict:
    role = next(m.role for m in entry.team.all() if m.user_id == user.pk)
    return {
        "id": entry.pk,
        "reference": entry.reference,
        "award": entry.category.edition.award.name,
        "edition": entry.category.edition.year,
        "category": entry.category.name,
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
            {"name": str(m.user), "email": m.user.email, "role": m.role} for m in entry.team.all()
        ],
        "answers": [
            {"question": a.question.label, "value": a.value}
            for a in sorted(entry.answers.all(), key=lambda a: (a.question.position, a.question_id))
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


def entries_data(user) -> list[dict]:
    """Every entry the person is on the team of, as they and the jury see it."""
    return [_entry_data(entry, user=user) for entry in _entries_of(user)]


def entries_files(user):
    for attachment in Attachment.objects.filter(entry__team__user=user).order_by("pk"):
        yield _attachment_path(attachment), attachment.file


def _entry_leave(entry: Entry, *, user) -> None:
    """The person leaves the team; an entry left with nobody keeps no owner, its organisation
    is blanked, and their name in its submitted versions is replaced."""
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
        for member in version.content.get("team", []):
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


def entries_delete(user) -> list:
    """Erase the person from entries: drafts with no other team member are deleted with their
    files; on other entries they leave the team (`_entry_leave`); invitations sent to their
    addresses are deleted. Returns the files to delete once committed.

    Side effects: audit events "entry.anonymise" and "entry.delete" per entry."""
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
    files = []
    for entry in entries:
        if entry.status == EntryStatus.DRAFT and team_sizes[entry.pk] == 1:
            files += [
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
        else:
            _entry_leave(entry, user=user)
    addressed_to_them = Q()
    for email in emails:
        addressed_to_them |= Q(email__iexact=email)
    TeamInvitation.objects.filter(addressed_to_them, accepted_at__isnull=True).delete()
    return files


ENTRIES = PersonalDataSection(
    key="entries", export=entries_data, files=entries_files, delete=entries_delete
)
