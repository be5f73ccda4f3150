from django import template
from django.db import models

from outbox.selectors import failed_emails_for

register = template.Library()


@register.inclusion_tag("outbox/_failed_emails.html", takes_context=True)
def failed_emails(context, related):
    """The failed emails of an object (an entry) or of a list of them (a jury's seats), with a
    "send again" button for organisers who may."""
    objects = [related] if isinstance(related, models.Model) else list(related)
    return {
        "emails": failed_emails_for(objects=objects),
        "perms": context.get("perms"),
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "next": context["request"].get_full_path() if context.get("request") else "",
    }
