"""The judge's dashboard: the rounds of their juries, and their assignments, what needs doing
first at the top, one page at a time.

The rounds (with what the headings show) are read on every request, in one query that also
reads what the assignments depend on: each round's results revision, which the database moves
on in the transaction of every change to the round's assignments, reviews, round entries and
conflicts (`RoundResultsRevision`), and the judge's confirmed conflicts. The counts and the
page's rows are cached in the shared cache under those: a warm dashboard reads no assignment.

Why a judge never sees a stale state: the revisions are read before any assignment, as on the
results page (`judging.selectors.results_state`), so what is stored under a key is never older
than the key. Titles, which entrants may still change after submitting where the category
allows, are read from entry versions that move no revision: they may lag by ROWS_CACHE_SECONDS.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.models import Award, Category, Edition
from judging.access import assignments_for_judge
from judging.enums import ConflictStatus, JuryRole, ReviewStatus
from judging.models import Round
from judging.selectors.entries import latest_version_field

# What a judge should do first: reviews in progress, then those not started, then those done.
STATE_ORDER = ("draft", "new", ReviewStatus.SUBMITTED)
DASHBOARD_PAGE_SIZE = 50
ROWS_CACHE_SECONDS = 5 * 60


@dataclass
class RoundProgress:
    """One round on a judge's dashboard: how many of its assignments are in each state."""

    round: Round
    counts: dict = field(default_factory=dict)

    @property
    def assigned(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts.get(ReviewStatus.SUBMITTED, 0)


@dataclass(frozen=True)
class DashboardRow:
    """One assignment on a judge's dashboard: what the row shows, nothing more."""

    pk: int
    round_id: int
    reference: str
    title: str
    state: str  # one of STATE_ORDER


@dataclass(frozen=True)
class Assignments:
    """What the cache keeps: counts per round and state, and one page of rows."""

    per_round: dict  # round id -> {state: number}
    rows: tuple[DashboardRow, ...]
    page: int
    pages: int


@dataclass
class Dashboard:
    rounds: list[RoundProgress]  # rounds the judge has assignments in, soonest deadline first
    chaired: list[Round]  # rounds in categories where the judge holds a chair's seat
    counts: dict  # state -> number of assignments, over every round
    rows: list[DashboardRow]  # the page asked for, in the order of STATE_ORDER
    page: int
    pages: int
    key: str  # the cache key of the counts and rows: it changes whenever they may


# The user's confirmed conflicts as a count and a sum of entry ids: both change with every
# conflict confirmed or lifted. Two columns for any SELECT; parameters CONFLICT_PARAMS.
CONFLICT_COLUMNS = (
    "(SELECT COUNT(*) FROM judging_conflict f WHERE f.judge_id = %s AND f.status = %s), "
    "(SELECT COALESCE(SUM(f.entry_id), 0) FROM judging_conflict f "
    "WHERE f.judge_id = %s AND f.status = %s)"
)
# Only constants are joined here (no user input): hence the noqa.
SEATED_ROUNDS_SQL = (
    "SELECT r.id, r.name_en, r.name_sv, r.closes_at, r.status, r.mode, c.id, c.name_en, "  # noqa: S608
    "c.name_sv, e.id, e.year, a.id, a.name_en, a.name_sv, "
    "COALESCE((SELECT v.revision FROM judging_roundresultsrevision v WHERE v.round_id = r.id), 0), "
    + CONFLICT_COLUMNS
    + ", EXISTS(SELECT 1 FROM judging_jurymember s WHERE s.category_id = r.category_id "
    "AND s.user_id = %s AND s.active AND s.role = %s) "
    "FROM judging_round r "
    "JOIN awards_category c ON c.id = r.category_id "
    "JOIN awards_edition e ON e.id = c.edition_id "
    "JOIN awards_award a ON a.id = e.award_id "
    "WHERE r.category_id IN "
    "(SELECT s.category_id FROM judging_jurymember s WHERE s.user_id = %s AND s.active) "
    "ORDER BY r.closes_at, r.id"
)


def conflict_params(*, user) -> list:
    return [user.pk, ConflictStatus.CONFIRMED] * 2


def _aware(value):
    """A datetime read by raw SQL: PostgreSQL gives it aware, SQLite naive (in UTC) or text."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return timezone.make_aware(value, dt.UTC) if timezone.is_naive(value) else value


def seated_rounds(*, user) -> list[Round]:
    """Every round of the juries the user holds an active seat on, soonest deadline first, as
    unsaved instances holding what the headings show (name, deadline, status, mode, category,
    edition and award names), with `chaired`, `revision` (the round's results revision) and
    `conflicts` (CONFLICT_COLUMNS). One query, in SQL: built by the ORM it costs six times as
    much, on every dashboard."""
    if not user.is_authenticated:
        return []
    params = [*conflict_params(user=user), user.pk, JuryRole.CHAIR, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(SEATED_ROUNDS_SQL, params)
        rows = cursor.fetchall()
    rounds = []
    for row in rows:
        (pk, name_en, name_sv, closes_at, status, mode, category_id, category_en, category_sv) = (
            row[:9]
        )
        edition_id, year, award_id, award_en, award_sv, revision, n, total, chaired = row[9:]
        award = Award(pk=award_id, name_en=award_en, name_sv=award_sv)
        edition = Edition(pk=edition_id, year=year, award=award)
        category = Category(
            pk=category_id, name_en=category_en, name_sv=category_sv, edition=edition
        )
        round = Round(
            pk=pk,
            name_en=name_en,
            name_sv=name_sv,
            closes_at=_aware(closes_at),
            status=status,
            mode=mode,
            category=category,
        )
        round.revision, round.conflicts, round.chaired = revision, (n, int(total)), bool(chaired)
        rounds.append(round)
    return rounds


def _state():
    """The assignment's state as STATE_ORDER names it, and its place in that order."""
    status = Coalesce("review__status", Value("new"))
    rank = Case(
        *(When(review__status=s, then=Value(i)) for i, s in enumerate(STATE_ORDER) if s != "new"),
        default=Value(STATE_ORDER.index("new")),
        output_field=IntegerField(),
    )
    return status, rank


def _assignments(*, judge, page: int, state: str | None, per_page: int) -> Assignments:
    """Counts per round and state, and the page's rows (titles as the jury reads them, from the
    latest submitted version, read for that page only). Two queries."""
    status, rank = _state()
    mine = assignments_for_judge(judge=judge).select_related(None).annotate(state=status)
    tally = mine.values("round_id", "state").annotate(n=Count("pk")).order_by()
    per_round: dict[int, dict] = {}
    for row in tally:
        per_round.setdefault(row["round_id"], {})[row["state"]] = row["n"]
    total = sum(c.get(state, 0) if state else sum(c.values()) for c in per_round.values())
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = ()
    if total:
        listed = mine.filter(state=state) if state else mine
        start = (page - 1) * per_page
        listed = (
            listed.annotate(rank=rank, jury_title=latest_version_field("title"))
            .order_by("rank", "round__closes_at", "round_id", "entry__reference", "entry_id")
            .values_list(
                "pk", "round_id", "entry__reference", "entry__title", "jury_title", "state"
            )
        )[start : start + per_page]
        rows = tuple(
            DashboardRow(
                pk=pk,
                round_id=round_id,
                reference=reference or "",
                title=jury_title or title,
                state=row_state,
            )
            for pk, round_id, reference, title, jury_title, row_state in listed
        )
    return Assignments(per_round=per_round, rows=rows, page=page, pages=pages)


def _key(*, judge, rounds: list[Round], page: int, state: str | None, per_page: int) -> str:
    # Round names label the rows when there are several rounds.
    inputs = [(r.pk, r.revision, r.conflicts, r.name_en, r.name_sv) for r in rounds]
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()[:32]
    return f"laurel:jury-dashboard:{judge.pk}:{state or 'all'}:{page}:{per_page}:{digest}"


def dashboard_for_judge(
    *, judge, page: int = 1, state: str | None = None, per_page: int = DASHBOARD_PAGE_SIZE
) -> Dashboard:
    """The judge's dashboard: each round with its counts per state, and one page of
    assignments, what needs doing first at the top (in progress, not started, done), optionally
    of one state only. Conflicted entries are left out. One query when the cache holds the
    assignments (module docstring), three when it does not, whatever their number. Rows are
    plain values, not model instances."""
    state = state if state in STATE_ORDER else None
    rounds = seated_rounds(user=judge)  # before any assignment: see the module docstring
    key = _key(judge=judge, rounds=rounds, page=page, state=state, per_page=per_page)
    assignments = cache.get(key)
    if assignments is None:
        assignments = _assignments(judge=judge, page=page, state=state, per_page=per_page)
        cache.set(key, assignments, ROWS_CACHE_SECONDS)
    per_round = assignments.per_round
    return Dashboard(
        rounds=[
            RoundProgress(round=r, counts=per_round[r.pk]) for r in rounds if r.pk in per_round
        ],
        chaired=[r for r in rounds if r.chaired],
        counts={s: sum(c.get(s, 0) for c in per_round.values()) for s in STATE_ORDER},
        rows=list(assignments.rows),
        page=assignments.page,
        pages=assignments.pages,
        key=key,
    )
