"""The jury's discussion of an entry in a round: messages in threads, chair-only notes, what each
person has read, and the daily digests sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from deliberation.enums import MessageKind


class Message(models.Model):
    round = models.ForeignKey(
        "judging.Round",
        on_delete=models.CASCADE,
        related_name="discussion_messages",
        verbose_name=_("round"),
    )
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="discussion_messages",
        verbose_name=_("entry"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="discussion_messages",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
        help_text=_("Empty for a message that starts a thread."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MessageKind.choices, default=MessageKind.JURY
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion message")
        verbose_name_plural = _("discussion messages")
        ordering = ["round", "entry", "created_at", "pk"]
        indexes = [
            models.Index(fields=["round", "entry", "created_at"], name="message_round_entry"),
        ]

    def __str__(self):
        return f"{self.round} · {self.entry} · {self.created_at:%Y-%m-%d %H:%M}"


class MessageRead(models.Model):
    """When a person last read the discussion of an entry in a round: what came later is unread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reader"),
    )
    round = models.ForeignKey(
        "judging.Round", on_delete=models.CASCADE, related_name="+", verbose_name=_("round")
    )
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="+", verbose_name=_("entry")
    )
    read_at = models.DateTimeField(_("last read"))

    class Meta:
        verbose_name = _("discussion read")
        verbose_name_plural = _("discussions read")
        constraints = [
            models.UniqueConstraint(fields=["user", "round", "entry"], name="message_read_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.round} · {self.entry}"


class DigestSent(models.Model):
    """A daily digest of new messages emailed to one person for one round: at most one a day."""

    round = models.ForeignKey(
        "judging.Round", on_delete=models.CASCADE, related_name="+", verbose_name=_("round")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    sent_on = models.DateField(_("day sent"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    messages = models.PositiveIntegerField(_("new messages"), default=0)

    class Meta:
        verbose_name = _("discussion digest")
        verbose_name_plural = _("discussion digests")
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "sent_on"], name="digest_once_a_day"),
        ]

    def __str__(self):
        return f"{self.user} · {self.round} · {self.sent_on}"
