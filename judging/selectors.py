"""Reads for judges and chairs. Each runs a fixed number of queries whatever the number of
entries, assignments or reviews."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from judging.access import assignments_for_judge, conflicted_entry_ids, jury_seats
from judging.enums import JuryRole, ReviewStatus, RoundStatus, Visibility
from judging.models import Assignment, Criterion, Review, Round, RoundEntry
from judging.scoring import weighted_score
from submissions.enums import QuestionKind
from submissions.models import Attachment, EntryVersion, Question


def _latest_version_field(key: str) -> Subquery:
    return Subquery(
        EntryVersion.objects.filter(entry=OuterRef("entry"))
        .order_by("-number")
        .values(f"content__{key}")[:1]
    )


@dataclass
class RoundAssignments:
    """One round on a judge's dashboard."""

    round: Round
    assignments: list = field(default_factory=list)

    @property
    def assigned(self) -> int:
        return len(self.assignments)

    @property
    def done(self) -> int:
        return sum(1 for a in self.assignments if a.review_status == ReviewStatus.SUBMITTED)


@dataclass(frozen=True)
class DashboardRow:
    """One assignment on a judge's dashboard: what the row shows, nothing more."""

    pk: int
    reference: str
    title: str
    review_status: str | None


def dashboard_for_judge(*, judge) -> list[RoundAssignments]:
    """The judge's assignments grouped by round, soonest deadline first, each with the title the
    jury reads (from the latest submitted version) and the state of the judge's review. Conflicted
    entries are left out. Two queries. Rows are plain values, not model instances: a judge may
    hold hundreds of assignments, and building an Assignment, Entry, Round, Category, Edition and
    Award for each cost more than the query itself."""
    rows = (
        assignments_for_judge(judge=judge)
        .select_related(None)
        .annotate(
            jury_title=_latest_version_field("title"),
            review_status=Subquery(
                Review.objects.filter(assignment=OuterRef("pk")).values("status")[:1]
            ),
        )
        .order_by("round__closes_at", "round_id", "entry__reference", "entry_id")
        .values_list(
            "pk", "round_id", "entry__reference", "entry__title", "jury_title", "review_status"
        )
    )
    blocks: dict[int, list[DashboardRow]] = {}
    for pk, round_id, reference, title, jury_title, review_status in rows:
        blocks.setdefault(round_id, []).append(
            DashboardRow(
                pk=pk,
                reference=reference or "",
                title=jury_title or title,
                review_status=review_status,
            )
        )
    rounds = Round.objects.select_related("category__edition__award").in_bulk(list(blocks))
    return [
        RoundAssignments(round=rounds[round_id], assignments=assignments)
        for round_id, assignments in blocks.items()
    ]


def rounds_chaired_by(*, user) -> list[Round]:
    """Rounds in categories where `user` holds an active chair's seat. One query."""
    chaired = jury_seats(user=user, role=JuryRole.CHAIR).values("category_id")
    return list(
        Round.objects.filter(category_id__in=chaired)
        .select_related("category__edition__award")
        .order_by("closes_at", "pk")
    )


@dataclass
class JuryAnswer:
    question: Question
    value: str
    attachments: list = field(default_factory=list)


@dataclass
class JuryAttachment:
    id: int
    label: str
    is_pdf: bool


@dataclass
class JuryEntry:
    """An entry as the jury reads it: its latest submitted version, identity removed when
    blind."""

    reference: str
    title: str
    pitch: str
    version_number: int | None
    submitted_at: object
    answers: list[JuryAnswer]
    attachments: list[JuryAttachment]
    organisation: str = ""
    team: list[str] = field(default_factory=list)


def _answer_map(content: dict) -> dict[int, object]:
    answers = content.get("answers") or {}
    if isinstance(answers, dict):
        pairs = answers.items()
    else:  # a list of {"question": id, "value": ...}
        pairs = ((item.get("question"), item.get("value")) for item in answers)
    result = {}
    for key, value in pairs:
        try:
            result[int(key)] = value
        except (TypeError, ValueError):
            continue
    return result


def _attachment_ids(content: dict) -> list[int]:
    ids = []
    for item in content.get("attachments") or []:
        raw = item.get("id") if isinstance(item, dict) else item
        try:
            ids.append(int(raw))
        except (TypeError, ValueError):
            continue
    return ids


def attachment_in_submitted_version(*, entry, attachment_id: int) -> Attachment | None:
    """The attachment when the entry's latest submitted version, the one the jury reads, names
    it; None for a file added to the draft since, or another entry's. Two queries."""
    version = entry.versions.order_by("-number").only("content").first()
    if version is None or attachment_id not in _attachment_ids(version.content):
        return None
    return Attachment.all_objects.filter(entry=entry, pk=attachment_id).first()


def _team_names(content: dict) -> list[str]:
    names = []
    for member in content.get("team") or []:
        if isinstance(member, dict):
            names.append(
                member.get("display_name") or member.get("name") or member.get("email") or ""
            )
        else:
            names.append(str(member))
    return [name for name in names if name]


def _display_value(question: Question, value) -> str:
    """An answer as text in the active language (choices are stored as the English text)."""
    if value in (None, "", []):
        return ""
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        english = [line.strip() for line in question.choices_en.splitlines()]
        translated = [line.strip() for line in (question.choices_sv or "").splitlines()]
        local = dict(zip(english, translated, strict=False))
        chosen = value if isinstance(value, list) else [value]
        if get_language() == "sv":
            chosen = [local.get(str(item)) or str(item) for item in chosen]
        return ", ".join(str(item) for item in chosen)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _content_type_label(content_type: str) -> str:
    known = {
        "application/pdf": "PDF",
        "image/png": "PNG",
        "image/jpeg": "JPEG",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    }
    return known.get(content_type, content_type.rsplit("/", 1)[-1].upper())


def entry_for_jury(*, entry, blind: bool) -> JuryEntry:
    """The latest submitted version of `entry` as the jury reads it. In a blind round no name,
    team, organisation, email or file name is included: attachments become "Attachment 1 (PDF)".
    Three queries (version, questions, attachments)."""
    version = entry.versions.order_by("-number").first()
    content = version.content if version else {}
    answers = _answer_map(content)
    questions = list(
        Question.objects.filter(category_id=entry.category_id).exclude(kind=QuestionKind.CHECKBOX)
    )
    # Only attachments named in the submitted version, and only this entry's.
    attachments = list(
        Attachment.all_objects.filter(entry=entry, pk__in=_attachment_ids(content))
        .only("id", "question_id", "content_type", "original_name")
        .order_by("created_at", "id")
    )
    jury_attachments = {}
    for number, attachment in enumerate(attachments, start=1):
        kind = _content_type_label(attachment.content_type)
        label = (
            _("Attachment %(number)s (%(kind)s)") % {"number": number, "kind": kind}
            if blind
            else f"{attachment.original_name} ({kind})"
        )
        jury_attachments[attachment.pk] = (
            attachment.question_id,
            JuryAttachment(
                id=attachment.pk, label=label, is_pdf=attachment.content_type == "application/pdf"
            ),
        )
    jury_answers = []
    for question in questions:
        files = [a for qid, a in jury_attachments.values() if qid == question.pk]
        if question.kind == QuestionKind.FILE:
            if files:
                jury_answers.append(JuryAnswer(question=question, value="", attachments=files))
            continue
        value = _display_value(question, answers.get(question.pk))
        jury_answers.append(JuryAnswer(question=question, value=value))
    question_ids = {q.pk for q in questions}
    loose = [a for qid, a in jury_attachments.values() if qid not in question_ids]
    return JuryEntry(
        reference=entry.reference or "",
        title=content.get("title") or entry.title,
        pitch=content.get("pitch") or "",
        version_number=version.number if version else None,
        submitted_at=version.submitted_at if version else None,
        answers=jury_answers,
        attachments=loose,
        organisation="" if blind else (content.get("organisation") or ""),
        team=[] if blind else _team_names(content),
    )


def others_scores_visible(*, round: Round, review: Review | None) -> bool:
    """Whether the round's visibility policy lets this judge see other judges' reviews now.

    "After the round closes" means the chair has closed it (status closed), not merely that the
    deadline passed: until then the chair can still reopen reviews."""
    if round.visibility == Visibility.AFTER_OWN_REVIEW:
        return review is not None and review.status == ReviewStatus.SUBMITTED
    if round.visibility == Visibility.AFTER_ROUND_CLOSES:
        return round.status == RoundStatus.CLOSED
    return False


@dataclass
class OtherReview:
    label: str
    scores: list  # (criterion, value or None), in the round's criteria order
    weighted: Decimal | None
    comment: str


def other_reviews(*, assignment: Assignment, criteria: list[Criterion]) -> list[OtherReview]:
    """Other judges' submitted reviews of the same entry in the same round, labelled "Judge A",
    "Judge B"... so names do not add weight to scores. The caller checks visibility first.
    Two queries."""
    reviews = (
        Review.objects.filter(
            assignment__round_id=assignment.round_id,
            assignment__entry_id=assignment.entry_id,
            status=ReviewStatus.SUBMITTED,
        )
        .exclude(assignment__judge_id=assignment.judge_id)
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    result = []
    for index, review in enumerate(reviews):
        values = {score.criterion_id: score.value for score in review.scores.all()}
        result.append(
            OtherReview(
                label=_("Judge %(letter)s") % {"letter": chr(ord("A") + index % 26)},
                scores=[(c, values.get(c.pk)) for c in criteria],
                weighted=weighted_score((c.weight, values.get(c.pk)) for c in criteria),
                comment=review.comment,
            )
        )
    return result


@dataclass
class JudgeProgress:
    judge: object
    assigned: int
    drafted: int
    submitted: int
    last_activity: object

    @property
    def unfinished(self) -> int:
        return self.assigned - self.submitted


@dataclass
class EntryProgress:
    round_entry: RoundEntry
    assignments: list
    received: int
    wanted: int
    conflicted: bool


def round_progress(*, round: Round, viewer) -> tuple[list[JudgeProgress], list[EntryProgress]]:
    """Per judge: assigned, drafted (saved at least once, not submitted), submitted and last
    activity; per entry: submitted reviews against the k wanted, with each assignment's review.
    Entries `viewer` is conflicted on come without their assignments. Four queries."""
    per_judge = (
        Assignment.objects.filter(round=round)
        .values("judge")
        .annotate(
            assigned=Count("id"),
            drafted=Count("id", filter=Q(review__status=ReviewStatus.DRAFT, review__version__gt=0)),
            submitted=Count("id", filter=Q(review__status=ReviewStatus.SUBMITTED)),
            last_activity=Max("review__updated_at"),
        )
        .order_by()
    )
    rows = {row["judge"]: row for row in per_judge}
    judges = get_user_model().objects.filter(pk__in=rows).order_by("display_name", "email")
    judge_rows = [
        JudgeProgress(
            judge=judge,
            assigned=rows[judge.pk]["assigned"],
            drafted=rows[judge.pk]["drafted"],
            submitted=rows[judge.pk]["submitted"],
            last_activity=rows[judge.pk]["last_activity"],
        )
        for judge in judges
    ]
    conflicted = conflicted_entry_ids(judge=viewer)
    round_entries = (
        RoundEntry.objects.filter(round=round)
        .select_related("entry")
        .annotate(jury_title=_latest_version_field("title"))
        .prefetch_related(
            Prefetch(
                "entry__assignments",
                queryset=Assignment.objects.filter(round=round)
                .select_related("judge", "review")
                .order_by("judge__display_name", "judge__email"),
                to_attr="round_assignments",
            )
        )
        .order_by("entry__reference", "entry_id")
    )
    entry_rows = []
    for round_entry in round_entries:
        assignments = round_entry.entry.round_assignments
        received = sum(
            1
            for a in assignments
            if hasattr(a, "review") and a.review.status == ReviewStatus.SUBMITTED
        )
        is_conflicted = round_entry.entry_id in conflicted
        entry_rows.append(
            EntryProgress(
                round_entry=round_entry,
                assignments=[] if is_conflicted else assignments,
                received=received,
                wanted=round.reviews_per_entry,
                conflicted=is_conflicted,
            )
        )
    return judge_rows, entry_rows
