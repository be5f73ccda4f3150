from django.db.models import Q, QuerySet
from django.utils import timezone

from awards.models import Award, Category, Winner


def categories_open(*, now=None) -> QuerySet[Category]:
    """Categories taking entries now, soonest deadline first."""
    now = now or timezone.now()
    opened = Q(call_opens_at__lte=now) | Q(
        call_opens_at__isnull=True, edition__call_opens_at__lte=now
    )
    not_closed = Q(call_closes_at__gt=now) | Q(
        call_closes_at__isnull=True, edition__call_closes_at__gt=now
    )
    return (
        Category.objects.filter(opened & not_closed)
        .select_related("edition__award")
        .order_by("call_closes_at", "edition__call_closes_at", "position")
    )


def winners_published(*, now=None) -> QuerySet[Winner]:
    """Winners the public may see: those whose publication time has passed."""
    now = now or timezone.now()
    return Winner.objects.filter(publish_at__lte=now).select_related("category__edition__award")


def awards_listed() -> QuerySet[Award]:
    return Award.objects.all()
