"""The jury's discussion of an entry in a round (messages in threads, chair-only notes, what each
person has read, the daily digests sent) and the feedback entrants receive (what each round's
letter says, and the chair's moderation of each comment)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from deliberation.enums import CommentStatus, FeedbackKind, MessageKind, SecondLookBasis
from judging.enums import DecisionOutcome


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


class FeedbackPolicy(models.Model):
    """What the entrants' feedback letters say about one round; chosen by its chair or an
    organiser. A round without one gives no feedback."""

    round = models.OneToOneField(
        "judging.Round",
        on_delete=models.CASCADE,
        related_name="feedback_policy",
        verbose_name=_("round"),
    )
    kind = models.CharField(
        _("feedback to entrants"),
        max_length=20,
        choices=FeedbackKind.choices,
        default=FeedbackKind.COMMENTS,
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("feedback policy")
        verbose_name_plural = _("feedback policies")

    def __str__(self):
        return f"{self.round} · {self.get_kind_display()}"


class FeedbackComment(models.Model):
    """The chair's decision on one judge's comment for the entrant: released (as written or as
    edited) or held back. A comment without one is not released."""

    review = models.OneToOneField(
        "judging.Review",
        on_delete=models.CASCADE,
        related_name="feedback_moderation",
        verbose_name=_("review"),
    )
    status = models.CharField(_("status"), max_length=20, choices=CommentStatus.choices)
    text = models.TextField(_("text released"), blank=True)
    moderated_at = models.DateTimeField(_("moderated"), auto_now=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )

    class Meta:
        verbose_name = _("moderated comment")
        verbose_name_plural = _("moderated comments")

    def __str__(self):
        return f"{self.review} · {self.get_status_display()}"


class Meeting(models.Model):
    """A jury meeting on a closed round: the agenda frozen when it starts (ordered by how
    unsettled each place is), the entry in focus that followers' screens show, and when it
    ended."""

    round = models.ForeignKey(
        "judging.Round", on_delete=models.CASCADE, related_name="meetings", verbose_name=_("round")
    )
    method = models.CharField(_("ranking method"), max_length=20, default="mean")
    top_n = models.PositiveSmallIntegerField(_("places at the cut"), default=3)
    agenda = models.JSONField(_("agenda"), default=list)
    focus_entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry in focus"),
    )
    # Bumped at every change of focus or decision: followers' screens swap only when it moves.
    version = models.PositiveIntegerField(_("version"), default=0)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("chaired by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("jury meeting")
        verbose_name_plural = _("jury meetings")
        ordering = ["round", "-started_at"]

    def __str__(self):
        return f"{self.round} · {self.started_at:%Y-%m-%d %H:%M}"


class MeetingAttendance(models.Model):
    """Someone who followed the meeting: recorded when they open or poll the follower view."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("attendee"),
    )
    first_seen_at = models.DateTimeField(_("joined"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), auto_now=True)

    class Meta:
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_attendance_unique"),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.user}"


class MeetingDecision(models.Model):
    """A decision recorded during a meeting (the decision itself, with its reason and results
    snapshot, is judging's `Decision`)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    decision = models.ForeignKey(
        "judging.Decision",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("decision"),
    )
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="+", verbose_name=_("entry")
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("decision in a meeting")
        verbose_name_plural = _("decisions in meetings")
        ordering = ["meeting", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.meeting} · {self.entry} · {self.outcome}"


class SecondLook(models.Model):
    """Extra reviews the chair asked for after the round closed, for the entries nearest the cut
    or with the largest disagreement; their judges may review them until `deadline`."""

    round = models.ForeignKey(
        "judging.Round",
        on_delete=models.CASCADE,
        related_name="second_looks",
        verbose_name=_("round"),
    )
    basis = models.CharField(_("entries chosen"), max_length=20, choices=SecondLookBasis.choices)
    entries = models.PositiveIntegerField(_("number of entries"))
    extra_reviews = models.PositiveSmallIntegerField(_("extra reviews per entry"), default=1)
    top_n = models.PositiveSmallIntegerField(_("places at the cut"), default=3)
    deadline = models.DateTimeField(_("deadline for the extra reviews"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    assignments = models.ManyToManyField(
        "judging.Assignment", related_name="second_looks", verbose_name=_("assignments")
    )

    class Meta:
        verbose_name = _("second look")
        verbose_name_plural = _("second looks")
        ordering = ["round", "-requested_at"]

    def __str__(self):
        return f"{self.round} · {self.get_basis_display()} · {self.requested_at:%Y-%m-%d}"
