"""Reads for the organiser's publication pages: winner pages with what they lack, the checklist."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from awards.enums import CallStatus
from awards.models import Edition, Winner, WinnerPhoto
from judging.enums import RoundStatus
from judging.models import Decision, Round
from publishing.enums import CorrectionStatus, PageStatus, TeamCheckStatus

# The texts a page needs in both languages before it may be published.
REQUIRED_TEXTS = ("summary", "citation", "story")


def winner_pages(*, edition: Edition):
    """The edition's winner pages with their category, photos, source and team check: five
    queries however many pages there are."""
    return (
        Winner.objects.filter(category__edition=edition)
        .select_related("category__edition__award", "entry", "source", "team_check")
        .prefetch_related(
            Prefetch("photos", queryset=WinnerPhoto.objects.order_by("position", "pk")),
            "team_check__corrections",
        )
        .order_by("category__position", "category__code", "position", "names")
    )


def winner_missing(winner: Winner) -> list[str]:
    """What the page lacks before publication, in words (photos and corrections prefetched)."""
    labels = {
        "summary": (_("summary in English"), _("summary in Swedish")),
        "citation": (_("jury citation in English"), _("jury citation in Swedish")),
        "story": (_("story in English"), _("story in Swedish")),
    }
    missing = []
    if not winner.names.strip():
        missing.append(_("winner names"))
    if not winner.idea_title.strip():
        missing.append(_("idea"))
    for name in REQUIRED_TEXTS:
        for language, label in zip(("en", "sv"), labels[name], strict=True):
            if not getattr(winner, f"{name}_{language}").strip():
                missing.append(label)
    for photo in winner.photos.all():
        if not (photo.alt_text_en.strip() and photo.alt_text_sv.strip()):
            missing.append(_("alternative text of a photo in both languages"))
            break
    return missing


def team_check_done(winner: Winner) -> bool:
    """Past winners without an entry have no team to ask; others need an answer or a waiver."""
    if winner.entry_id is None:
        return True
    check = getattr(winner, "team_check", None)
    if check is None:
        return False
    if check.status in (TeamCheckStatus.APPROVED, TeamCheckStatus.WAIVED):
        return True
    pending = [c for c in check.corrections.all() if c.status == CorrectionStatus.PENDING]
    return check.status == TeamCheckStatus.CORRECTIONS and not pending


def page_status(winner: Winner, *, now=None) -> PageStatus:
    now = now or timezone.now()
    if winner.publish_at is not None:
        return PageStatus.PUBLISHED if winner.is_published(now=now) else PageStatus.SCHEDULED
    return PageStatus.READY if not winner_missing(winner) else PageStatus.DRAFT


@dataclass
class WinnerRow:
    winner: Winner
    status: PageStatus
    missing: list[str]
    team_check_done: bool
    pending_corrections: int


def winner_rows(*, edition: Edition, now=None) -> list[WinnerRow]:
    rows = []
    for winner in winner_pages(edition=edition):
        check = getattr(winner, "team_check", None)
        pending = (
            sum(1 for c in check.corrections.all() if c.status == CorrectionStatus.PENDING)
            if check
            else 0
        )
        rows.append(
            WinnerRow(
                winner=winner,
                status=page_status(winner, now=now),
                missing=winner_missing(winner),
                team_check_done=team_check_done(winner),
                pending_corrections=pending,
            )
        )
    return rows


@dataclass
class ChecklistItem:
    label: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def edition_checklist(*, edition: Edition, now=None) -> list[ChecklistItem]:
    """What must hold before the edition's results and winner pages go public, each item with
    the problems that keep it from holding, named."""
    now = now or timezone.now()
    categories = list(edition.categories.select_related("edition").order_by("position", "code"))
    calls = ChecklistItem(_("Every call is closed"))
    for category in categories:
        status = category.call_status(now=now)
        if status == CallStatus.OPEN:
            calls.problems.append(
                _("The call of %(category)s is open until %(closes)s.")
                % {"category": category.name, "closes": _local(category.closes_at)}
            )
        elif status == CallStatus.UPCOMING:
            calls.problems.append(
                _("The call of %(category)s has not opened yet.") % {"category": category.name}
            )
    rounds = ChecklistItem(_("Every round is closed, and every final round has decisions"))
    all_rounds = list(
        Round.objects.filter(category__edition=edition)
        .select_related("category")
        .order_by("category__position", "position")
    )
    decided = set(
        Decision.objects.filter(round__category__edition=edition).values_list("round_id", flat=True)
    )
    final = {}
    for round in all_rounds:
        final[round.category_id] = round  # ordered by position: the last one stays
        if round.status == RoundStatus.OPEN:
            rounds.problems.append(
                _("The round %(round)s of %(category)s is open.")
                % {"round": round.name, "category": round.category.name}
            )
    for round in final.values():
        if round.status == RoundStatus.CLOSED and round.pk not in decided:
            rounds.problems.append(
                _("The final round %(round)s of %(category)s has no decisions.")
                % {"round": round.name, "category": round.category.name}
            )
    rows = winner_rows(edition=edition, now=now)
    pages = ChecklistItem(_("Every winner page is complete in both languages"))
    if not rows:
        pages.problems.append(_("There are no winner pages yet."))
    for row in rows:
        if row.missing:
            pages.problems.append(
                _("%(winner)s lacks: %(missing)s.")
                % {"winner": row.winner.names, "missing": ", ".join(row.missing)}
            )
    checks = ChecklistItem(_("Every team has checked its page, or the check was waived"))
    for row in rows:
        if not row.team_check_done:
            checks.problems.append(
                _("%(winner)s: the team's check is not done.") % {"winner": row.winner.names}
            )
    return [calls, rounds, pages, checks]


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i") + " " + _("(Stockholm time)")
