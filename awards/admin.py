from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from awards.admin_mixins import LabelledDateTimes, TranslatedNameColumn
from awards.cache import public_pages_invalidate
from awards.models import Award, Category, Edition, Winner, WinnerPhoto
from awards.services import winner_photo_delete, winner_photo_process


class PublicPagesAdmin(LabelledDateTimes, admin.ModelAdmin):
    """Any change made here shows on public pages: make the cached ones stale.

    An explicit call rather than a signal, so the reader of this file sees it happen.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        public_pages_invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_pages_invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_pages_invalidate()


class EditionInline(LabelledDateTimes, admin.TabularInline):
    model = Edition
    extra = 0
    fields = ["year", "call_opens_at", "call_closes_at", "results_publish_at"]
    readonly_fields = ["results_publish_at"]
    show_change_link = True


class CategoryInline(LabelledDateTimes, admin.StackedInline):
    model = Category
    extra = 0
    show_change_link = True
    prepopulated_fields = {"slug": ["name_en"]}


class WinnerInline(LabelledDateTimes, admin.StackedInline):
    model = Winner
    extra = 0
    fields = ["placement", "names", "idea_title", "slug", "publish_at"]
    readonly_fields = ["publish_at"]
    show_change_link = True
    prepopulated_fields = {"slug": ["names", "idea_title"]}


class WinnerPhotoInline(admin.StackedInline):
    model = WinnerPhoto
    extra = 0
    fields = [
        "image",
        "alt_text_en",
        "alt_text_sv",
        "caption_en",
        "caption_sv",
        "credit",
        "position",
        "sizes",
    ]
    readonly_fields = ["sizes"]

    @admin.display(description=_("sizes made"))
    def sizes(self, obj):
        return ", ".join(f"{width} px" for width in obj.widths) if obj.pk else "-"


@admin.register(Award)
class AwardAdmin(TranslatedNameColumn, PublicPagesAdmin):
    list_display = ["translated_name", "code", "organiser"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [EditionInline]
    # A website typed without its scheme is taken as https, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Edition)
class EditionAdmin(PublicPagesAdmin):
    list_display = ["award", "year", "call_opens_at", "call_closes_at", "results_publish_at"]
    list_filter = ["award"]
    list_select_related = ["award"]
    # Results are published with the winner pages, in one reviewed step on the organisers'
    # publication page (`publishing.services.publication.edition_publish`), never from here.
    readonly_fields = ["results_publish_at", "results_notified_at"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(TranslatedNameColumn, PublicPagesAdmin):
    list_display = ["translated_name", "code", "edition", "call_opens_at", "call_closes_at"]
    list_filter = ["edition__award", "edition__year"]
    list_select_related = ["edition__award"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [WinnerInline]
    # Other apps add their parts of a category here (entry form, jury, rounds), so this app
    # needs to know nothing of them.
    extra_inlines: list = []

    def get_inlines(self, request, obj):
        return [*self.inlines, *self.extra_inlines]


@admin.register(Winner)
class WinnerAdmin(PublicPagesAdmin):
    list_display = ["names", "idea_title", "placement", "category", "publish_at", "preview_link"]
    list_filter = ["placement", "category__edition__year"]
    list_select_related = ["category__edition__award"]
    prepopulated_fields = {"slug": ["names", "idea_title"]}
    raw_id_fields = ["entry"]
    # Pages are published with their edition's results, in one reviewed step on the
    # organisers' publication page (`publishing.services.publication.edition_publish`).
    readonly_fields = ["preview_link", "publication", "publish_at"]
    inlines = [WinnerPhotoInline]
    fieldsets = [
        (None, {"fields": ["category", "placement", "slug", "position", "entry"]}),
        (_("Who and what"), {"fields": ["names", "organisation", "idea_title"]}),
        (
            _("Texts"),
            {
                "fields": [
                    "summary_en",
                    "summary_sv",
                    "story_en",
                    "story_sv",
                    "citation_en",
                    "citation_sv",
                ]
            },
        ),
        (_("Publication"), {"fields": ["publish_at", "publication", "preview_link"]}),
    ]

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return _("Save first to preview.")
        url = reverse("public:winner-preview", kwargs={"pk": obj.pk})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Preview"))

    @admin.display(description=_("status"))
    def publication(self, obj):
        if not obj.pk:
            return "-"
        if obj.is_published():
            return _("Public")
        if obj.publish_at is None:
            return _("Draft")
        if not obj.category.edition.results_are_public():
            return _("Scheduled; waits for the edition's results to be public")
        return _("Scheduled")

    def save_formset(self, request, form, formset, change):
        if formset.model is not WinnerPhoto:
            return super().save_formset(request, form, formset, change)
        photos = formset.save(commit=False)
        for photo in formset.deleted_objects:
            winner_photo_delete(photo=photo)
        for photo in photos:
            image_changed = photo.pk is None or any(
                "image" in photo_form.changed_data
                for photo_form in formset.forms
                if photo_form.instance is photo
            )
            photo.save()
            if image_changed:
                winner_photo_process(photo=photo)
        formset.save_m2m()
