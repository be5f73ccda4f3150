"""Outgoing emails, written in the same transaction as the change that causes them and sent by a
task; and the worker heartbeats that tell /healthz and the sweeper which workers are alive."""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outbox.enums import OutgoingEmailState


def _new_key() -> str:
    return uuid.uuid4().hex


class OutgoingEmail(models.Model):
    to = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text body"))
    html = models.TextField(_("HTML body"), blank=True)
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("Small text attachments, each [file name, text, MIME type]: a calendar file."),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        default=_new_key,
        help_text=_("The same key is never sent twice; it is also the message's Message-ID."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=OutgoingEmailState.choices,
        default=OutgoingEmailState.QUEUED,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sending_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    related_type = models.ForeignKey(
        ContentType,
        verbose_name=_("related object type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    related_id = models.PositiveBigIntegerField(_("related object id"), null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["related_type", "related_id"]),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-last_seen_at"]

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
