"""Setting up a season without the admin: awards, editions (new or cloned) and categories."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from console.access import (
    console_required,
    get_award_for_organiser,
    get_category_for_organiser,
    get_edition_for_organiser,
)
from console.forms.setup import AwardForm, CategoryForm, EditionCloneForm, EditionForm
from console.services.clone import edition_clone
from console.services.setup import award_create, award_update, category_save, edition_save


def _page(request, template: str, context: dict, form) -> object:
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


@console_required
def award_create_view(request):
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        award = award_create(award=form.save(commit=False), by=request.user)
        messages.success(request, _("The award %(award)s has been created.") % {"award": award})
        return redirect("console:dashboard")
    return _page(request, "console/award_create.html", {}, form)


@console_required
def award_edit(request, pk):
    award = get_award_for_organiser(request, pk)
    form = AwardForm(request.POST or None, instance=award)
    if request.method == "POST" and form.is_valid():
        award_update(award=form.save(commit=False), changed=form.changed_data, by=request.user)
        messages.success(request, _("The award has been saved."))
        return redirect("console:dashboard")
    return _page(request, "console/award_edit.html", {"award": award}, form)


@console_required
def edition_create(request, award_pk):
    award = get_award_for_organiser(request, award_pk)
    form = EditionForm(request.POST or None, award=award)
    if request.method == "POST" and form.is_valid():
        edition = edition_save(
            edition=form.save(commit=False), changed=form.changed_data, by=request.user
        )
        messages.success(
            request, _("The edition %(year)s has been created.") % {"year": edition.year}
        )
        return redirect("console:dashboard")
    return _page(request, "console/edition_create.html", {"award": award}, form)


@console_required
def edition_edit(request, pk):
    edition = get_edition_for_organiser(request, pk)
    form = EditionForm(request.POST or None, instance=edition, award=edition.award)
    if request.method == "POST" and form.is_valid():
        edition_save(edition=form.save(commit=False), changed=form.changed_data, by=request.user)
        messages.success(request, _("The edition has been saved."))
        return redirect("console:dashboard")
    return _page(request, "console/edition_edit.html", {"edition": edition}, form)


@console_required
def edition_clone_view(request, pk):
    source = get_edition_for_organiser(request, pk)
    form = EditionCloneForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        edition = edition_clone(source=source, year=form.cleaned_data["year"], by=request.user)
        messages.success(
            request,
            _(
                "The edition %(year)s has been made from %(source)s: categories, forms, rounds and "
                "rubrics, with every date moved on. The jury has been invited afresh."
            )
            % {"year": edition.year, "source": source.year},
        )
        return redirect("console:dashboard")
    context = {"edition": source, "categories": source.categories.all()}
    return _page(request, "console/edition_clone.html", context, form)


@console_required
def category_create(request, edition_pk):
    edition = get_edition_for_organiser(request, edition_pk)
    form = CategoryForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        category = category_save(
            category=form.save(commit=False), changed=form.changed_data, by=request.user
        )
        messages.success(
            request, _("The category %(category)s has been created.") % {"category": category.name}
        )
        return redirect("console:dashboard")
    return _page(request, "console/category_create.html", {"edition": edition}, form)


@console_required
def category_edit(request, pk):
    category = get_category_for_organiser(request, pk)
    form = CategoryForm(request.POST or None, instance=category, edition=category.edition)
    if request.method == "POST" and form.is_valid():
        category_save(category=form.save(commit=False), changed=form.changed_data, by=request.user)
        messages.success(request, _("The category has been saved."))
        return redirect("console:dashboard")
    context = {"category": category, "edition": category.edition}
    return _page(request, "console/category_edit.html", context, form)
