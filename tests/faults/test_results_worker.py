"""A large round's analysis as deployed (judging/results_prepare.py): the app server queues it,
`run_worker` computes it in another process, and the page, asking through the shared cache,
shows it; with the worker away the page keeps saying it is coming, never an older analysis."""

import re

import pytest
import requests
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from judging.enums import JuryRole
from tests.factories import JuryMemberFactory, UserFactory
from tests.faults.conftest import gunicorn, postgres_only, wait_until, worker
from tests.judging.selectors.test_results import small_round

pytestmark = [postgres_only(), pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-and-unusual-passphrase"


def _signed_in(base: str, email: str) -> dict:
    """Headers of a signed-in session. Production cookies are Secure, and requests keeps them
    off plain http: they are sent by hand."""
    page = requests.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = requests.post(
        f"{base}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={
            "Referer": f"{base}/accounts/login/",
            "Cookie": f"csrftoken={page.cookies['csrftoken']}",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    return {"Cookie": f"sessionid={response.cookies['sessionid']}"}


def test_the_worker_analyses_a_large_round_and_the_page_shows_it(fault_env, tmp_path):
    env = {**fault_env, "RESULTS_BACKGROUND_MIN_ENTRIES": "2", "REQUIRE_STAFF_MFA": "false"}
    round, _judges, entries = small_round()
    chair = UserFactory(email="chair@example.org")
    chair.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    chair.save()
    JuryMemberFactory(category=round.category, user=chair, role=JuryRole.CHAIR)
    page_path = reverse("judging:round-results", args=[round.pk])
    ready_path = reverse("judging:round-results-ready", args=[round.pk])

    with gunicorn(env) as (base, _):
        session = _signed_in(base, "chair@example.org")
        ask = {**session, "HX-Request": "true"}
        waiting = requests.get(base + page_path, headers=session, timeout=30)
        asked = requests.get(base + ready_path, headers=ask, timeout=30)
        with worker(env, log=tmp_path / "worker.log"):
            answered = wait_until(
                lambda: (
                    (r := requests.get(base + ready_path, headers=ask, timeout=30)).status_code
                    == 200
                    and r
                ),
                what="the worker's analysis to reach the page",
            )
        shown = requests.get(base + page_path, headers=session, timeout=30)

    assert "The analysis is being computed for the latest scores." in waiting.text
    assert asked.status_code == 204
    assert answered.headers["HX-Refresh"] == "true"
    assert "being computed" not in shown.text
    first, third, second = (
        shown.text.index(entries[title].reference) for title in ("First", "Third", "Second")
    )
    assert first < third < second
