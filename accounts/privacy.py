"""A person's rights over their data: a copy of everything (export) and erasure (delete account).

The account itself is handled here; what other apps hold (entries, jury seats) they describe in
sections of `accounts.personal_data`. What is kept and what is removed is written for people in
templates/accounts/privacy.html; keep the two in step.
"""

import json
import shutil
import tempfile
import zipfile

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.personal_data import personal_data_sections

User = get_user_model()


def user_data(*, user) -> dict:
    """Everything Laurel holds about `user`, JSON-ready: the profile, then each section."""
    data = {
        "exported_at": timezone.now(),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "organisation": user.organisation,
            "language": user.language,
            "joined": user.date_joined,
            "last_sign_in": user.last_login,
            "email_addresses": list(
                user.emailaddress_set.values("email", "verified", "primary").order_by("email")
            ),
        },
    }
    for section in personal_data_sections():
        if section.export:
            data[section.key] = section.export(user)
    return data


def user_data_export(*, user):
    """A zip of `user_data` as JSON plus every file the sections name, written to a temporary
    file (deleted when closed), never held whole in memory. Returns the open file, positioned at
    its start."""
    data = user_data(user=user)
    # Handed open to the response, which closes (and so deletes) it once sent.
    archive_file = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("laurel-data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        for section in personal_data_sections():
            for path, stored in section.files(user) if section.files else ():
                with (
                    stored.open("rb") as source,
                    archive.open(path, "w", force_zip64=True) as target,
                ):
                    shutil.copyfileobj(source, target, length=1024 * 1024)
    archive_file.seek(0)
    return archive_file


def account_deletion_refusal(*, user) -> str | None:
    """Why the account cannot delete itself, or None when it can."""
    if user.is_staff or user.is_superuser:
        return _("Organiser accounts cannot be deleted here; ask another administrator.")
    for section in personal_data_sections():
        refusal = section.deletion_refusal(user) if section.deletion_refusal else None
        if refusal:
            return refusal
    return None


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete `user`'s account: each section removes or anonymises what it holds (see the
    privacy page), then the profile, email addresses and two-factor keys go with the account.

    Side effects: the sections' audit events; their files deleted from storage on commit.
    """
    refusal = account_deletion_refusal(user=user)
    if refusal:
        raise ValidationError(refusal, code="refused")
    user = User.objects.select_for_update().get(pk=user.pk)
    files_to_delete = []
    for section in personal_data_sections():
        if section.delete:
            files_to_delete += section.delete(user)
    user.delete()
    for storage, name in files_to_delete:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
