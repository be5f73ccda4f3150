"""The team's check of its winner page: invited, approved or corrected, or waived; the
organiser accepts or declines each correction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from awards.models import Winner
from publishing.enums import CorrectionStatus, TeamCheckStatus
from publishing.models import PAGE_FIELDS, Correction, TeamCheck
from publishing.services.pages import winner_page_update
from publishing.tasks import team_check_invite_email


def team_check_invite(*, winner: Winner, by) -> TeamCheck:
    """Ask the entry's team to check the page (again); a new invitation resets the answer.

    Raises ValidationError for a page without an entry. Side effects: one email per language
    of the team, queued after commit (`publishing.tasks.team_check_invite_email`); an audit
    event "winner.team_check_invite".
    """
    if winner.entry_id is None:
        raise ValidationError(_("This page has no entry, so no team to ask."), code="no_team")
    with transaction.atomic():
        check, _created = TeamCheck.objects.select_for_update().get_or_create(winner=winner)
        check.status = TeamCheckStatus.INVITED
        check.invited_at, check.invited_by = timezone.now(), by
        check.answered_at = check.answered_by = None
        check.save()
        _audit(winner=winner, by=by, action="winner.team_check_invite")
        transaction.on_commit(lambda: team_check_invite_email.enqueue(winner_id=winner.pk))
    return check


def team_check_approve(*, winner: Winner, by) -> TeamCheck:
    """The team member `by` approves the text. Side effects: an audit event."""
    with transaction.atomic():
        check = _check_for_member(winner=winner, by=by)
        check.status = TeamCheckStatus.APPROVED
        check.answered_at, check.answered_by = timezone.now(), by
        check.save()
        _audit(winner=winner, by=by, action="winner.team_check_approve")
    return check


def team_check_propose(*, winner: Winner, proposals: dict[str, str], by) -> list[Correction]:
    """The team member `by` proposes new texts for some fields (PAGE_FIELDS keys).

    Raises ValidationError when nothing differs from the page. Side effects: one Correction per
    field, waiting for an organiser; an audit event "winner.team_check_propose".
    """
    proposals = {name: text for name, text in proposals.items() if name in PAGE_FIELDS}
    if not proposals:
        raise ValidationError(
            _("Change a text to propose a correction, or approve the page."), code="no_change"
        )
    with transaction.atomic():
        check = _check_for_member(winner=winner, by=by)
        corrections = [
            Correction.objects.create(team_check=check, field=name, text=text, proposed_by=by)
            for name, text in proposals.items()
        ]
        check.status = TeamCheckStatus.CORRECTIONS
        check.answered_at, check.answered_by = timezone.now(), by
        check.save()
        _audit(
            winner=winner,
            by=by,
            action="winner.team_check_propose",
            data={"fields": list(proposals)},
        )
    return corrections


def team_check_waive(*, winner: Winner, by) -> TeamCheck:
    """An organiser publishes without the team's check. Side effects: an audit event."""
    with transaction.atomic():
        check, _created = TeamCheck.objects.select_for_update().get_or_create(winner=winner)
        check.status = TeamCheckStatus.WAIVED
        check.save()
        _audit(winner=winner, by=by, action="winner.team_check_waive")
    return check


def correction_accept(*, correction: Correction, by) -> Correction:
    """Apply the proposed text to the page. Side effects: audit events "winner.page_edit" and
    "winner.correction_accept"."""
    return _correction_decide(correction=correction, by=by, accept=True)


def correction_decline(*, correction: Correction, by) -> Correction:
    """Keep the page's text. Side effects: an audit event "winner.correction_decline"."""
    return _correction_decide(correction=correction, by=by, accept=False)


def _correction_decide(*, correction: Correction, by, accept: bool) -> Correction:
    with transaction.atomic():
        correction = (
            Correction.objects.select_for_update()
            .select_related("team_check__winner__category__edition")
            .get(pk=correction.pk)
        )
        if correction.status != CorrectionStatus.PENDING:
            raise ValidationError(_("This correction was already decided."), code="decided")
        winner = correction.team_check.winner
        if accept:
            winner_page_update(winner=winner, values={correction.field: correction.text}, by=by)
        correction.status = CorrectionStatus.ACCEPTED if accept else CorrectionStatus.DECLINED
        correction.decided_at, correction.decided_by = timezone.now(), by
        correction.save()
        _audit(
            winner=winner,
            by=by,
            action="winner.correction_accept" if accept else "winner.correction_decline",
            data={"field": correction.field, "correction": correction.pk},
        )
    return correction


def _check_for_member(*, winner: Winner, by) -> TeamCheck:
    check = TeamCheck.objects.select_for_update().filter(winner=winner).first()
    on_team = winner.entry_id and winner.entry.team.filter(user=by).exists()
    if check is None or not on_team:
        raise PermissionDenied
    if check.status == TeamCheckStatus.WAIVED:
        raise ValidationError(_("The organisers no longer wait for your check."), code="waived")
    return check


def _audit(*, winner: Winner, by, action: str, data: dict | None = None) -> None:
    audit_record(
        actor=by,
        action=action,
        target=winner,
        summary=str(winner),
        data={"winner": winner.pk, **(data or {})},
        edition=winner.category.edition,
    )
