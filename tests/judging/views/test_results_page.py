"""The results page's parts added for issues 11, 14 and 17: what it shows and how it reads."""

import pytest

from tests.judging.views.test_results import chair, close, results_url, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def test_round_results_decision_form_preselects_no_outcome(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    close(round)
    client.force_login(chair)

    content = client.get(results_url(round)).content.decode()

    assert '<option value="">Choose…</option>' in content
    assert " selected>" not in content.split('name="outcome"')[1].split("</select>")[0]


def test_round_results_scroll_regions_are_named_and_focusable(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    content = client.get(results_url(round)).content.decode()

    assert content.count('tabindex="0" role="region" aria-label="') == 4
    assert 'class="alert-link" href="' in content
