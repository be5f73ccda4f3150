"""The pitch day of a category's final round: its slots, one per finalist, and finalists'
requests for another slot."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from finals.enums import SlotRequestStatus


class PitchDay(models.Model):
    round = models.OneToOneField(
        "judging.Round",
        on_delete=models.CASCADE,
        related_name="pitch_day",
        verbose_name=_("round"),
        help_text=_("The final round, whose entries (the finalists) pitch to the jury."),
    )
    starts_at = models.DateTimeField(_("first slot starts"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=20, validators=[MinValueValidator(5)]
    )
    gap_minutes = models.PositiveSmallIntegerField(_("minutes between slots"), default=5)
    break_after = models.PositiveSmallIntegerField(
        _("a break after every"),
        default=0,
        help_text=_("Number of slots between breaks; 0 for no break."),
    )
    break_minutes = models.PositiveSmallIntegerField(_("break length (minutes)"), default=30)
    earlier_round = models.ForeignKey(
        "judging.Round",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earlier round combined"),
    )
    pitch_weight = models.PositiveSmallIntegerField(
        _("weight of the pitch (%)"),
        default=60,
        validators=[MaxValueValidator(100)],
        help_text=_("The earlier round weighs the rest (e.g. pitch 60 %, written round 40 %)."),
    )

    class Meta:
        verbose_name = _("pitch day")
        verbose_name_plural = _("pitch days")

    def __str__(self):
        return f"{self.round} · {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self):
        # The organiser's schedule (the admin's "View on site" leads there).
        return reverse("finals:pitch-day-detail", kwargs={"pk": self.pk})


class PitchSlot(models.Model):
    pitch_day = models.ForeignKey(
        PitchDay, on_delete=models.CASCADE, related_name="slots", verbose_name=_("pitch day")
    )
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="pitch_slots",
        verbose_name=_("entry"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # The calendar invitation's SEQUENCE: raised on every change so calendars update.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("pitch slot")
        verbose_name_plural = _("pitch slots")
        ordering = ["pitch_day", "position"]
        constraints = [
            models.UniqueConstraint(fields=["pitch_day", "entry"], name="pitch_slot_entry_once"),
        ]

    def __str__(self):
        return f"{self.entry} · {self.starts_at:%H:%M}"


class SlotRequest(models.Model):
    """A finalist asks for another slot; the organiser grants it (swapping) or refuses."""

    slot = models.ForeignKey(
        PitchSlot, on_delete=models.CASCADE, related_name="requests", verbose_name=_("slot")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("asked by"),
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SlotRequestStatus.choices,
        default=SlotRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("request for another slot")
        verbose_name_plural = _("requests for another slot")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.slot}: {self.get_status_display()}"
