"""Calendar invitations by email: to the finalist's team and the slot's panel, each person in
their own language, the ICS file attached (`finals.calendar`)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.mail import email_enqueue
from finals.calendar import slot_calendar


def slot_recipients(*, slot, panel) -> list:
    """The finalist's owner and team members, and the panel; each person once."""
    people = {slot.entry.owner_id: slot.entry.owner}
    for member in slot.entry.team.select_related("user"):
        if member.user_id:
            people.setdefault(member.user_id, member.user)
    for user in panel:
        people.setdefault(user.pk, user)
    return list(people.values())


def slot_invitations_send(*, slot, panel, cancel: bool = False) -> int:
    """Queue one email per recipient (their language) with the slot's ICS in the outbox;
    returns how many."""
    sent = 0
    team = {slot.entry.owner_id, *slot.entry.team.values_list("user_id", flat=True)}
    slot_url = settings.SITE_URL + reverse("finals:slot-detail", kwargs={"pk": slot.pk})
    method = "CANCEL" if cancel else "REQUEST"
    for user in slot_recipients(slot=slot, panel=panel):
        with translation.override(user.email_language):
            context = {
                "slot": slot,
                "day": slot.pitch_day,
                "user": user,
                "cancel": cancel,
                "slot_url": slot_url if user.pk in team else "",
            }
            subject = render_to_string("emails/pitch_slot_subject.txt", context)
            body = render_to_string("emails/pitch_slot_body.txt", context)
            ics = slot_calendar(slot=slot, cancel=cancel).decode()
        message = EmailMessage(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.splitlines()).strip(),
            body.strip(),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        message.attach("pitch.ics", ics, f"text/calendar; method={method}; charset=utf-8")
        email_enqueue(message, language=user.email_language, related=slot.entry)
        sent += 1
    return sent
