"""Conflicts of interest: declared by judges, added by chairs, flagged from affiliations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from judging.affiliations import Person, affiliation_matches
from judging.enums import ConflictKind, ConflictSource, ConflictStatus, ReviewStatus
from judging.models import Assignment, Conflict, JuryMember
from submissions.enums import EntryStatus
from submissions.models import Entry, TeamMember


@transaction.atomic
def conflict_declare(*, judge, entry: Entry, kind: str, note: str = "") -> Conflict:
    """Record the judge's own declaration; it bars them from the entry at once.

    Replaces a flag or a dismissal of the same pair; releases the judge's unreviewed assignments
    on the entry. Writes the audit event `conflict.declare` (and `assignment.remove` per release).
    """
    return _conflict_confirm(
        entry=entry, judge=judge, kind=kind, note=note, source=ConflictSource.DECLARED, actor=judge
    )


@transaction.atomic
def conflict_add(*, entry: Entry, judge, kind: str, note: str = "", actor) -> Conflict:
    """A chair or organiser records a conflict for a judge.

    Releases the judge's unreviewed assignments on the entry. Writes the audit event
    `conflict.add` (and `assignment.remove` per release).
    """
    if not JuryMember.objects.filter(category_id=entry.category_id, user=judge).exists():
        raise ValidationError(_("This person is not on the category's jury."), code="not_jury")
    return _conflict_confirm(
        entry=entry, judge=judge, kind=kind, note=note, source=ConflictSource.CHAIR, actor=actor
    )


def _conflict_confirm(*, entry, judge, kind, note, source, actor) -> Conflict:
    conflict, _created = Conflict.objects.select_for_update().get_or_create(
        entry=entry, judge=judge, defaults={"kind": kind, "source": source, "created_by": actor}
    )
    conflict.kind = kind
    conflict.source = source
    conflict.note = note
    conflict.status = ConflictStatus.CONFIRMED
    conflict.resolved_by = actor if source == ConflictSource.CHAIR else None
    conflict.resolved_at = timezone.now() if source == ConflictSource.CHAIR else None
    conflict.save()
    action = "conflict.declare" if source == ConflictSource.DECLARED else "conflict.add"
    audit_record(
        actor=actor,
        action=action,
        target=conflict,
        summary=f"{judge.email} conflicted on {entry} ({kind})",
        data={
            "entry": entry.pk,
            "reference": entry.reference,
            "judge": judge.pk,
            "judge_email": judge.email,
            "kind": kind,
        },
        edition=entry.category.edition,
    )
    _assignments_release(conflict=conflict, actor=actor)
    return conflict


@transaction.atomic
def conflict_resolve(*, conflict: Conflict, confirm: bool, actor) -> Conflict:
    """The chair confirms an automatic flag (the judge is barred) or dismisses it.

    Writes the audit event `conflict.confirm` or `conflict.dismiss`; a confirmation releases the
    judge's unreviewed assignments on the entry.
    """
    conflict = (
        Conflict.objects.select_for_update()
        .select_related("entry__category__edition")
        .get(pk=conflict.pk)
    )
    if conflict.status != ConflictStatus.FLAGGED:
        raise ValidationError(_("This conflict has already been decided."), code="decided")
    conflict.status = ConflictStatus.CONFIRMED if confirm else ConflictStatus.DISMISSED
    conflict.resolved_by = actor
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["status", "resolved_by", "resolved_at"])
    audit_record(
        actor=actor,
        action="conflict.confirm" if confirm else "conflict.dismiss",
        target=conflict,
        summary=f"{conflict.judge_id} × {conflict.entry}: {conflict.status}",
        data={
            "entry": conflict.entry_id,
            "reference": conflict.entry.reference,
            "judge": conflict.judge_id,
            "judge_email": conflict.judge.email,
        },
        edition=conflict.entry.category.edition,
    )
    if confirm:
        _assignments_release(conflict=conflict, actor=actor)
    return conflict


def _assignments_release(*, conflict: Conflict, actor) -> None:
    """A conflicted judge keeps no unreviewed assignment on the entry; a submitted review stays
    on record but `judging.access` hides it and leaves it out of every aggregate."""
    for assignment in Assignment.objects.filter(
        entry_id=conflict.entry_id, judge_id=conflict.judge_id
    ).exclude(review__status=ReviewStatus.SUBMITTED):
        audit_record(
            actor=actor,
            action="assignment.remove",
            target=assignment,
            summary=f"released: conflict {conflict.pk}",
            data={
                "entry": assignment.entry_id,
                "reference": conflict.entry.reference,
                "judge": assignment.judge_id,
                "judge_email": conflict.judge.email,
                "reason": "conflict",
            },
            edition=conflict.entry.category.edition,
        )
        assignment.delete()


def _jury_people(*, category, judges) -> dict[int, tuple]:
    """Each judge of the category with every identity they are known by (account and seat)."""
    members = JuryMember.objects.filter(category=category, user__isnull=False).select_related(
        "user"
    )
    if judges is not None:
        members = members.filter(user__in=judges)
    people: dict[int, tuple] = {}
    for member in members:
        known = people.get(member.user_id, (member.user, []))
        known[1].extend([Person(member.user.email, member.user.organisation), Person(member.email)])
        people[member.user_id] = known
    return people


def _conflict_flag_save(*, conflict: Conflict, actor, edition) -> None:
    conflict.save()
    audit_record(
        actor=actor,
        action="conflict.flag",
        target=conflict,
        summary=f"{conflict.judge.email} × {conflict.entry}: {conflict.note}",
        data={
            "entry": conflict.entry_id,
            "reference": conflict.entry.reference,
            "judge": conflict.judge_id,
            "judge_email": conflict.judge.email,
        },
        edition=edition,
    )


@transaction.atomic
def conflicts_detect(*, category, judges=None, actor=None) -> list[Conflict]:
    """Flag, for the chair to confirm or dismiss, every judge of the category who shares an email
    domain (webmail aside) or an organisation with an entry's owner, team or organisation.

    Pairs that already have a conflict (of any status, a dismissal included) are left alone.
    `judges` narrows the check to some accounts. Writes the audit event `conflict.flag` per flag.
    """
    people = _jury_people(category=category, judges=judges)
    if not people:
        return []
    entries = Entry.objects.filter(
        category=category, status=EntryStatus.SUBMITTED
    ).prefetch_related(Prefetch("team", queryset=TeamMember.objects.select_related("user")))
    taken = set(
        Conflict.objects.filter(entry__category=category, judge_id__in=people).values_list(
            "entry_id", "judge_id"
        )
    )
    flags = []
    for entry in entries:
        team = [Person(member.user.email, member.user.organisation) for member in entry.team.all()]
        for judge_id, (judge, judge_people) in people.items():
            if (entry.pk, judge_id) in taken:
                continue
            matches = affiliation_matches(
                judge=judge_people, team=team, entry_organisation=entry.organisation
            )
            if not matches:
                continue
            flags.append(
                Conflict(
                    entry=entry,
                    judge=judge,
                    kind=ConflictKind.INSTITUTIONAL,
                    source=ConflictSource.AUTOMATIC,
                    status=ConflictStatus.FLAGGED,
                    note=_matches_note(matches),
                    created_by=actor if actor is not None and actor.is_authenticated else None,
                )
            )
    for conflict in flags:
        _conflict_flag_save(conflict=conflict, actor=actor, edition=category.edition)
    return flags


def _matches_note(matches) -> str:
    """The flag's note for the chair: what the judge and the entry share."""
    return "; ".join(
        (
            _("same email domain: %(value)s")
            if match.kind == "domain"
            else _("same organisation: %(value)s")
        )
        % {"value": match.value}
        for match in matches
    )
