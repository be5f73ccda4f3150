"""Calendar invitations (ICS) for pitch slots, with the `icalendar` package.

One event per slot with a stable UID, so an update replaces the event in the recipient's
calendar: every change raises SEQUENCE (`PitchSlot.sequence`), a cancellation is sent with
METHOD:CANCEL and STATUS:CANCELLED. Times are in Stockholm time with the Europe/Stockholm
VTIMEZONE in the file. The summary and description are in the language active when the file is
made (the recipient's: see `finals.invitations`).
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
PRODID = "-//Laurel//Pitch day//EN"


def slot_uid(slot) -> str:
    return f"pitch-slot-{slot.pk}@laurel"


def slot_calendar(*, slot, cancel: bool = False, stamp=None) -> bytes:
    """The ICS file of `slot` (REQUEST, or CANCEL with `cancel`)."""
    day = slot.pitch_day
    round = day.round
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", slot_uid(slot))
    event.add("sequence", slot.sequence)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", slot.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", slot.ends_at.astimezone(STOCKHOLM))
    title = slot.entry.title
    event.add(
        "summary",
        _("Pitch: %(entry)s (%(category)s)") % {"entry": title, "category": round.category.name},
    )
    lines = [
        _("%(award)s, %(round)s: the pitch of %(entry)s to the jury.")
        % {"award": round.category.edition, "round": round.name, "entry": title}
    ]
    if day.video_link:
        lines.append(_("Video link: %(link)s") % {"link": day.video_link})
    event.add("description", "\n".join(lines))
    if day.place:
        event.add("location", day.place)
    if day.video_link:
        event.add("url", day.video_link)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(str(round.category.edition))
    event["organizer"] = organizer
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
