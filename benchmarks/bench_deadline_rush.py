"""The deadline rush: entrants submitting in the last minute against gunicorn + PostgreSQL.

    DATABASE_URL=postgres://... python benchmarks/bench_deadline_rush.py \\
        [--entrants 200] [--late 20] [--window 60] [--threads 64] [--worker-threads 4]

Makes a category whose deadline is `--window` seconds ahead and `--entrants` entrants, each with
a complete draft (every question answered), signed in by sessions made here. Each entrant opens
the review page (the CSRF token and the entry's revision come from it), reads it for 2 to 10
seconds and presses submit: half of the on-time entrants at random moments over the window, half
in its last five seconds, and `--late` of them 0.5 to 5 seconds after the deadline. gunicorn
runs 2 workers with `--worker-threads` threads each (4, as README recommends; 1 for sync
workers) with production settings. Afterwards the database is checked: every
accepted submit (redirected to the confirmation page) has exactly one submitted entry with one
version and a unique reference, no submitted entry is unaccounted for, and none was submitted
at or after the deadline.

Everything it makes hangs off the award `rush-bench` and is removed at the end.
"""

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from _setup import (  # noqa: E402
    PRODUCTION_ENV,
    ROOT,
    VENV_BIN,
    collectstatic,
    django_setup,
    free_port,
    print_table,
    production_mode,
    session_for,
    wait_for_port,
)

production_mode()

django_setup()

import requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from audit.models import AuditEvent  # noqa: E402
from awards.models import Award, Category, Edition  # noqa: E402
from outbox.models import OutgoingEmail  # noqa: E402
from submissions.enums import EntryStatus, QuestionKind, TeamRole  # noqa: E402
from submissions.models import Answer, Entry, EntryVersion, Question, TeamMember  # noqa: E402

SLUG = "rush-bench"
DOMAIN = "rush-bench.example"
UNUSABLE_PASSWORD = "!"  # noqa: S105 (Django's marker for "no password")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d+)"')


def cleanup() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email__endswith="@" + DOMAIN).delete()
    receipts().delete()


def receipts():
    """The receipt emails the server wrote into the outbox for our entrants (one per entrant:
    each entry here has a team of one)."""
    return OutgoingEmail.objects.filter(
        to__endswith="@" + DOMAIN, idempotency_key__startswith="entry_receipt:"
    )


def make_world(entrants: int) -> tuple[Category, list[Entry]]:
    """An open category with three questions and `entrants` complete drafts, one per entrant."""
    cleanup()
    now = timezone.now()
    award = Award.objects.create(slug=SLUG, code="RSH", name_en="Rush bench", name_sv="Rusning")
    edition = Edition.objects.create(
        award=award,
        year=2032,
        call_opens_at=now - dt.timedelta(days=30),
        call_closes_at=now + dt.timedelta(days=1),
    )
    category = Category.objects.create(edition=edition, slug="rush", code="R", name_en="Rush")
    questions = [
        Question.objects.create(
            category=category, position=0, kind=QuestionKind.SHORT_TEXT, label_en="Team name"
        ),
        Question.objects.create(
            category=category, position=1, kind=QuestionKind.LONG_TEXT, label_en="The idea"
        ),
        Question.objects.create(
            category=category, position=2, kind=QuestionKind.LONG_TEXT, label_en="The market"
        ),
    ]
    users = User.objects.bulk_create(
        User(email=f"entrant{i}@{DOMAIN}", display_name=f"Entrant {i}", password=UNUSABLE_PASSWORD)
        for i in range(entrants)
    )
    entries = Entry.objects.bulk_create(
        Entry(
            category=category,
            owner=user,
            title=f"Idea {i}",
            pitch="A short pitch for the jury. " * 5,
            organisation=f"Lab {i % 17}",
        )
        for i, user in enumerate(users)
    )
    TeamMember.objects.bulk_create(
        TeamMember(entry=entry, user_id=entry.owner_id, role=TeamRole.OWNER) for entry in entries
    )
    Answer.objects.bulk_create(
        Answer(entry=entry, question=question, value=f"Answer to {question.label_en}. " * 20)
        for entry in entries
        for question in questions
    )
    return category, entries


def submit(base: str, entry_pk: int, cookie: str, opens: float, presses: float) -> dict:
    """At `opens` (time.monotonic()) open the review page; at `presses`, POST its submit form
    (the CSRF token and the revision the page gave)."""
    review = reverse("submissions:entry-review", kwargs={"pk": entry_pk})
    confirmation = reverse("submissions:entry-confirmation", kwargs={"pk": entry_pk})
    outcome = {"entry": entry_pk}
    try:
        time.sleep(max(0.0, opens - time.monotonic()))
        page = requests.get(base + review, headers={"Cookie": cookie}, timeout=120)
        token, revision = TOKEN.search(page.text), REVISION.search(page.text)
        if page.status_code == 200 and "has passed" in page.text and revision is None:
            # The page was served after the deadline: it no longer offers the submit button.
            outcome["result"] = "closed"
            return outcome
        if page.status_code != 200 or token is None or revision is None:
            outcome |= {"result": "error", "error": f"no submit form ({page.status_code})"}
            return outcome
        csrf = page.cookies.get("csrftoken", "")
        time.sleep(max(0.0, presses - time.monotonic()))
        outcome["sent"] = time.monotonic()
        response = requests.post(
            base + reverse("submissions:entry-submit", kwargs={"pk": entry_pk}),
            data={"csrfmiddlewaretoken": token.group(1), "revision": revision.group(1)},
            headers={"Cookie": f"{cookie}; csrftoken={csrf}"},
            allow_redirects=False,
            timeout=120,
        )
        outcome["latency"] = time.monotonic() - outcome["sent"]
        location = response.headers.get("Location", "")
        if response.status_code == 302 and location == confirmation:
            outcome["result"] = "accepted"
        elif response.status_code == 302 and location == review:
            outcome["result"] = "refused"
        else:
            outcome |= {"result": "error", "error": f"{response.status_code} {location}"}
    except requests.RequestException as error:
        outcome |= {"result": "error", "error": repr(error)}
    return outcome


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entrants", type=int, default=200)
    parser.add_argument("--late", type=int, default=20, help="entrants who submit too late")
    parser.add_argument("--window", type=float, default=60.0, help="seconds to the deadline")
    parser.add_argument("--threads", type=int, default=64, help="entrants sending at once")
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. laurel_bench)")
    rng = random.Random(2026)
    category, entries = make_world(args.entrants)
    owners = {user.pk: user for user in User.objects.filter(email__endswith="@" + DOMAIN)}
    cookies = {
        entry.pk: "sessionid="
        + session_for(entry.owner_id, owners[entry.owner_id].get_session_auth_hash())
        for entry in entries
    }
    collectstatic(PRODUCTION_ENV)
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "config.wsgi", "-w", "2", "--timeout", "120",
         "--threads", str(args.worker_threads), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port)
        for _ in range(4):  # warm both workers up
            requests.get(f"{base}/robots.txt", timeout=60)
            requests.get(
                base + reverse("submissions:entry-review", kwargs={"pk": entries[0].pk}),
                headers={"Cookie": cookies[entries[0].pk]},
                timeout=60,
            )
        # The deadline is set now, `--window` seconds ahead; the server's clock decides.
        start = time.monotonic()
        deadline = timezone.now() + dt.timedelta(seconds=args.window)
        Category.objects.filter(pk=category.pk).update(call_closes_at=deadline)
        order = list(entries)
        rng.shuffle(order)
        late, on_time = order[: args.late], order[args.late :]
        schedule = {}
        for n, entry in enumerate(on_time):
            if n % 2:
                schedule[entry.pk] = start + rng.uniform(0, args.window - 5)
            else:
                schedule[entry.pk] = start + rng.uniform(args.window - 5, args.window - 0.2)
        for entry in late:
            schedule[entry.pk] = start + args.window + rng.uniform(0.5, 5)
        # Entrants read the review page for 2-10 s before pressing submit; the late ones opened
        # it before the deadline (a tab left open), so they still hold the form.
        opens = {pk: at - rng.uniform(2, 10) for pk, at in schedule.items()}
        for entry in late:
            opens[entry.pk] = min(opens[entry.pk], start + args.window - rng.uniform(1, 3))
        lock = threading.Lock()
        outcomes = []

        def task(entry_pk):
            outcome = submit(base, entry_pk, cookies[entry_pk], opens[entry_pk], schedule[entry_pk])
            with lock:
                outcomes.append(outcome)

        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            for entry_pk in sorted(opens, key=opens.get):
                pool.submit(task, entry_pk)
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=30)

    try:
        rows, problems = check(category, deadline, outcomes, schedule, start, args.window)
    finally:
        cleanup()
    print_table(
        f"Deadline rush: {args.entrants} entrants, deadline {args.window:.0f} s ahead, "
        f"gunicorn -w 2 --threads {args.worker_threads}, PostgreSQL; {elapsed:.0f} s in all",
        rows,
        ("measure", "value"),
    )
    errors = Counter(o["error"] for o in outcomes if o["result"] == "error")
    for error, count in errors.most_common():
        print(f"error x{count}: {error}")
    print("\nchecks: " + ("all passed" if not problems else "FAILED"))
    for problem in problems:
        print(f"  - {problem}")
    if problems:
        sys.exit(1)


def check(category, deadline, outcomes, schedule, start, window) -> tuple[list, list[str]]:
    """The table's rows and the list of broken promises (empty when all hold)."""
    by_result = Counter(outcome["result"] for outcome in outcomes)
    accepted = {o["entry"] for o in outcomes if o["result"] == "accepted"}
    sent_late = {pk for pk, at in schedule.items() if at >= start + window}
    submitted = dict(
        Entry.objects.filter(category=category, status=EntryStatus.SUBMITTED).values_list(
            "pk", "submitted_at"
        )
    )
    versions = dict(
        EntryVersion.objects.filter(entry__category=category)
        .values("entry")
        .annotate(n=Count("pk"))
        .values_list("entry", "n")
    )
    references = list(
        Entry.objects.filter(category=category, reference__gt="").values_list(
            "reference", flat=True
        )
    )
    numbers = sorted(
        Entry.objects.filter(category=category, number__isnull=False).values_list(
            "number", flat=True
        )
    )
    audits = AuditEvent.objects.filter(
        action="entry.submit", target_id__in=[str(pk) for pk in schedule]
    ).count()
    receipt_count = receipts().count()
    problems = []
    if by_result["error"]:
        problems.append(f"{by_result['error']} entrants got an error instead of an answer")
    if not accepted:
        problems.append("no submit was accepted")
    if receipt_count != len(submitted):
        problems.append(f"{receipt_count} receipt emails queued for {len(submitted)} entries")
    if set(submitted) != accepted:
        problems.append(
            f"accepted but not stored: {sorted(accepted - set(submitted))}; "
            f"stored but not accepted: {sorted(set(submitted) - accepted)}"
        )
    if any(versions.get(pk) != 1 for pk in submitted) or set(versions) != set(submitted):
        problems.append(f"entries without exactly one version: {versions}")
    if len(references) != len(set(references)) or len(references) != len(submitted):
        problems.append(f"{len(references)} references for {len(submitted)} submitted entries")
    if numbers != list(range(1, len(submitted) + 1)):
        problems.append(f"entry numbers are not 1..{len(submitted)}: {numbers}")
    after = [pk for pk, at in submitted.items() if at >= deadline]
    if after:
        problems.append(f"submitted at or after the deadline: {after}")
    if accepted & sent_late:
        problems.append(f"sent after the deadline yet accepted: {sorted(accepted & sent_late)}")
    if audits != len(submitted):
        problems.append(f"{audits} entry.submit audit events for {len(submitted)} entries")
    latencies = [o["latency"] for o in outcomes if "latency" in o]
    on_time_refused = sum(
        1 for o in outcomes if o["result"] == "refused" and o["entry"] not in sent_late
    )
    last_accepted = max(submitted.values(), default=None)
    rows = [
        ("entrants", len(outcomes)),
        ("submits sent", sum(1 for o in outcomes if "sent" in o)),
        ("accepted (302 to the confirmation)", by_result["accepted"]),
        ("refused after the deadline (302 back to review)", by_result["refused"]),
        ("  of which sent before it, processed after", on_time_refused),
        ("review page served after the deadline, no button", by_result["closed"]),
        ("errors (other status or no answer)", by_result["error"]),
        ("submitted entries in the database", len(submitted)),
        ("  with exactly one version", sum(1 for pk in submitted if versions.get(pk) == 1)),
        ("  distinct references", len(set(references))),
        ("  submitted at or after the deadline", len(after)),
        ("receipt emails queued", receipt_count),
        (
            "last accepted before the deadline by",
            f"{(deadline - last_accepted).total_seconds():.3f} s" if last_accepted else "",
        ),
        ("submit latency p50", f"{percentile(latencies, 0.50) * 1000:.0f} ms"),
        ("submit latency p95", f"{percentile(latencies, 0.95) * 1000:.0f} ms"),
        ("submit latency max", f"{max(latencies, default=0) * 1000:.0f} ms"),
    ]
    return rows, problems


if __name__ == "__main__":
    main()
