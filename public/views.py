from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from awards.access import get_winner_for_preview, may_preview_winners
from awards.enums import Placement
from awards.models import Award, Category, Edition, WinnerPhoto
from awards.selectors import (
    awards_listed,
    categories_open,
    editions_with_categories,
    winner_for_page,
    winners_published,
)
from public.cache import public_page
from public.selectors import criteria_published, questions_published
from public.seo import award_json_ld, page_meta, winner_json_ld

PHOTO_MAX_AGE = 60 * 60  # an hour: a photo unpublished later leaves shared caches soon after


@public_page
def home(request):
    now = timezone.now()
    latest_winners = list(
        winners_published(now=now)
        .filter(placement=Placement.WINNER)
        .order_by("-category__edition__year", "category__position", "position")[:6]
    )
    return render(
        request,
        "public/home.html",
        {
            "awards": awards_listed(),
            "open_categories": categories_open(now=now),
            "latest_winners": latest_winners,
            "now": now,
            "meta": page_meta(
                request,
                title=_("Innovation awards"),
                description=_("Open calls for innovation awards and their latest winners."),
            ),
        },
    )


@public_page
def award_detail(request, award_slug):
    now = timezone.now()
    award = get_object_or_404(Award, slug=award_slug)
    winners = list(
        winners_published(now=now)
        .filter(category__edition__award=award)
        .order_by("-category__edition__year", "category__position", "position")
    )
    return render(
        request,
        "public/award_detail.html",
        {
            "award": award,
            "editions": editions_with_categories(award=award),
            "winners": winners,
            "now": now,
            "meta": page_meta(
                request,
                title=award.name,
                description=award.description,
                json_ld=award_json_ld(award, winners),
            ),
        },
    )


@public_page
def edition_detail(request, award_slug, year):
    now = timezone.now()
    edition = get_object_or_404(
        Edition.objects.select_related("award"), award__slug=award_slug, year=year
    )
    categories = edition.categories.select_related("edition__award")
    winners = list(
        winners_published(now=now)
        .filter(category__edition=edition)
        .order_by("category__position", "position")
    )
    title = f"{edition.award.name} {edition.year}"
    return render(
        request,
        "public/edition_detail.html",
        {
            "edition": edition,
            "categories": categories,
            "winners": winners,
            "now": now,
            "meta": page_meta(request, title=title, description=edition.award.description),
        },
    )


@public_page
def category_detail(request, award_slug, year, category_slug):
    now = timezone.now()
    category = get_object_or_404(
        Category.objects.select_related("edition__award"),
        edition__award__slug=award_slug,
        edition__year=year,
        slug=category_slug,
    )
    winners = list(winners_published(now=now).filter(category=category).order_by("position"))
    edition = category.edition
    return render(
        request,
        "public/category_detail.html",
        {
            "category": category,
            "winners": winners,
            "questions": questions_published(category=category),
            "criteria": criteria_published(category=category),
            "status": category.call_status(now=now),
            "now": now,
            "meta": page_meta(
                request,
                title=f"{category.name} · {edition.award.name} {edition.year}",
                description=category.description,
            ),
        },
    )


def _winner_page(request, winner, *, now, preview: bool):
    category = winner.category
    photos = list(winner.photos.all())
    others = [
        other
        for other in winners_published(now=now).filter(category=category).order_by("position")
        if other.pk != winner.pk
    ]
    other_years = list(
        winners_published(now=now)
        .filter(category__edition__award=category.edition.award_id, placement=Placement.WINNER)
        .exclude(category__edition=category.edition_id)
        .order_by("-category__edition__year", "category__position", "position")
    )
    return render(
        request,
        "public/winner_detail.html",
        {
            "winner": winner,
            "photos": photos,
            "others": others,
            "other_years": other_years,
            "preview": preview,
            "meta": page_meta(
                request,
                title=f"{winner.names}: {winner.idea_title}",
                description=winner.summary or winner.citation,
                image=photos[0] if photos else None,
                og_type="article",
                json_ld=winner_json_ld(winner),
                noindex=preview,
            ),
        },
    )


@public_page
def winner_detail(request, award_slug, year, category_slug, winner_slug):
    now = timezone.now()
    # Unpublished winners are invisible: 404, exactly as if they did not exist.
    winner = winner_for_page(
        award_slug=award_slug,
        year=year,
        category_slug=category_slug,
        winner_slug=winner_slug,
        now=now,
    )
    if winner is None:
        raise Http404
    return _winner_page(request, winner, now=now, preview=False)


def winner_preview(request, pk):
    """The winner page exactly as it will look, for organisers only; never cached."""
    winner = get_winner_for_preview(request, pk)
    winner = winner_for_page(
        award_slug=winner.category.edition.award.slug,
        year=winner.category.edition.year,
        category_slug=winner.category.slug,
        winner_slug=winner.slug,
        preview=True,
    )
    response = _winner_page(request, winner, now=timezone.now(), preview=True)
    patch_cache_control(response, private=True, no_store=True)
    return response


def photo(request, pk, width):
    """A photo rendition: public once its winner is, to organisers before that; 404 otherwise."""
    photo = get_object_or_404(
        WinnerPhoto.objects.select_related("winner__category__edition__award"), pk=pk
    )
    published = photo.winner.is_published()
    award = photo.winner.category.edition.award
    if not (published or may_preview_winners(request.user, award=award)):
        raise Http404
    name = photo.renditions.get(str(width))
    if not name:
        raise Http404
    response = FileResponse(photo.image.storage.open(name, "rb"), content_type="image/jpeg")
    if published:
        patch_cache_control(response, public=True, max_age=PHOTO_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
