from django import template

from audit.describe import audit_event_details, audit_event_label

register = template.Library()
register.filter("audit_label", audit_event_label)
register.filter("audit_details", audit_event_details)
