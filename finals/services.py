"""The pitch day: scheduling the finalists, swapping slots, finalists' requests, cancelling.

Only organisers (staff with `judging.change_round`) set the day. Every change that moves or
cancels a slot raises its SEQUENCE and queues, after commit, calendar invitations to the
finalist's team and the slot's panel (`finals.invitations`). Panels are the category's active
jury less anyone with a confirmed conflict with the finalist (`finals.panels`); each panel member
gets an assignment on the finalist in the pitch round, so they score in the round's own mode,
and scoring opens at the slot (`finals.gates`).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import user_organises
from audit.services import audit_record
from awards.models import Award
from finals.enums import SlotRequestStatus
from finals.invitations import slot_invitations_send
from finals.models import PitchDay, PitchSlot, SlotRequest
from finals.panels import slot_panels
from judging.models import Assignment, RoundEntry


def may_organise(user, *, day: PitchDay) -> bool:
    """Organisers of the pitch day's award, who may change its rounds."""
    award = PitchDay.objects.values_list("round__category__edition__award", flat=True).get(
        pk=day.pk
    )
    return user_organises(user, award=Award(pk=award), perm="judging.change_round")


def slot_times(*, day: PitchDay, position: int) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of the slot at `position` (1-based): slots follow each other with the gap
    between them and, after every `break_after` slots, a break."""
    before = position - 1
    breaks = before // day.break_after if day.break_after else 0
    start = day.starts_at + dt.timedelta(
        minutes=before * (day.slot_minutes + day.gap_minutes) + breaks * day.break_minutes
    )
    return start, start + dt.timedelta(minutes=day.slot_minutes)


def _audit(*, by, action: str, day: PitchDay, target, data: dict) -> None:
    audit_record(
        actor=by,
        action=action,
        target=target,
        summary=f"{action} on pitch day {day.pk}",
        data={"round": day.round_id, **data},
        edition=day.round.category.edition,
    )


def _notify(day: PitchDay, changed: list[PitchSlot], cancelled: list[PitchSlot]) -> None:
    """Invitations for the changed slots, cancellations for the cancelled ones: written into the
    outbox in the same transaction as the change, so they go out exactly when it commits."""

    def send():
        panels = {p.slot.pk: p.panel for p in slot_panels(pitch_day=day)}
        for slot in changed:
            slot_invitations_send(slot=slot, panel=panels.get(slot.pk, []))
        for slot in cancelled:
            slot_invitations_send(slot=slot, panel=[], cancel=True)

    send()


def _retime(day: PitchDay, slots: list[PitchSlot]) -> list[PitchSlot]:
    """Set positions and times in list order; returns the slots whose time changed."""
    changed = []
    for position, slot in enumerate(slots, start=1):
        start, end = slot_times(day=day, position=position)
        if slot.pk is None or (slot.starts_at, slot.ends_at) != (start, end):
            if slot.pk is not None:
                slot.sequence += 1
            slot.position, slot.starts_at, slot.ends_at = position, start, end
            slot.save()
            changed.append(slot)
        elif slot.position != position:
            slot.position = position
            slot.save(update_fields=["position"])
    return changed


@transaction.atomic
def pitch_day_schedule(*, pitch_day: PitchDay, by) -> list[PitchSlot]:
    """Give every finalist (the entries in the pitch round) a slot, keeping the order of those
    already scheduled; cancel the slots of entries no longer in the round; assign each
    finalist to its panel. Audit "pitch_day.schedule"; invitations after commit.
    Raises PermissionDenied for anyone but an organiser."""
    if not may_organise(by, day=pitch_day):
        raise PermissionDenied
    day = (
        PitchDay.objects.select_for_update()
        .select_related("round__category__edition")
        .get(pk=pitch_day.pk)
    )
    finalists = list(
        RoundEntry.objects.filter(round=day.round)
        .select_related("entry")
        .order_by("entry__reference", "entry_id")
    )
    finalist_ids = {re.entry_id for re in finalists}
    existing = list(day.slots.filter(cancelled_at=None).order_by("position"))
    cancelled = []
    for slot in existing:
        if slot.entry_id not in finalist_ids:
            slot.cancelled_at = timezone.now()
            slot.sequence += 1
            slot.position = 1000 + slot.pk  # out of the way of live positions
            slot.save()
            cancelled.append(slot)
    live = [s for s in existing if s.entry_id in finalist_ids]
    scheduled = {s.entry_id for s in live}
    revived = {s.entry_id: s for s in day.slots.exclude(cancelled_at=None)}
    for re in finalists:
        if re.entry_id in scheduled:
            continue
        slot = revived.get(re.entry_id)
        if slot is not None:  # back in the round: the same event, a new revision
            slot.cancelled_at = None
            slot.sequence += 1
            slot.starts_at = slot.ends_at = day.starts_at - dt.timedelta(days=1)  # forces retime
        else:
            slot = PitchSlot(pitch_day=day, entry=re.entry)
        live.append(slot)
    changed = _retime(day, live)
    for panel in slot_panels(pitch_day=day):
        for judge in panel.panel:
            Assignment.objects.get_or_create(
                round=day.round, entry=panel.slot.entry, judge=judge, defaults={"created_by": by}
            )
    _audit(by=by, action="pitch_day.schedule", day=day, target=day, data={"slots": len(live)})
    _notify(day, changed, cancelled)
    return live


@transaction.atomic
def pitch_slots_swap(*, first: PitchSlot, second: PitchSlot, by) -> None:
    """Swap two live slots of the same day (positions and times). Audit "pitch_slot.swap"."""
    if not may_organise(by, day=first.pitch_day):
        raise PermissionDenied
    day = PitchDay.objects.select_for_update().get(pk=first.pitch_day_id)
    first, second = (
        PitchSlot.objects.select_related("entry").get(pk=s.pk) for s in (first, second)
    )
    if first.pitch_day_id != second.pitch_day_id or first.pk == second.pk:
        raise ValidationError(_("Choose two different slots of the same day."), code="slots")
    if first.cancelled_at or second.cancelled_at:
        raise ValidationError(_("A cancelled slot cannot be swapped."), code="cancelled")
    _swap(day, first, second)
    _audit(
        by=by,
        action="pitch_slot.swap",
        day=day,
        target=first,
        data={"first": first.entry.reference, "second": second.entry.reference},
    )


def _swap(day, first, second) -> None:
    slots = list(day.slots.filter(cancelled_at=None).order_by("position"))
    index = {s.pk: i for i, s in enumerate(slots)}
    i, j = index[first.pk], index[second.pk]
    slots[i], slots[j] = slots[j], slots[i]
    _notify(day, _retime(day, slots), [])


@transaction.atomic
def pitch_slot_cancel(*, slot: PitchSlot, by) -> PitchSlot:
    """Cancel a slot (METHOD:CANCEL to everyone invited). Audit "pitch_slot.cancel"."""
    if not may_organise(by, day=slot.pitch_day):
        raise PermissionDenied
    slot = (
        PitchSlot.objects.select_for_update().select_related("entry", "pitch_day").get(pk=slot.pk)
    )
    if slot.cancelled_at:
        raise ValidationError(_("This slot is already cancelled."), code="cancelled")
    # The panel is worked out before the slot leaves the schedule, so they hear of it too.
    panel = next(
        (p.panel for p in slot_panels(pitch_day=slot.pitch_day) if p.slot.pk == slot.pk), []
    )
    slot.cancelled_at = timezone.now()
    slot.sequence += 1
    slot.position = 1000 + slot.pk
    slot.save()
    day = slot.pitch_day
    _audit(
        by=by,
        action="pitch_slot.cancel",
        day=day,
        target=slot,
        data={"reference": slot.entry.reference},
    )
    slot_invitations_send(slot=slot, panel=panel, cancel=True)
    return slot


def is_finalist_team(*, user, slot: PitchSlot) -> bool:
    entry = slot.entry
    return user.is_authenticated and (
        entry.owner_id == user.pk or entry.team.filter(user=user).exists()
    )


@transaction.atomic
def slot_request_create(*, slot: PitchSlot, by, message: str) -> SlotRequest:
    """The finalist's team asks for another slot. One open request per slot.
    Raises PermissionDenied for anyone else; ValidationError "message", "pending", "cancelled".
    Audit "slot_request.create"."""
    slot = (
        PitchSlot.objects.select_for_update().select_related("entry", "pitch_day").get(pk=slot.pk)
    )
    if not is_finalist_team(user=by, slot=slot):
        raise PermissionDenied
    message = (message or "").strip()
    if not message:
        raise ValidationError(_("Say which times suit you better and why."), code="message")
    if slot.cancelled_at:
        raise ValidationError(_("This slot is cancelled."), code="cancelled")
    if slot.requests.filter(status=SlotRequestStatus.PENDING).exists():
        raise ValidationError(
            _("You have already asked; the organiser will answer."), code="pending"
        )
    request = SlotRequest.objects.create(slot=slot, requested_by=by, message=message[:2000])
    _audit(
        by=by,
        action="slot_request.create",
        day=slot.pitch_day,
        target=request,
        data={"reference": slot.entry.reference},
    )
    return request


@transaction.atomic
def slot_request_decide(
    *, request: SlotRequest, by, grant: bool, swap_with: PitchSlot | None = None
) -> SlotRequest:
    """The organiser grants a request (swapping the slot with `swap_with`) or refuses it.
    Audit "slot_request.decide"; a granted swap sends updated invitations."""
    if not may_organise(by, day=request.slot.pitch_day):
        raise PermissionDenied
    request = (
        SlotRequest.objects.select_for_update()
        .select_related("slot__entry", "slot__pitch_day")
        .get(pk=request.pk)
    )
    if request.status != SlotRequestStatus.PENDING:
        raise ValidationError(_("This request is already decided."), code="decided")
    if grant:
        if swap_with is None:
            raise ValidationError(_("Choose the slot to swap with."), code="swap_with")
        pitch_slots_swap(first=request.slot, second=swap_with, by=by)
    request.status = SlotRequestStatus.GRANTED if grant else SlotRequestStatus.REFUSED
    request.decided_by, request.decided_at = by, timezone.now()
    request.save()
    _audit(
        by=by,
        action="slot_request.decide",
        day=request.slot.pitch_day,
        target=request,
        data={"reference": request.slot.entry.reference, "status": request.status},
    )
    return request


@transaction.atomic
def pitch_day_save(*, pitch_day: PitchDay, by) -> PitchDay:
    """Save a pitch day's settings (a new one, or changes to its place, times and weights), from
    a form that validated them. Slots already given keep their order; scheduling again moves their
    times. Audit "pitch_day.set". Raises PermissionDenied for anyone but an organiser."""
    award = pitch_day.round.category.edition.award
    if not user_organises(by, award=award, perm="judging.change_round"):
        raise PermissionDenied
    created = pitch_day.pk is None
    pitch_day.save()
    _audit(
        by=by,
        action="pitch_day.set",
        day=pitch_day,
        target=pitch_day,
        data={"created": created, "starts_at": pitch_day.starts_at.isoformat()},
    )
    return pitch_day
