import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_single_line
from awards.codes import code_taken_message, validate_code
from awards.enums import CallStatus, Placement
from awards.translation import Translated


class Award(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in the award's web address."))
    code = models.CharField(
        _("code"),
        max_length=10,
        validators=[validate_code],
        help_text=_(
            "Short code used in entry reference numbers, e.g. FSA: letters and digits, unique "
            "among awards (FSA and fsa count as the same)."
        ),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["name_en"]
        constraints = [
            # Entry references start with the code: two awards sharing one would clash.
            models.UniqueConstraint(Lower("code"), name="award_unique_code_ci"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:award-detail", kwargs={"award_slug": self.slug})

    def clean(self):
        others = Award.objects.exclude(pk=self.pk).filter(code__iexact=self.code)
        if self.code and others.exists():
            raise ValidationError({"code": code_taken_message(self.code)}, code="code_taken")


class AwardOrganiser(models.Model):
    """A person who runs an award: sees and changes its editions, entries, jury and results."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="organisers", verbose_name=_("award")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organised_awards",
        verbose_name=_("account"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("award organiser")
        verbose_name_plural = _("award organisers")
        ordering = ["award", "created"]
        constraints = [
            models.UniqueConstraint(fields=["award", "user"], name="award_organiser_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.award}"


class Edition(models.Model):
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="editions", verbose_name=_("award")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    call_opens_at = models.DateTimeField(_("call opens"))
    call_closes_at = models.DateTimeField(
        _("call closes"), help_text=_("Deadline for entries. Categories may set their own.")
    )
    judging_starts_at = models.DateTimeField(_("judging starts"), null=True, blank=True)
    judging_ends_at = models.DateTimeField(_("judging ends"), null=True, blank=True)
    results_publish_at = models.DateTimeField(
        _("results published"),
        null=True,
        blank=True,
        help_text=_("When results become public. Empty: not published."),
    )
    # Set once entrants have been emailed their outcome, so they are never emailed twice.
    results_notified_at = models.DateTimeField(
        _("entrants notified"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["award", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["award", "year"], name="edition_unique_year"),
            models.CheckConstraint(
                condition=models.Q(call_closes_at__gt=models.F("call_opens_at")),
                name="edition_call_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.award} {self.year}"

    def get_absolute_url(self):
        return reverse(
            "public:edition-detail", kwargs={"award_slug": self.award.slug, "year": self.year}
        )

    def clean(self):
        if self.call_opens_at and self.call_closes_at and self.call_closes_at <= self.call_opens_at:
            raise ValidationError(
                {"call_closes_at": _("The call must close after it opens.")}, code="call_order"
            )

    def results_are_public(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.results_publish_at is not None and self.results_publish_at <= now


class Category(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="categories", verbose_name=_("edition")
    )
    slug = models.SlugField(_("slug"))
    code = models.CharField(
        _("code"),
        max_length=20,
        validators=[validate_code],
        help_text=_(
            "Used in reference numbers, e.g. IDEA: letters and digits, unique in the edition."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    eligibility_sv = models.TextField(_("eligibility (Swedish)"), blank=True)
    prize_en = models.CharField(_("prize (English)"), max_length=300, blank=True)
    prize_sv = models.CharField(_("prize (Swedish)"), max_length=300, blank=True)
    call_opens_at = models.DateTimeField(
        _("call opens"), null=True, blank=True, help_text=_("Empty: as the edition.")
    )
    call_closes_at = models.DateTimeField(
        _("call closes"), null=True, blank=True, help_text=_("Empty: as the edition.")
    )
    max_entries_per_entrant = models.PositiveSmallIntegerField(
        _("entries per entrant"), default=1, help_text=_("How many entries one person may own.")
    )
    entries_editable_after_submission = models.BooleanField(
        _("submitted entries can be edited until the deadline"), default=True
    )

    name = Translated("name")
    description = Translated("description")
    eligibility = Translated("eligibility")
    prize = Translated("prize")

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["edition", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="category_unique_slug"),
            models.UniqueConstraint("edition", Lower("code"), name="category_unique_code_ci"),
        ]

    def __str__(self):
        return f"{self.edition} {self.name}"

    def get_absolute_url(self):
        return reverse(
            "public:category-detail",
            kwargs={
                "award_slug": self.edition.award.slug,
                "year": self.edition.year,
                "category_slug": self.slug,
            },
        )

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"call_closes_at": _("The call must close after it opens.")}, code="call_order"
            )
        if self.code and self.edition_id:
            others = Category.objects.filter(edition_id=self.edition_id, code__iexact=self.code)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"code": code_taken_message(self.code, in_edition=True)}, code="code_taken"
                )

    @property
    def opens_at(self):
        return self.call_opens_at or (self.edition.call_opens_at if self.edition_id else None)

    @property
    def closes_at(self):
        return self.call_closes_at or (self.edition.call_closes_at if self.edition_id else None)

    def call_status(self, *, now=None) -> CallStatus:
        """The server's clock decides; the browser's never does."""
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    def is_open(self, *, now=None) -> bool:
        return self.call_status(now=now) == CallStatus.OPEN


class Winner(models.Model):
    """A published result: the winner, runner-up, honourable mention or finalist of a category.

    Past winners are entered directly here, without an entry in the system.
    """

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="winners", verbose_name=_("category")
    )
    placement = models.CharField(
        _("placement"), max_length=20, choices=Placement.choices, default=Placement.WINNER
    )
    slug = models.SlugField(_("slug"), help_text=_("Used in the winner page's web address."))
    names = models.CharField(
        _("winner names"),
        max_length=300,
        help_text=_("Person or team, e.g. Sally Sow."),
        validators=[validate_single_line],
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_single_line]
    )
    idea_title = models.CharField(_("idea"), max_length=200, help_text=_("E.g. Turn UP."))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True)
    citation_en = models.TextField(_("jury citation (English)"), blank=True)
    citation_sv = models.TextField(_("jury citation (Swedish)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True, help_text=_("Markdown."))
    story_sv = models.TextField(_("story (Swedish)"), blank=True, help_text=_("Markdown."))
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Empty: a draft. A future time: published then (embargo)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry"),
        help_text=_("The entry in Laurel, if any. Past winners have none."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    summary = Translated("summary")
    citation = Translated("citation")
    story = Translated("story")

    class Meta:
        verbose_name = _("winner")
        verbose_name_plural = _("winners")
        ordering = ["category", "position", "names"]
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="winner_unique_slug"),
        ]

    def __str__(self):
        return f"{self.names}: {self.idea_title}"

    def get_absolute_url(self):
        category = self.category
        return reverse(
            "public:winner-detail",
            kwargs={
                "award_slug": category.edition.award.slug,
                "year": category.edition.year,
                "category_slug": category.slug,
                "winner_slug": self.slug,
            },
        )

    def is_published(self, *, now=None) -> bool:
        """Public once its own time and its edition's results time have both passed."""
        now = now or timezone.now()
        return (
            self.publish_at is not None
            and self.publish_at <= now
            and self.category.edition.results_are_public(now=now)
        )


def winner_photo_key(instance, filename: str) -> str:
    """A server-generated key: the uploader's file name never reaches the storage."""
    return f"winners/photos/{uuid.uuid4().hex}/original"


class WinnerPhoto(models.Model):
    """A photo on a winner's page, public only once the winner is.

    The original is kept private; the page shows JPEG renditions at a few widths, made at upload
    (`awards.services.winner_photo_process`) and stored beside it under server-generated keys.
    """

    winner = models.ForeignKey(
        Winner, on_delete=models.CASCADE, related_name="photos", verbose_name=_("winner")
    )
    image = models.ImageField(_("image"), upload_to=winner_photo_key, max_length=300)
    alt_text_en = models.CharField(
        _("alternative text (English)"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    alt_text_sv = models.CharField(_("alternative text (Swedish)"), max_length=300)
    caption_en = models.CharField(_("caption (English)"), max_length=300, blank=True)
    caption_sv = models.CharField(_("caption (Swedish)"), max_length=300, blank=True)
    credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # {"480": "winners/photos/<hex>/480.jpg", ...}: filled by winner_photo_process.
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)

    alt_text = Translated("alt_text")
    caption = Translated("caption")

    class Meta:
        verbose_name = _("winner photo")
        verbose_name_plural = _("winner photos")
        ordering = ["winner", "position", "pk"]

    def __str__(self):
        return self.alt_text

    @property
    def widths(self) -> list[int]:
        return sorted(int(width) for width in self.renditions)

    def url(self, width: int | None = None) -> str:
        """The photo view's address for the largest rendition not wider than `width`."""
        widths = self.widths
        if not widths:
            return ""
        fitting = [w for w in widths if width is None or w <= width] or widths[:1]
        return reverse("public:photo", kwargs={"pk": self.pk, "width": fitting[-1]})

    def srcset(self) -> str:
        return ", ".join(f"{self.url(width)} {width}w" for width in self.widths)

    @property
    def display_width(self) -> int | None:
        fitting = [w for w in self.widths if w <= 960] or self.widths[:1]
        return fitting[-1] if fitting else None

    @property
    def display_url(self) -> str:
        return self.url(960)

    @property
    def display_height(self) -> int | None:
        if not (self.width and self.height and self.display_width):
            return None
        return round(self.height * self.display_width / self.width)
