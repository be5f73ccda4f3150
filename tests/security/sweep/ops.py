"""The outbox pages: the list for superusers only; "send again" for organisers of the email's
award (with the outbox permissions); 404 for everyone else."""

from django.contrib.auth.models import Permission

from outbox.models import OutgoingEmail

ROUTES = {
    "accounts:email-list": (lambda o: {}, (302, 404, 404, 404, 404, 404, 404, 404)),
    "accounts:email-retry": (
        lambda o: {"pk": o["failed_email"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
}

POST_ALLOWED = {"accounts:email-retry": {"organiser"}}


def world_extend(world) -> None:
    world.people["organiser"].user_permissions.add(
        *Permission.objects.filter(content_type__app_label="outbox")
    )
    world.objects["failed_email"] = OutgoingEmail.objects.create(
        to="bounced@example.org",
        from_email="noreply@example.org",
        subject="Entry received",
        body="…",
        state="failed",
        attempts=1,
        last_error="550 5.1.1 no such mailbox",
        related=world.objects["entry"],
    )
