"""Who may see an entry's pages."""

import pytest

from submissions.services.entries import entry_submit
from tests.submissions.samples import entry_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["entry-confirmation", "version-list", "team-edit", "entry-edit"])
def test_entry_pages_of_someone_elses_entry_are_404(client, entry, user, name):
    entry_submit(entry=entry, user=entry.owner)
    client.force_login(user)

    assert client.get(entry_url(name, entry)).status_code == 404
