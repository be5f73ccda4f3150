from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing someone did that organisers may need to account for later. Never edited."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    # What it acted on, by model label and primary key, so any app can record events.
    target_type = models.CharField(_("target type"), max_length=60, db_index=True)
    target_id = models.CharField(_("target id"), max_length=40, db_index=True)
    summary = models.CharField(_("what"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # The edition it belongs to, so organisers can read one edition's log.
    edition = models.ForeignKey(
        "awards.Edition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("edition"),
    )

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"
