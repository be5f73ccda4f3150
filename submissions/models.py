import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_single_line
from awards.translation import Translated
from submissions.enums import Eligibility, EntryStatus, QuestionKind, TeamRole


class Question(models.Model):
    """One question of a category's entry form, in the order organisers set."""

    category = models.ForeignKey(
        "awards.Category",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("category"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    label_en = models.CharField(_("label (English)"), max_length=300)
    label_sv = models.CharField(_("label (Swedish)"), max_length=300, blank=True)
    help_text_en = models.TextField(_("help text (English)"), blank=True)
    help_text_sv = models.TextField(_("help text (Swedish)"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices_en = models.TextField(
        _("choices (English)"), blank=True, help_text=_("For choice questions: one per line.")
    )
    choices_sv = models.TextField(
        _("choices (Swedish)"), blank=True, help_text=_("Same order as the English choices.")
    )
    min_words = models.PositiveIntegerField(_("minimum words"), null=True, blank=True)
    max_words = models.PositiveIntegerField(_("maximum words"), null=True, blank=True)
    allowed_types = models.CharField(
        _("allowed file types"),
        max_length=200,
        blank=True,
        default="pdf",
        help_text=_("Comma-separated, checked by content: pdf, png, jpg, docx, xlsx, pptx."),
    )
    max_file_size_mb = models.PositiveIntegerField(_("maximum file size (MB)"), default=20)
    max_files = models.PositiveSmallIntegerField(_("maximum number of files"), default=1)
    # Eligibility: an answer outside `eligible_answers` makes the entry ineligible.
    is_eligibility = models.BooleanField(
        _("eligibility question"),
        default=False,
        help_text=_("Answers can make an entry ineligible."),
    )
    eligible_answers = models.TextField(
        _("eligible answers"),
        blank=True,
        help_text=_("One per line, as the English choice; a checkbox's eligible answer is 'yes'."),
    )
    ineligible_message_en = models.TextField(_("ineligible message (English)"), blank=True)
    ineligible_message_sv = models.TextField(_("ineligible message (Swedish)"), blank=True)
    consent_version = models.CharField(
        _("consent version"),
        max_length=40,
        blank=True,
        help_text=_("For terms and consent checkboxes: the version of the text agreed to."),
    )

    label = Translated("label")
    help_text = Translated("help_text")
    ineligible_message = Translated("ineligible_message")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category", "position", "id"]

    def __str__(self):
        return self.label


class Entry(models.Model):
    """An entrant's idea in one category: a draft until submitted, then what the jury reads."""

    category = models.ForeignKey(
        "awards.Category",
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("category"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_entries",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    # Given at first submission, e.g. FSA-2026-IDEA-0007; `number` is the last part.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=60, unique=True, null=True, blank=True)
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_single_line]
    )
    pitch = models.TextField(
        _("short pitch"), blank=True, help_text=_("A few sentences the jury reads first.")
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_single_line]
    )
    eligibility = models.CharField(
        _("eligibility"), max_length=20, choices=Eligibility.choices, default=Eligibility.UNCHECKED
    )
    ineligible_reason = models.TextField(_("reason for ineligibility"), blank=True)
    consent_version = models.CharField(_("consent version"), max_length=40, blank=True)
    # Bumped by every save of the draft, so two tabs cannot silently overwrite each other.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # The revision last submitted: a later revision means changes the jury does not see yet.
    submitted_revision = models.PositiveIntegerField(_("submitted revision"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "number"], name="entry_unique_number_in_category"
            ),
        ]

    def __str__(self):
        return self.reference or self.title or str(_("Untitled entry"))

    def get_absolute_url(self):
        return reverse("submissions:entry-edit", kwargs={"pk": self.pk})

    @property
    def has_unsubmitted_changes(self) -> bool:
        return self.status == EntryStatus.SUBMITTED and self.revision != self.submitted_revision


class Answer(models.Model):
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="answers", verbose_name=_("entry")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    # Text, number, ISO date, "yes", or a list of chosen options (English choice text).
    value = models.JSONField(_("value"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["entry", "question"], name="answer_unique_question"),
        ]

    def __str__(self):
        return f"{self.entry_id}/{self.question_id}"


def attachment_key(instance, filename):
    """A server-generated key: the entrant's file name never reaches the storage."""
    return f"attachments/{instance.entry_id}/{uuid.uuid4().hex}"


def attachment_anonymous_key(instance, filename):
    """Beside the original: the same key with a suffix."""
    return f"{instance.file.name}-anonymous"


class LiveAttachmentManager(models.Manager):
    """Attachments still on the entry; removed ones are kept only for the versions naming them."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class Attachment(models.Model):
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("entry")
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("question"),
    )
    file = models.FileField(_("file"), upload_to=attachment_key, max_length=300)
    # What judges of a blind round download: made once, when a submitted version first names it.
    anonymous_file = models.FileField(
        _("copy without metadata"),
        upload_to=attachment_anonymous_key,
        max_length=320,
        blank=True,
        help_text=_("The file without author metadata, for judges in blind rounds."),
    )
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    removed_at = models.DateTimeField(
        _("removed"),
        null=True,
        blank=True,
        help_text=_("Removed from the entry but kept, because a submitted version names it."),
    )

    all_objects = models.Manager()
    objects = LiveAttachmentManager()

    class Meta:
        # Related managers (entry.attachments) show live attachments; Django's internals
        # (cascades, relations) see them all.
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["entry", "created_at", "id"]

    def __str__(self):
        return self.original_name


class EntryVersion(models.Model):
    """What was submitted, each time. The newest version is what the jury reads."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="versions", verbose_name=_("entry")
    )
    number = models.PositiveIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # Title, pitch, organisation, answers, team and attachment ids as they were submitted.
    content = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="entry_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.entry} v{self.number}"

    def get_absolute_url(self):
        return reverse(
            "submissions:version-detail", kwargs={"pk": self.entry_id, "number": self.number}
        )


class TeamMember(models.Model):
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="team", verbose_name=_("entry")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["entry", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "user"], name="team_member_unique_user"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


class TeamInvitation(models.Model):
    """An invitation to join an entry's team. Whoever accepts it, with any address, joins."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("entry")
    )
    email = models.EmailField(_("email address"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        ordering = ["entry", "created_at"]

    def __str__(self):
        return self.email


class DeadlineReminder(models.Model):
    """An email telling an entry's owner that the deadline is near and the entry is not (fully)
    submitted. One per entry and deadline: a second run sends nothing, a moved deadline sends
    one more."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="deadline_reminders", verbose_name=_("entry")
    )
    deadline = models.DateTimeField(_("deadline reminded of"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "deadline"], name="deadline_reminder_once_per_deadline"
            ),
        ]

    def __str__(self):
        return f"{self.entry} · {self.deadline:%Y-%m-%d %H:%M}"
