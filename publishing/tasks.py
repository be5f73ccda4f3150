"""Emails queued as tasks: a team asked to check its winner page. Thin: ids in, load, mail."""

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from accounts.mail import email_users_render_and_enqueue
from awards.models import Winner


@task()
def team_check_invite_email(*, winner_id: int) -> int:
    """Email each team member of the winner's entry, in their language; returns how many."""
    winner = Winner.objects.select_related("category__edition__award", "entry").get(pk=winner_id)
    if winner.entry is None:
        return 0
    users = [member.user for member in winner.entry.team.select_related("user")]
    category, edition = winner.category, winner.category.edition
    email_users_render_and_enqueue(
        template="winner_check",
        users=users,
        context=lambda: {
            "award": edition.award.name,
            "year": edition.year,
            "category": category.name,
            "idea": winner.idea_title,
            "url": settings.SITE_URL + reverse("publishing:team-check", kwargs={"pk": winner.pk}),
        },
    )
    return len(users)
