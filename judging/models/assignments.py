"""Who reviews which entry in a round, and the reminders sent to late judges."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from judging.enums import ReminderKind
from judging.models.rounds import Round


class Assignment(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round")
    )
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("entry"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("judge"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    notified_at = models.DateTimeField(_("judge notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "entry", "judge"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry", "judge"], name="assignment_unique"),
        ]

    def __str__(self):
        return f"{self.judge} → {self.entry}"


class Reminder(models.Model):
    """A reminder emailed to a judge with unfinished reviews; automatic ones go out once a day
    at most, whatever the number of times the daily command runs."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("round")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("judge"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField(_("day sent"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["round", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "judge", "sent_on"],
                condition=models.Q(kind="automatic"),
                name="reminder_automatic_once_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.judge} · {self.round} · {self.sent_on}"
