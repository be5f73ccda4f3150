"""Finding 3 of the outside probe: a judge removed from the jury kept access with the session they
had. Jury access now follows an active seat, checked on every request."""

import pytest
from django.urls import reverse

from judging.enums import JuryRole
from judging.models import JuryMember
from tests.factories import JuryMemberFactory, ReviewFactory
from tests.judging.builders import assign, file_question, judged_round, submitted_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated_judge():
    round = judged_round(blind=False)
    question = file_question(category=round.category)
    entry = submitted_entry(category=round.category, files=[(question, "plan.pdf")])
    assignment = assign(round=round, entry=entry)
    ReviewFactory(assignment=assignment)
    return assignment


def _jury_answers(client, assignment) -> dict[str, int]:
    attachment = assignment.entry.attachments.get()
    files = {"assignment_id": assignment.pk, "attachment_id": attachment.pk}
    review = {"assignment_id": assignment.pk}
    return {
        "review": client.get(reverse("judging:review-edit", kwargs=review)).status_code,
        "file": client.get(reverse("judging:review-file-download", kwargs=files)).status_code,
        "pdf": client.get(reverse("judging:review-file-view", kwargs=files)).status_code,
        "autosave": client.post(
            reverse("judging:review-autosave", kwargs=review), {"version": 1, "comment": "x"}
        ).status_code,
        "submit": client.post(reverse("judging:review-submit", kwargs=review)).status_code,
        "conflicts": client.get(reverse("judging:conflict-declare")).status_code,
    }


def _dashboard_lists(client, assignment) -> bool:
    page = client.get(reverse("judging:dashboard")).content.decode()
    return reverse("judging:review-edit", args=[assignment.pk]) in page


def test_seated_judge_reaches_their_review_and_files(client, seated_judge):
    client.force_login(seated_judge.judge)

    answers = _jury_answers(client, seated_judge)

    assert answers["review"] == answers["pdf"] == answers["conflicts"] == 200
    assert answers["file"] in (200, 302)  # streamed, or S3's signed URL
    assert _dashboard_lists(client, seated_judge)


@pytest.mark.parametrize("removal", ["deactivated", "deleted"])
def test_removed_judge_loses_everything_with_the_session_they_hold(client, seated_judge, removal):
    client.force_login(seated_judge.judge)
    assert _dashboard_lists(client, seated_judge)
    seat = JuryMember.objects.filter(user=seated_judge.judge)
    if removal == "deleted":
        seat.delete()
    else:
        seat.update(active=False)

    answers = _jury_answers(client, seated_judge)

    assert answers == {
        "review": 404,
        "file": 404,
        "pdf": 404,
        "autosave": 404,
        "submit": 404,
        "conflicts": 404,
    }
    assert not _dashboard_lists(client, seated_judge)


def test_judge_removed_by_the_chair_on_the_jury_page_is_out_at_once(client, seated_judge):
    category = seated_judge.round.category
    chair = JuryMemberFactory(category=category, role=JuryRole.CHAIR).user
    seat = JuryMember.objects.get(user=seated_judge.judge, category=category)
    judge_client = client.__class__()
    judge_client.force_login(seated_judge.judge)
    client.force_login(chair)

    response = client.post(reverse("judging:jury-remove", args=[seat.pk]))

    assert response.status_code == 302
    assert _jury_answers(judge_client, seated_judge)["review"] == 404


def test_a_removed_chair_loses_the_chair_pages(client, seated_judge):
    category = seated_judge.round.category
    seat = JuryMemberFactory(category=category, role=JuryRole.CHAIR)
    client.force_login(seat.user)
    urls = [
        reverse("judging:jury-list", args=[category.pk]),
        reverse("judging:round-results", args=[seated_judge.round_id]),
        reverse("judging:round-progress", args=[seated_judge.round_id]),
        reverse("judging:round-scores-export", args=[seated_judge.round_id, "csv"]),
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]

    JuryMember.objects.filter(pk=seat.pk).update(active=False)

    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
