"""The demo's season in progress (registered into `awards.demo` by the console's AppConfig): the
2026 IDEA call open with its entry form, entries started and submitted over the past weeks, the
demo judge and chair on its jury, and a first round with some reviews in, so the organiser's
dashboard shows real figures. Run again, it changes nothing."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from accounts.models import User
from judging.enums import JuryRole, ReviewStatus
from judging.models import Assignment, Criterion, JuryMember, Review, Round, RoundEntry, Score
from submissions.enums import EntryStatus, QuestionKind, TeamRole
from submissions.models import Entry, EntryVersion, Question, TeamMember

IDEAS = [
    ("Quiet Streets", "Sensors that map noise street by street so that cities can calm it."),
    ("Green Roofs Huddinge", "Roof gardens on rented housing, planted and kept by tenants."),
    ("Clinic Queue", "Fewer missed appointments by letting patients swap their slot."),
    ("Bike Share Flemingsberg", "Electric bikes between the campus, the hospital and the station."),
    ("Lab Loop", "Laboratory plastics cleaned and used again instead of burned."),
    ("Study Buddy", "Students matched across programmes to study together."),
    ("Forest School", "Outdoor science lessons for primary schools in Botkyrka."),
]
SUBMITTED = 5  # the first five are submitted; the last two are drafts
REVIEWED = 3  # the demo judge has submitted reviews of the first three


def demo_season_in_progress(*, category, people, now: dt.datetime) -> None:
    """An edition under way for the demo's dashboard: an entry form, entries drafted and
    submitted, the demo jury, and a round with some reviews in. Once only."""
    # Kept as one script on purpose, like `awards.demo.demo_seed`: it stages a season in order.
    if category.entries.exists():
        return
    question = Question.objects.create(
        category=category,
        position=1,
        kind=QuestionKind.LONG_TEXT,
        label_en="Describe your idea",
        label_sv="Beskriv din idé",
        max_words=500,
    )
    entries = [
        _entry(category=category, question=question, n=n, title=title, pitch=pitch, now=now)
        for n, (title, pitch) in enumerate(IDEAS, start=1)
    ]
    for role, user in ((JuryRole.JUDGE, people["judge"]), (JuryRole.CHAIR, people["chair"])):
        JuryMember.objects.get_or_create(
            category=category,
            user=user,
            defaults={
                "email": user.email,
                "name": user.display_name,
                "role": role,
                "invited_at": now - dt.timedelta(days=20),
                "accepted_at": now - dt.timedelta(days=19),
            },
        )
    round_ = Round.objects.create(
        category=category,
        position=1,
        name_en="Shortlist",
        name_sv="Kortlista",
        opens_at=now - dt.timedelta(days=5),
        closes_at=category.closes_at + dt.timedelta(days=20),
        reviews_per_entry=1,
    )
    criteria = [
        Criterion.objects.create(
            round=round_,
            position=position,
            name_en=name_en,
            name_sv=name_sv,
            weight=weight,
            descriptors_en="Weak\nFair\nGood\nStrong\nOutstanding",
            descriptors_sv="Svag\nGodtagbar\nBra\nStark\nEnastående",
        )
        for position, (name_en, name_sv, weight) in enumerate(
            [("Originality", "Originalitet", 2), ("Benefit", "Nytta", 1)]
        )
    ]
    for index, entry in enumerate(entries[:SUBMITTED]):
        RoundEntry.objects.create(round=round_, entry=entry)
        assignment = Assignment.objects.create(
            round=round_, entry=entry, judge=people["judge"], created_by=people["chair"]
        )
        if index < REVIEWED:
            review = Review.objects.create(
                assignment=assignment,
                status=ReviewStatus.SUBMITTED,
                version=1,
                submitted_at=now - dt.timedelta(days=2 - index / 2),
                comment="A clear first step.",
            )
            for criterion, value in zip(criteria, (5 - index, 4), strict=True):
                Score.objects.create(review=review, criterion=criterion, value=Decimal(value))


def _entry(*, category, question, n: int, title: str, pitch: str, now) -> Entry:
    owner, _ = User.objects.get_or_create(
        email=f"team{n}@laurel.example",
        defaults={
            "display_name": f"Team {n}",
            "organisation": "Flemingsberg",
            "password": make_password(None),
        },
    )
    submitted = n <= SUBMITTED
    entry = Entry.objects.create(
        category=category,
        owner=owner,
        title=title,
        pitch=pitch,
        status=EntryStatus.SUBMITTED if submitted else EntryStatus.DRAFT,
    )
    TeamMember.objects.create(entry=entry, user=owner, role=TeamRole.OWNER)
    entry.answers.create(question=question, value=pitch)
    started = now - dt.timedelta(days=25 - 3 * n)
    fields = {"created_at": started}
    if submitted:
        code = category.edition.award.code
        fields |= {
            "number": n,
            "reference": f"{code}-{category.edition.year}-{category.code}-{n:04d}",
            "submitted_at": started + dt.timedelta(days=2),
            "revision": 1,
            "submitted_revision": 1,
        }
        EntryVersion.objects.create(
            entry=entry,
            number=1,
            submitted_by=owner,
            content={
                "title": title,
                "pitch": pitch,
                "organisation": "",
                "answers": [
                    {
                        "question": question.pk,
                        "label": question.label_en,
                        "kind": question.kind,
                        "value": pitch,
                    }
                ],
                "attachments": [],
                "team": [{"user": owner.pk, "name": str(owner), "role": "owner"}],
                "consent": {},
            },
        )
    Entry.objects.filter(pk=entry.pk).update(**fields)
    return entry
