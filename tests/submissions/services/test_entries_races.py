"""Races: several submits at the same moment. Row locks are PostgreSQL's; SQLite runs one writer
at a time and cannot show the race, so these tests run on PostgreSQL only."""

import threading

import pytest
from django.core import mail
from django.db import connection

from submissions.models import Entry, EntryVersion
from submissions.services.entries import entry_submit
from tests.factories import CategoryFactory, EntryFactory, TeamMemberFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]


def _at_once(calls) -> tuple[list, list]:
    """Run the calls in threads released together; return their results and errors."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_simultaneous_submits_of_one_entry_make_one_version_and_one_receipt():
    entry = EntryFactory(title="Turn UP", pitch="Music for all.")
    member = TeamMemberFactory(entry=entry).user
    owner = entry.owner

    def submit():
        return entry_submit(entry=Entry.objects.get(pk=entry.pk), user=owner).created

    created, errors = _at_once([submit] * 6)

    assert errors == []
    assert sorted(created) == [False] * 5 + [True]
    assert EntryVersion.objects.filter(entry=entry).count() == 1
    # One receipt for each person on the team.
    assert sorted(m.to for m in mail.outbox) == sorted([[owner.email], [member.email]])
    assert Entry.objects.get(pk=entry.pk).reference.endswith("-0001")


def test_simultaneous_submits_of_different_entries_get_distinct_numbers():
    category = CategoryFactory()
    entries = [EntryFactory(category=category) for _ in range(5)]

    def submitter(entry):
        return lambda: entry_submit(entry=entry, user=entry.owner).entry.number

    numbers, errors = _at_once([submitter(entry) for entry in entries])

    assert errors == []
    assert sorted(numbers) == [1, 2, 3, 4, 5]
