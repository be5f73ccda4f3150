"""A large round's analysis is left to the task worker (judging/results_prepare.py): the page
says it is coming, asks until it is there, and never shows an analysis older than the scores.

The dummy task backend keeps what is queued without running it, as a worker that has not got
to it yet; the tests then run the queued task themselves, as the worker would."""

from decimal import Decimal

import numpy
import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks import task_backends

from judging.models import Score
from judging.results_prepare import results_prepare
from tests.factories import UserFactory
from tests.judging.views.test_results import chair, close, results_url, scored  # noqa: F401

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def worker():
    """The queue as a worker that has not started yet sees it."""
    with override_settings(TASKS=QUEUED, RESULTS_BACKGROUND_MIN_ENTRIES=2):
        backend = task_backends["default"]
        backend.clear()
        yield backend


def run_queued(backend) -> int:
    """Run what is queued, as the worker would; returns how many tasks ran."""
    queued = list(backend.results)
    backend.clear()
    for result in queued:
        assert result.task.module_path == "judging.results_prepare.results_prepare"
        result.task.call(*result.args, **result.kwargs)
    return len(queued)


def to_the_top(round, entry):
    """Scores change under the analysis: `entry` gets the best of every score, the rest the
    worst."""
    scores = Score.objects.filter(review__assignment__round=round)
    scores.update(value=Decimal("1"))
    scores.filter(review__assignment__entry=entry).update(value=Decimal("5"))


def ready_url(round, query=""):
    return reverse("judging:round-results-ready", args=[round.pk]) + query


def test_large_round_waits_for_the_worker_then_shows_the_ranking(client, scored, chair, worker):  # noqa: F811
    round, _judges, entries = scored
    client.force_login(chair)

    waiting = client.get(results_url(round))
    asked = client.get(ready_url(round), headers={"HX-Request": "true"})
    assert run_queued(worker) == 1
    answered = client.get(ready_url(round), headers={"HX-Request": "true"})
    shown = client.get(results_url(round))

    content = waiting.content.decode()
    assert waiting.status_code == 200
    assert "The analysis is being computed for the latest scores." in content
    assert 'hx-get="' + ready_url(round, "?") + '"' in content
    assert "view" not in waiting.context
    assert asked.status_code == 204
    assert answered.status_code == 200 and answered["HX-Refresh"] == "true"
    assert [row["reference"] for row in shown.context["view"].rows] == [
        entries["First"].reference,
        entries["Third"].reference,
        entries["Second"].reference,
    ]
    assert worker.results == []  # shown from what the worker stored: nothing queued again


def test_polls_and_a_second_chair_queue_the_analysis_once(client, scored, chair, worker):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    client.get(results_url(round))
    for _ in range(3):
        client.get(ready_url(round), headers={"HX-Request": "true"})
    client.get(results_url(round))

    assert len(worker.results) == 1


def test_a_score_changed_while_the_worker_runs_is_never_hidden(client, scored, chair, worker):  # noqa: F811
    round, judges, entries = scored
    client.force_login(chair)
    client.get(results_url(round))
    # The last entry's scores go to the top before the worker gets to the queued analysis.
    to_the_top(round, entries["Second"])

    run_queued(worker)
    shown = client.get(results_url(round))

    assert shown.context["view"].rows[0]["reference"] == entries["Second"].reference


def test_a_score_changed_after_the_analysis_queues_it_again(client, scored, chair, worker):  # noqa: F811
    round, _judges, entries = scored
    client.force_login(chair)
    client.get(results_url(round))
    run_queued(worker)
    client.get(results_url(round))

    to_the_top(round, entries["Second"])
    waiting = client.get(results_url(round))
    run_queued(worker)
    shown = client.get(results_url(round))

    assert "The analysis is being computed" in waiting.content.decode()
    assert shown.context["view"].rows[0]["reference"] == entries["Second"].reference


def test_a_failed_analysis_says_so_and_can_be_tried_again(
    client,
    scored,  # noqa: F811
    chair,  # noqa: F811
    worker,
    monkeypatch,
):
    round, _judges, entries = scored
    client.force_login(chair)
    client.get(results_url(round))

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    # The worker runs out of memory in the bootstrap.
    with monkeypatch.context() as patch:
        patch.setattr(numpy.random, "default_rng", out_of_memory)
        with pytest.raises(MemoryError):
            run_queued(worker)
    asked = client.get(ready_url(round), headers={"HX-Request": "true"})
    page = client.get(results_url(round))
    retry = page.context["retry_url"]
    again = client.get(retry)
    queued_again = len(worker.results)
    run_queued(worker)
    shown = client.get(results_url(round))

    assert "could not be computed" in asked.content.decode()
    assert 'role="alert"' in asked.content.decode() and "hx-get" not in asked.content.decode()
    assert "could not be computed" in page.content.decode() and "retry=1" in retry
    assert "The analysis is being computed" in again.content.decode()
    assert queued_again == 1
    assert shown.context["view"].rows[0]["reference"] == entries["First"].reference


def test_decisions_are_not_held_back(client, scored, chair, worker):  # noqa: F811
    round, _judges, entries = scored
    close(round)
    client.force_login(chair)

    response = client.post(
        results_url(round),
        {"entries": [entries["First"].pk], "outcome": "advance", "reason": "The strongest."},
    )

    assert response.status_code == 302
    assert worker.results == []


def test_small_rounds_are_analysed_in_the_request(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    with override_settings(TASKS=QUEUED, RESULTS_BACKGROUND_MIN_ENTRIES=3):
        response = client.get(results_url(round))
        queued = list(task_backends["default"].results)

    assert response.context["view"].rows[0]["rank"] == 1
    assert queued == []


def test_the_ready_question_is_for_the_chair_only(client, scored, worker):  # noqa: F811
    round, _judges, _entries = scored
    outsider = UserFactory()
    client.force_login(outsider)

    assert client.get(ready_url(round)).status_code == 404
    assert worker.results == []


def test_results_prepare_is_a_task_the_worker_can_find():
    assert results_prepare.module_path == "judging.results_prepare.results_prepare"
