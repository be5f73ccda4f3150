import pytest

from accounts.privacy import user_data
from deliberation.models import Message

pytestmark = pytest.mark.django_db


def test_a_judges_data_export_includes_their_messages(panel):
    Message.objects.create(round=panel.round, entry=panel.entry, author=panel.first, body="Bold")
    Message.objects.create(round=panel.round, entry=panel.entry, author=panel.second, body="No")

    exported = user_data(user=panel.first)

    assert [m["message"] for m in exported["discussion"]] == ["Bold"]
