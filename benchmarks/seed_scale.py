"""Seed a full season in bulk: 10,000 entries, 100 judges, 50,000 reviews, 100 published winners.

    DATABASE_URL=postgres://... python benchmarks/seed_scale.py [--entries 10000] [--judges 100]

Everything it makes hangs off the award `scale-award` and users `@scale.example`; running it again
replaces them. Prints the time of each stage.
"""

import argparse
import datetime as dt
import random

from _setup import Progress, django_setup, print_table, timed

django_setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award, Category, Edition, Winner  # noqa: E402
from judging.enums import JuryRole, ReviewStatus  # noqa: E402
from judging.models import (  # noqa: E402
    Assignment,
    Criterion,
    JuryMember,
    Review,
    Round,
    RoundEntry,
    Score,
)
from submissions.enums import EntryStatus, QuestionKind, TeamRole  # noqa: E402
from submissions.models import Answer, Entry, EntryVersion, Question, TeamMember  # noqa: E402

BATCH = 2000
UNUSABLE_PASSWORD = "!"  # noqa: S105 (Django's marker for "no password")
SLUG = "scale-award"
DOMAIN = "scale.example"


def _bulk(model, objects, label):
    progress = Progress(label, len(objects))
    created = []
    for start in range(0, len(objects), BATCH):
        chunk = objects[start : start + BATCH]
        created.extend(model.objects.bulk_create(chunk))
        progress.advance(len(chunk))
    return created


def reset() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email__endswith="@" + DOMAIN).delete()


def seed(*, entries: int, judges: int, reviews_per_entry: int, categories: int, winners: int):
    rng = random.Random(2026)
    now = timezone.now()
    award = Award.objects.create(slug=SLUG, code="SCL", name_en="Scale Award", name_sv="Skalpriset")
    edition = Edition.objects.create(
        award=award,
        year=2030,
        call_opens_at=now - dt.timedelta(days=90),
        call_closes_at=now - dt.timedelta(days=30),
    )
    cats = [
        Category.objects.create(
            edition=edition, slug=f"c{i}", code=f"C{i}", name_en=f"Category {i}", position=i
        )
        for i in range(categories)
    ]
    questions = {
        cat.id: [
            Question.objects.create(
                category=cat, position=q, kind=QuestionKind.LONG_TEXT, label_en=f"Question {q}"
            )
            for q in range(3)
        ]
        for cat in cats
    }
    rounds = {}
    criteria = {}
    for cat in cats:
        rounds[cat.id] = Round.objects.create(
            category=cat,
            name_en="Screening",
            opens_at=now - dt.timedelta(days=20),
            closes_at=now + dt.timedelta(days=10),
            reviews_per_entry=reviews_per_entry,
        )
        criteria[cat.id] = [
            Criterion.objects.create(
                round=rounds[cat.id], position=c, name_en=f"C{c}", weight=c + 1
            )
            for c in range(4)
        ]

    entrant_users = _bulk(
        User,
        [
            User(
                email=f"entrant{i}@{DOMAIN}",
                password=UNUSABLE_PASSWORD,
                display_name=f"Entrant {i}",
            )
            for i in range(entries)
        ],
        "entrants",
    )
    judge_users = _bulk(
        User,
        [
            User(
                email=f"judge{i}@{DOMAIN}", password=UNUSABLE_PASSWORD, organisation=f"Org {i % 37}"
            )
            for i in range(judges)
        ],
        "judges",
    )
    per_category = [judge_users[i::categories] for i in range(categories)]
    _bulk(
        JuryMember,
        [
            JuryMember(
                category=cat,
                user=judge,
                email=judge.email,
                role=JuryRole.CHAIR if n == 0 else JuryRole.JUDGE,
                accepted_at=now,
            )
            for cat, panel in zip(cats, per_category, strict=True)
            for n, judge in enumerate(panel)
        ],
        "jury",
    )
    entry_objects = []
    for i, user in enumerate(entrant_users):
        cat = cats[i % categories]
        number = i // categories + 1
        entry_objects.append(
            Entry(
                category=cat,
                owner=user,
                status=EntryStatus.SUBMITTED,
                number=number,
                reference=f"SCL-2030-{cat.code}-{number:05d}",
                title=f"Idea {i}",
                pitch="A pitch " * 20,
                organisation=f"Org {i % 500}",
                submitted_at=now - dt.timedelta(days=31),
            )
        )
    entry_list = _bulk(Entry, entry_objects, "entries")
    _bulk(
        TeamMember,
        [TeamMember(entry=e, user_id=e.owner_id, role=TeamRole.OWNER) for e in entry_list],
        "team",
    )
    _bulk(
        Answer,
        [
            Answer(entry=e, question=q, value="An answer " * 30)
            for e in entry_list
            for q in questions[e.category_id]
        ],
        "answers",
    )
    _bulk(
        EntryVersion,
        [
            EntryVersion(entry=e, number=1, content={"title": e.title, "pitch": e.pitch})
            for e in entry_list
        ],
        "versions",
    )
    _bulk(
        RoundEntry,
        [RoundEntry(round=rounds[e.category_id], entry=e) for e in entry_list],
        "in round",
    )
    assignments = []
    for e in entry_list:
        panel = per_category[cats.index(next(c for c in cats if c.id == e.category_id))]
        for judge in rng.sample(panel, min(reviews_per_entry, len(panel))):
            assignments.append(Assignment(round=rounds[e.category_id], entry=e, judge=judge))
    assignments = _bulk(Assignment, assignments, "assignments")
    reviews = _bulk(
        Review,
        [
            Review(assignment=a, status=ReviewStatus.SUBMITTED, submitted_at=now, version=1)
            for a in assignments
        ],
        "reviews",
    )
    category_of = {a.id: a.entry.category_id for a in assignments}
    _bulk(
        Score,
        [
            Score(review=r, criterion=c, value=rng.randint(1, 5))
            for r in reviews
            for c in criteria[category_of[r.assignment_id]]
        ],
        "scores",
    )
    archive = []
    for year in range(2000, 2000 + max(1, winners // 5)):
        past = Edition.objects.create(
            award=award,
            year=year,
            call_opens_at=dt.datetime(year, 2, 1, tzinfo=dt.UTC),
            call_closes_at=dt.datetime(year, 4, 1, tzinfo=dt.UTC),
            results_publish_at=dt.datetime(year, 11, 1, tzinfo=dt.UTC),
        )
        category = Category.objects.create(edition=past, slug="idea", code="IDEA", name_en="IDEA")
        archive += [
            Winner(
                category=category,
                slug=f"winner-{year}-{n}",
                names=f"Winner {year} {n}",
                idea_title=f"Idea {year}/{n}",
                citation_en="For an idea.",
                publish_at=past.results_publish_at,
                position=n,
            )
            for n in range(5)
        ]
    _bulk(Winner, archive[:winners], "winners")
    return {"entries": len(entry_list), "reviews": len(reviews), "winners": len(archive[:winners])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--judges", type=int, default=100)
    parser.add_argument("--reviews-per-entry", type=int, default=5)
    parser.add_argument("--categories", type=int, default=5)
    parser.add_argument("--winners", type=int, default=100)
    args = parser.parse_args()
    timings: list = []
    with timed(timings, "remove the previous season"):
        reset()
    with timed(timings, "seed"), transaction.atomic():
        counts = seed(
            entries=args.entries,
            judges=args.judges,
            reviews_per_entry=args.reviews_per_entry,
            categories=args.categories,
            winners=args.winners,
        )
    print_table(
        "seed_scale",
        [(label, f"{seconds:.1f} s") for label, seconds in timings]
        + [(name, count) for name, count in counts.items()],
        ("stage", "value"),
    )


if __name__ == "__main__":
    main()
