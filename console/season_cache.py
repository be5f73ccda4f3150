"""The season dashboard's figures, kept rendered per organiser and language in the shared cache.

The figures are grouped counts over every entry, review and judge of the organiser's editions:
the costliest reads an organiser's page makes. So they are rendered once and kept for
SECTION_SECONDS, which bounds how far behind what entrants, judges and chairs do they may be
(the page says when they were read). What organisers change shows at once: every change a
console user makes (any successful POST, PUT, PATCH or DELETE, through
`SeasonDashboardMiddleware`) drops the copies of everyone who runs one of their awards, and so
does any change to who runs an award or to an award itself (signals connected in
`ConsoleConfig.ready`). Superusers run every award: their copies go with every such change.
"""

from django.conf import settings

from accounts.cache_keys import cache_forget
from accounts.models import User
from awards.models import Award, AwardOrganiser
from awards.organisers import awards_organised_by

SECTION_SECONDS = 60


def dashboard_key(*, user_id: int, language: str, outbox: bool) -> str:
    # `outbox`: whether the console's menu, kept with the figures, links the outbox.
    return f"laurel:console-season:{user_id}:{language}:{int(outbox)}"


def _drop(user_ids) -> None:
    superusers = User.objects.filter(is_superuser=True).values_list("pk", flat=True)
    cache_forget(
        dashboard_key(user_id=pk, language=code, outbox=outbox)
        for pk in {*user_ids, *superusers}
        for code, _ in settings.LANGUAGES
        for outbox in (False, True)
    )


def _organisers_of(award_ids) -> list[int]:
    return list(
        AwardOrganiser.objects.filter(award_id__in=award_ids).values_list("user_id", flat=True)
    )


def season_dashboards_drop(*, user) -> None:
    """Forget the dashboards of everyone who runs an award `user` runs (`user` included)."""
    award_ids = awards_organised_by(user=user).values_list("pk", flat=True)
    _drop([user.pk, *_organisers_of(award_ids)])


def on_organiser_changed(sender, instance, **kwargs):
    _drop([instance.user_id])


def on_award_changed(sender, instance, **kwargs):
    _drop(_organisers_of([instance.pk]))


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save, pre_delete

    uid = "laurel-console-dashboard"
    for signal in (post_save, post_delete):
        signal.connect(on_organiser_changed, sender=AwardOrganiser, dispatch_uid=uid)
    post_save.connect(on_award_changed, sender=Award, dispatch_uid=uid)
    # Before the award's organiser places go with it.
    pre_delete.connect(on_award_changed, sender=Award, dispatch_uid=uid)
