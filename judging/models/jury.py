"""The jury: seats on a category's jury, and conflicts of interest between judges and entries."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_single_line
from judging.enums import (
    ConflictKind,
    ConflictSource,
    ConflictStatus,
    JuryRole,
)


def jury_token() -> str:
    return secrets.token_urlsafe(32)


class JuryMember(models.Model):
    """A place on a category's jury: invited by email, bound to whichever account accepts."""

    category = models.ForeignKey(
        "awards.Category", on_delete=models.CASCADE, related_name="jury", verbose_name=_("category")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=JuryRole.choices, default=JuryRole.JUDGE
    )
    email = models.EmailField(_("invited email address"))
    name = models.CharField(
        _("name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jury_memberships",
        verbose_name=_("account"),
    )
    token = models.CharField(_("invitation token"), max_length=64, unique=True, default=jury_token)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when a judge drops out.")
    )

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["category", "role", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "user"],
                condition=models.Q(user__isnull=False),
                name="jury_member_unique_user",
            ),
        ]

    def __str__(self):
        return f"{self.name or self.email} ({self.get_role_display()})"


class Conflict(models.Model):
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("entry"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("judge"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=ConflictSource.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ConflictStatus.choices, default=ConflictStatus.CONFIRMED
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or dismissed by"),
    )
    resolved_at = models.DateTimeField(_("confirmed or dismissed"), null=True, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["entry", "judge"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="conflict_unique_pair"),
        ]

    def __str__(self):
        return f"{self.judge} × {self.entry} ({self.get_kind_display()})"
