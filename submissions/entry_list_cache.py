""" "My entries", kept rendered per person and language in the shared cache.

Reading the entries with their categories, editions and awards and rendering the table is most
of what the page costs, and entrants come back to it often. The copy is dropped by every change
to an entry the person is on the team of, or to their place on a team (signals below, connected
in `SubmissionsConfig.ready`), and it is kept for the current minute only: it says how long is
left to each deadline, and an organiser's change to a category or edition (a new deadline, a new
name) shows within that minute.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from accounts.cache_keys import cache_forget
from accounts.navbar import navbar_get_with

SECONDS = 60


def _key(user_id: int, language: str) -> str:
    return f"laurel:my-entries:{user_id}:{language}"


def _minute() -> str:
    return f"{timezone.now():%Y%m%d%H%M}"


def my_entries_cached(*, request) -> str | None:
    """The table as rendered this minute in the active language, or None. Read in the same
    round trip as the page's navigation bar."""
    key = _key(request.user.pk, get_language())
    kept = navbar_get_with(request, [key]).get(key)
    if kept is not None and kept[0] == _minute():
        return kept[1]
    return None


def my_entries_keep(*, user, html: str) -> None:
    cache.set(_key(user.pk, get_language()), (_minute(), html), SECONDS)


def my_entries_drop(user_ids) -> None:
    """Forget these people's copies."""
    cache_forget(_key(pk, code) for pk in set(user_ids) if pk for code, _ in settings.LANGUAGES)


def on_entry_changed(sender, instance, **kwargs):
    from submissions.models import TeamMember

    team = set(TeamMember.objects.filter(entry_id=instance.pk).values_list("user_id", flat=True))
    my_entries_drop(team | {instance.owner_id})


def on_team_member_changed(sender, instance, **kwargs):
    my_entries_drop([instance.user_id])
