from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from awards.models import Award, Category, Edition
from awards.selectors import awards_listed, categories_open, winners_published


def home(request):
    now = timezone.now()
    return render(
        request,
        "awards/home.html",
        {
            "awards": awards_listed(),
            "open_categories": categories_open(now=now),
            "latest_winners": winners_published(now=now)
            .filter(placement="winner")
            .order_by("-category__edition__year", "position")[:6],
            "now": now,
        },
    )


def award_detail(request, award_slug):
    now = timezone.now()
    award = get_object_or_404(Award, slug=award_slug)
    editions = award.editions.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("position", "code"))
    )
    winners = (
        winners_published(now=now)
        .filter(category__edition__award=award)
        .order_by("-category__edition__year", "category__position", "position")
    )
    return render(
        request,
        "awards/award_detail.html",
        {"award": award, "editions": editions, "winners": winners, "now": now},
    )


def edition_detail(request, award_slug, year):
    now = timezone.now()
    edition = get_object_or_404(
        Edition.objects.select_related("award"), award__slug=award_slug, year=year
    )
    categories = edition.categories.select_related("edition__award")
    winners = winners_published(now=now).filter(category__edition=edition)
    return render(
        request,
        "awards/edition_detail.html",
        {"edition": edition, "categories": categories, "winners": winners, "now": now},
    )


def category_detail(request, award_slug, year, category_slug):
    now = timezone.now()
    category = get_object_or_404(
        Category.objects.select_related("edition__award"),
        edition__award__slug=award_slug,
        edition__year=year,
        slug=category_slug,
    )
    winners = winners_published(now=now).filter(category=category)
    return render(
        request,
        "awards/category_detail.html",
        {
            "category": category,
            "winners": winners,
            "status": category.call_status(now=now),
            "now": now,
        },
    )


def winner_detail(request, award_slug, year, category_slug, winner_slug):
    # Unpublished winners are invisible: 404, exactly as if they did not exist.
    winner = get_object_or_404(
        winners_published(),
        category__edition__award__slug=award_slug,
        category__edition__year=year,
        category__slug=category_slug,
        slug=winner_slug,
    )
    return render(request, "awards/winner_detail.html", {"winner": winner})
