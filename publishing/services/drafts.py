"""Draft winner pages made from the chair's final-round decisions, without retyping.

Registered with `judging.decision_hooks` (see `publishing.apps`), so it runs inside the
transaction that recorded the decisions. It reads judging's decisions and writes awards' winners,
so it lives here, above both.
"""

from django.db import transaction
from django.utils.text import slugify

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.enums import Placement
from awards.models import Winner
from judging.enums import DecisionOutcome
from judging.models import Decision, Round
from judging.services.decisions import round_is_final
from publishing.models import PAGE_FIELDS, WinnerSource

PLACEMENT_BY_OUTCOME = {
    DecisionOutcome.WINNER: Placement.WINNER,
    DecisionOutcome.RUNNER_UP: Placement.RUNNER_UP,
    DecisionOutcome.HONOURABLE_MENTION: Placement.HONOURABLE_MENTION,
}
POSITION_BY_PLACEMENT = {
    Placement.WINNER: 0,
    Placement.RUNNER_UP: 1,
    Placement.HONOURABLE_MENTION: 2,
}


def winner_drafts_sync(*, round: Round, by) -> list[Winner]:
    """Make the final round's prize decisions into draft winner pages, or refresh them.

    A prize (winner, runner-up, honourable mention) without a page gets a draft prefilled from
    the entry: team names, organisation, idea title, the short pitch as the summary (in the
    owner's language), linked to the entry, the decision and its results snapshot. A draft
    already there gets the new placement and fresh values in the fields no organiser has edited;
    a published page keeps its text. A draft whose entry no longer has a prize is deleted when
    untouched (no edited text, no photo, no team check), else kept and unlinked from the
    decision. Call inside the decisions' transaction. Side effects: audit events
    "winner.draft_create", "winner.draft_update", "winner.draft_remove". Returns the drafts
    made or refreshed.
    """
    if not round_is_final(round=round):
        return []
    category = round.category
    decisions = list(
        Decision.objects.filter(round=round, outcome__in=list(PLACEMENT_BY_OUTCOME))
        .select_related("entry__owner", "snapshot")
        .prefetch_related("entry__team__user")
    )
    pages = {
        winner.entry_id: winner
        for winner in Winner.objects.filter(category=category, entry__isnull=False)
        .select_related("source")
        .select_for_update(of=("self",))
    }
    touched = []
    for decision in decisions:
        winner = pages.pop(decision.entry_id, None)
        if winner is None:
            touched.append(_draft_create(decision=decision, by=by))
        else:
            touched.append(_draft_refresh(winner=winner, decision=decision, by=by))
    for winner in pages.values():
        source = getattr(winner, "source", None)
        if source is None or source.decision_id is None or source.decision.round_id != round.pk:
            continue
        _draft_withdraw(winner=winner, source=source, by=by)
    public_pages_invalidate()
    return touched


def entry_prefill(entry) -> dict[str, str]:
    """The page's texts as the entry gives them: every PAGE_FIELDS key, blank where none."""
    people = [entry.owner] if entry.owner_id else []
    people += [m.user for m in entry.team.all() if m.user_id != entry.owner_id]
    names = ", ".join(person.display_name for person in people if person.display_name)
    values = dict.fromkeys(PAGE_FIELDS, "")
    values["names"] = (names or entry.organisation or entry.title)[:300]
    values["organisation"] = entry.organisation[:200]
    values["idea_title"] = entry.title[:200]
    language = entry.owner.email_language if entry.owner_id else "en"
    values["summary_sv" if language == "sv" else "summary_en"] = entry.pitch
    return values


def _draft_create(*, decision: Decision, by) -> Winner:
    values = entry_prefill(decision.entry)
    placement = PLACEMENT_BY_OUTCOME[decision.outcome]
    winner = Winner.objects.create(
        category_id=decision.round.category_id,
        entry=decision.entry,
        placement=placement,
        position=POSITION_BY_PLACEMENT[placement],
        slug=_free_slug(decision=decision, values=values),
        publish_at=None,
        **values,
    )
    WinnerSource.objects.create(
        winner=winner, decision=decision, snapshot=decision.snapshot, prefilled=values
    )
    _audit(by=by, action="winner.draft_create", winner=winner, decision=decision)
    return winner


def _draft_refresh(*, winner: Winner, decision: Decision, by) -> Winner:
    source = getattr(winner, "source", None) or WinnerSource(winner=winner, prefilled={})
    if winner.publish_at is not None:  # published or scheduled: its text is the organiser's
        source.decision, source.snapshot = decision, decision.snapshot
        source.save()
        return winner
    fresh = entry_prefill(decision.entry)
    prefilled = dict(source.prefilled)
    for field in PAGE_FIELDS:
        if field in prefilled and getattr(winner, field) == prefilled[field]:
            setattr(winner, field, fresh[field])
            prefilled[field] = fresh[field]
    winner.placement = PLACEMENT_BY_OUTCOME[decision.outcome]
    winner.position = POSITION_BY_PLACEMENT[winner.placement]
    winner.save()
    source.decision, source.snapshot, source.prefilled = decision, decision.snapshot, prefilled
    source.save()
    _audit(by=by, action="winner.draft_update", winner=winner, decision=decision)
    return winner


def _draft_withdraw(*, winner: Winner, source: WinnerSource, by) -> None:
    if winner.publish_at is not None:
        return
    untouched = all(
        getattr(winner, field) == source.prefilled.get(field, "") for field in PAGE_FIELDS
    )
    if untouched and not winner.photos.exists() and not hasattr(winner, "team_check"):
        _audit(by=by, action="winner.draft_remove", winner=winner, decision=None)
        winner.delete()
        return
    source.decision = None
    source.save(update_fields=["decision", "updated_at"])
    _audit(by=by, action="winner.draft_unlink", winner=winner, decision=None)


def _free_slug(*, decision: Decision, values: dict) -> str:
    base = slugify(f"{values['names']} {values['idea_title']}")[:40].strip("-") or "winner"
    taken = set(
        Winner.objects.filter(
            category_id=decision.round.category_id, slug__startswith=base
        ).values_list("slug", flat=True)
    )
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _audit(*, by, action: str, winner: Winner, decision: Decision | None) -> None:
    audit_record(
        actor=by,
        action=action,
        target=winner,
        summary=str(winner),
        data={
            "winner": winner.pk,
            "names": winner.names,
            "placement": winner.placement,
            "entry": winner.entry_id,
            "decision": decision.pk if decision else None,
            "snapshot": decision.snapshot_id if decision else None,
        },
        edition=winner.category.edition,
    )


def edition_winner_drafts_sync(*, edition, by) -> list[Winner]:
    """Bring every final round's decisions of the edition into draft pages, as when they were
    recorded (for decisions taken before publishing was installed, or to refresh untouched
    drafts from the entries). Same rules and side effects as `winner_drafts_sync`."""
    touched = []
    with transaction.atomic():
        for round in Round.objects.filter(category__edition=edition).select_related("category"):
            touched += winner_drafts_sync(round=round, by=by)
    return touched
