"""Reads for the public pages. Everything unpublished is filtered here, by the time of the request,
so an embargo holds even when the `publish_due` cron job or the task worker is late."""

import datetime as dt

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from awards.models import Award, Category, Edition, Winner, WinnerPhoto


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
    """Winners the public may see: their own time and their edition's results time have passed.

    Photos come prefetched in order, so cards and pages show them without a query per winner.
    """
    now = now or timezone.now()
    return (
        Winner.objects.filter(publish_at__lte=now, category__edition__results_publish_at__lte=now)
        .select_related("category__edition__award")
        .prefetch_related(Prefetch("photos", queryset=WinnerPhoto.objects.order_by("position")))
    )


def winner_for_page(
    *, award_slug: str, year: int, category_slug: str, winner_slug: str, now=None, preview=False
) -> Winner | None:
    """The winner at this address, or None when it does not exist or is not public (`preview`
    lets an organiser see a draft exactly as it will look)."""
    queryset = (
        Winner.objects.select_related("category__edition__award").prefetch_related(
            Prefetch("photos", queryset=WinnerPhoto.objects.order_by("position"))
        )
        if preview
        else winners_published(now=now)
    )
    return queryset.filter(
        category__edition__award__slug=award_slug,
        category__edition__year=year,
        category__slug=category_slug,
        slug=winner_slug,
    ).first()


def awards_listed() -> QuerySet[Award]:
    return Award.objects.all()


def editions_with_categories(*, award: Award) -> QuerySet[Edition]:
    return award.editions.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("position", "code"))
    )


def next_change_at(*, now: dt.datetime) -> dt.datetime | None:
    """The next moment a public page changes by the clock alone: a publication, a call opening or
    closing. Cached pages expire then, so nothing scheduled waits for an edit to appear."""
    winners = Winner.objects.aggregate(at=Min("publish_at", filter=Q(publish_at__gt=now)))
    editions = Edition.objects.aggregate(
        results=Min("results_publish_at", filter=Q(results_publish_at__gt=now)),
        opens=Min("call_opens_at", filter=Q(call_opens_at__gt=now)),
        closes=Min("call_closes_at", filter=Q(call_closes_at__gt=now)),
    )
    categories = Category.objects.aggregate(
        opens=Min("call_opens_at", filter=Q(call_opens_at__gt=now)),
        closes=Min("call_closes_at", filter=Q(call_closes_at__gt=now)),
    )
    moments = [winners["at"], *editions.values(), *categories.values()]
    return min((moment for moment in moments if moment is not None), default=None)
