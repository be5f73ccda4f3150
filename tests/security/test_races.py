"""Races through the real views: 20 identical requests released at the same moment, each from
its own signed-in client and database connection, have exactly one effect. Row locks are
PostgreSQL's; SQLite runs one writer at a time and cannot show the race."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.urls import reverse

from audit.models import AuditEvent
from judging.enums import ReviewStatus
from judging.models import JuryMember, Review, Score
from submissions.enums import EntryStatus, TeamRole
from submissions.models import Entry, EntryVersion, TeamInvitation, TeamMember
from tests.clients import LaurelClient as Client
from tests.factories import (
    CategoryFactory,
    EntryFactory,
    JuryMemberFactory,
    TeamInvitationFactory,
    UserFactory,
)
from tests.judging.builders import assign, judged_round

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]

RACERS = 20


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post_at_once(clients: list[Client], path: str, data: dict) -> list:
    """POST `data` to `path` from every client in its own thread, all released together by a
    barrier; each thread closes its database connection. Returns the responses in client order
    (an exception where a request raised)."""
    barrier = threading.Barrier(len(clients))
    responses: list = [None] * len(clients)

    def run(index: int, client: Client) -> None:
        try:
            barrier.wait()
            responses[index] = client.post(path, data)
        except Exception as error:  # noqa: BLE001 - the test reports it
            responses[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, client)) for index, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def _outcomes(responses) -> list[tuple[int, str, str]]:
    """(status, redirect target, the message flashed) of each response, sorted; a request that
    raised shows as (500, the exception's class, its text)."""
    return sorted(
        (500, type(response).__name__, str(response))
        if isinstance(response, Exception)
        else (
            response.status_code,
            response["Location"],
            " ".join(str(message) for message in get_messages(response.wsgi_request)),
        )
        for response in responses
    )


def test_twenty_simultaneous_submits_of_one_entry_make_one_version_and_one_receipt():
    entry = EntryFactory(title="Turn UP", pitch="Music for everyone in Flemingsberg.")
    clients = [_signed_in(entry.owner) for _ in range(RACERS)]
    path = reverse("submissions:entry-submit", kwargs={"pk": entry.pk})

    responses = _post_at_once(clients, path, {"revision": entry.revision})

    confirmation = reverse("submissions:entry-confirmation", kwargs={"pk": entry.pk})
    assert _outcomes(responses) == [(302, confirmation, "")] + [
        (302, confirmation, "This entry was already submitted, and nothing changed since.")
    ] * (RACERS - 1)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.number == 1
    assert entry.reference == (
        f"{entry.category.edition.award.code}-{entry.category.edition.year}-"
        f"{entry.category.code}-0001"
    )
    assert list(EntryVersion.objects.filter(entry=entry).values_list("number", flat=True)) == [1]
    assert Entry.objects.filter(reference=entry.reference).count() == 1
    assert AuditEvent.objects.filter(action="entry.submit", target_id=str(entry.pk)).count() == 1
    assert [message.to for message in mail.outbox] == [[entry.owner.email]]


def test_twenty_simultaneous_submits_of_one_review_submit_it_once():
    assignment = assign(round=judged_round(criteria=3))
    scores = dict(zip(assignment.round.criteria.all(), (4, 2, 5), strict=True))
    data = {f"score_{criterion.pk}": str(value) for criterion, value in scores.items()}
    data |= {"version": "0", "comment": "Strong and original.", "feedback": "Well argued."}
    clients = [_signed_in(assignment.judge) for _ in range(RACERS)]
    # The judge opened the review page (which creates the empty review), then the form is sent
    # 20 times: only the row lock stands between them.
    clients[0].get(reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk}))
    path = reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})

    responses = _post_at_once(clients, path, data)

    edit = reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})
    assert _outcomes(responses) == [(302, edit, "Review submitted. Thank you.")] + [
        (302, edit, "This review is already submitted.")
    ] * (RACERS - 1)
    review = Review.objects.get(assignment=assignment)
    assert (review.status, review.version, review.comment) == (
        ReviewStatus.SUBMITTED,
        1,
        "Strong and original.",
    )
    assert sorted(
        Score.objects.filter(review=review).values_list("criterion_id", "value")
    ) == sorted((criterion.pk, value) for criterion, value in scores.items())
    events = AuditEvent.objects.filter(action="review.submit", target_id=str(review.pk))
    assert [event.data["scores"] for event in events] == [
        {str(criterion.pk): str(value) for criterion, value in scores.items()}
    ]


def test_one_jury_invitation_accepted_by_twenty_accounts_at_once_binds_exactly_one():
    member = JuryMemberFactory(user=None, accepted_at=None, email="invited@example.org")
    users = [UserFactory() for _ in range(RACERS)]
    path = reverse("judging:invitation-accept", kwargs={"token": member.token})

    responses = _post_at_once([_signed_in(user) for user in users], path, {})

    welcome = (
        f"Welcome to the jury of {member.category.name}. Please declare any conflicts of interest."
    )
    assert _outcomes(responses) == [(302, reverse("judging:conflict-declare"), welcome)] + [
        (302, path, "This invitation has already been used.")
    ] * (RACERS - 1)
    member.refresh_from_db()
    winner = users[
        [response["Location"] for response in responses].index(reverse("judging:conflict-declare"))
    ]
    assert member.user == winner
    assert JuryMember.objects.filter(category=member.category, user__in=users).count() == 1
    assert AuditEvent.objects.filter(action="jury.accept").count() == 1


def test_one_team_invitation_accepted_by_twenty_accounts_at_once_lets_exactly_one_join():
    entry = EntryFactory(category=CategoryFactory(), title="Turn UP")
    invitation = TeamInvitationFactory(entry=entry, email="co-applicant@example.org")
    users = [UserFactory() for _ in range(RACERS)]
    path = reverse("submissions:invitation-accept", kwargs={"token": invitation.token})

    responses = _post_at_once([_signed_in(user) for user in users], path, {})

    assert _outcomes(responses) == sorted(
        [(302, entry.get_absolute_url(), "You have joined the team of this entry.")]
        + [(302, reverse("submissions:entry-list"), "This invitation has already been used.")]
        * (RACERS - 1)
    )
    invitation.refresh_from_db()
    winner = users[[response["Location"] for response in responses].index(entry.get_absolute_url())]
    assert invitation.accepted_by == winner
    assert sorted(TeamMember.objects.filter(entry=entry).values_list("user_id", "role")) == sorted(
        [(entry.owner_id, TeamRole.OWNER), (winner.pk, TeamRole.MEMBER)]
    )
    assert TeamInvitation.objects.filter(entry=entry, accepted_at__isnull=False).count() == 1
    assert AuditEvent.objects.filter(action="entry.join", target_id=str(entry.pk)).count() == 1
