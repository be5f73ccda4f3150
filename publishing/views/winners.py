"""Organisers' pages for an edition's winner pages: the list, one page's texts and photos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import organised_award_filter, user_is_organiser
from awards.models import Edition, WinnerPhoto
from publishing.access import PERM, get_edition_for_organiser, get_winner_for_organiser
from publishing.forms import WinnerPageForm, WinnerPhotoForm
from publishing.selectors import page_status, winner_missing, winner_rows
from publishing.services.drafts import edition_winner_drafts_sync
from publishing.services.pages import winner_page_update, winner_photo_add, winner_photo_remove


@login_required
@require_GET
def edition_list(request):
    if not user_is_organiser(request.user, perm=PERM):
        raise Http404
    editions = (
        Edition.objects.filter(**organised_award_filter(request.user, prefix="award__"))
        .select_related("award")
        .distinct()
        .order_by("-year", "award__name_en")
    )
    return render(request, "publishing/edition_list.html", {"editions": editions})


@login_required
@require_GET
def winner_list(request, pk):
    edition = get_edition_for_organiser(request, pk)
    return render(
        request,
        "publishing/winner_list.html",
        {"edition": edition, "rows": winner_rows(edition=edition)},
    )


@login_required
@require_POST
def winner_drafts_sync(request, pk):
    edition = get_edition_for_organiser(request, pk)
    touched = edition_winner_drafts_sync(edition=edition, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s winner page made or brought up to date from the decisions.",
            "%(count)s winner pages made or brought up to date from the decisions.",
            len(touched),
        )
        % {"count": len(touched)},
    )
    return redirect("publishing:winner-list", pk=edition.pk)


@login_required
def winner_edit(request, pk):
    winner = get_winner_for_organiser(request, pk)
    form = WinnerPageForm(request.POST or None, instance=winner)
    if request.method == "POST" and form.is_valid():
        try:
            winner_page_update(winner=winner, values=form.cleaned_data, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Winner page saved."))
            return redirect("publishing:winner-edit", pk=winner.pk)
    return _edit_page(request, winner, form=form, photo_form=WinnerPhotoForm())


@login_required
@require_POST
def photo_add(request, pk):
    winner = get_winner_for_organiser(request, pk)
    photo_form = WinnerPhotoForm(request.POST, request.FILES)
    if not photo_form.is_valid():
        return _edit_page(
            request, winner, form=WinnerPageForm(instance=winner), photo_form=photo_form, status=400
        )
    winner_photo_add(winner=winner, photo=photo_form.save(commit=False), by=request.user)
    messages.success(request, _("Photo added."))
    return redirect("publishing:winner-edit", pk=winner.pk)


@login_required
@require_POST
def photo_remove(request, pk):
    photo = WinnerPhoto.objects.select_related("winner").filter(pk=pk).first()
    if photo is None:
        raise Http404
    winner = get_winner_for_organiser(request, photo.winner_id)
    winner_photo_remove(photo=photo, by=request.user)
    messages.success(request, _("Photo removed."))
    return redirect("publishing:winner-edit", pk=winner.pk)


def _edit_page(request, winner, *, form, photo_form, status=200):
    from publishing.views.team_check import team_check_context

    photos = list(winner.photos.order_by("position", "pk"))
    return render(
        request,
        "publishing/winner_edit.html",
        {
            "winner": winner,
            "edition": winner.category.edition,
            "form": form,
            "photo_form": photo_form,
            "photos": photos,
            "missing": winner_missing(winner),
            "status": page_status(winner),
            "card": {
                "title": f"{winner.names}: {winner.idea_title}",
                "description": winner.summary or winner.citation,
                "photo": photos[0] if photos else None,
            },
            **team_check_context(winner),
        },
        status=status,
    )
