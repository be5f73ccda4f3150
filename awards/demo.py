"""Demo data for `manage.py seed_demo`: the Flemingsberg Science Award, an open call, a winner.

The winner page is written here as a draft; apps above awards add their parts of the demo through
`demo_step_register` (publishing publishes the 2024 edition through its reviewed step). The demo
claims nothing an organiser has not written: no invented prize, and the texts say they are demo
texts.
"""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from accounts.models import User
from awards.cache import public_pages_invalidate
from awards.enums import Placement
from awards.models import Award, AwardOrganiser, Category, Edition, Winner, WinnerPhoto
from awards.services import winner_photo_process

DEMO_PASSWORD = "laurel-demo-2026"  # noqa: S105 (set only when DEBUG is on)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ORGANISER_APPS = ["awards", "submissions", "judging"]

# Apps above awards add to the demo (a season in progress, a published edition) through this
# list, registered in their AppConfig.ready: awards imports none of them.
_demo_steps: list[Callable] = []


def demo_step_register(step: Callable) -> None:
    """`step(*, category, people, now)` runs at the end of every `demo_seed`, in its transaction,
    in the order registered; `category` is the 2026 IDEA category, `people` the demo users by
    role."""
    if step not in _demo_steps:
        _demo_steps.append(step)


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    display_name: str
    organisation: str
    is_staff: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("entrant", "entrant@laurel.example", "Elin Entrant", "Södertörn University"),
    DemoAccount("judge", "judge@laurel.example", "Johan Judge", "Karolinska Institutet"),
    DemoAccount("chair", "chair@laurel.example", "Cecilia Chair", "Flemingsberg Science"),
    DemoAccount(
        "organiser", "organiser@laurel.example", "Olof Organiser", "Flemingsberg Science", True
    ),
]


IDEA_DESCRIPTION_EN = (
    "The IDEA category rewards an early-stage idea with the potential to make a difference for "
    "people, society or the environment. The idea does not need to be tested yet: we look for "
    "originality, benefit and a credible first step."
)
IDEA_DESCRIPTION_SV = (
    "Kategorin IDÉ belönar en idé i tidigt skede som kan göra skillnad för människor, samhälle "
    "eller miljö. Idén behöver inte vara prövad än: vi söker originalitet, nytta och ett "
    "trovärdigt första steg."
)
IDEA_ELIGIBILITY_EN = (
    "Open to students, researchers, employees and founders with a connection to Flemingsberg or "
    "the south of Stockholm. The idea must not have received more than SEK 500,000 in funding."
)
IDEA_ELIGIBILITY_SV = (
    "Öppen för studenter, forskare, anställda och grundare med anknytning till Flemingsberg eller "
    "södra Stockholm. Idén får inte ha fått mer än 500 000 kronor i finansiering."
)


@transaction.atomic
def demo_seed(*, now: dt.datetime | None = None) -> list[tuple[DemoAccount, str | None]]:
    """Create or refresh the demo data; safe to run again. Returns each account with its password.

    Passwords are set only in development (DEBUG); elsewhere the accounts get unusable passwords.
    The 2026 call is (re)opened around `now`, so a demo seeded at any date has an open call.
    """
    # Kept as one script on purpose: the demo reads top to bottom as the season it stages.
    now = now or timezone.now()
    award, _ = Award.objects.update_or_create(
        slug="flemingsberg-science-award",
        defaults={
            "code": "FSA",
            "name_en": "Flemingsberg Science Award",
            "name_sv": "Flemingsberg Science Award",
            "organiser": "Flemingsberg Science",
            "website": "https://flemingsbergscience.se/",
            "description_en": (
                "Flemingsberg Science connects academia, business and society in Flemingsberg, "
                "south of Stockholm. The Flemingsberg Science Award celebrates ideas and "
                "innovations that grow from the region."
            ),
            "description_sv": (
                "Flemingsberg Science förenar akademi, näringsliv och samhälle i Flemingsberg, "
                "söder om Stockholm. Flemingsberg Science Award hyllar idéer och innovationer som "
                "växer fram i regionen."
            ),
        },
    )
    deadline = (now + dt.timedelta(days=45)).astimezone(STOCKHOLM)
    edition_2026, _ = Edition.objects.update_or_create(
        award=award,
        year=2026,
        defaults={
            "call_opens_at": now - dt.timedelta(days=30),
            "call_closes_at": deadline.replace(hour=12, minute=0, second=0, microsecond=0),
            "judging_starts_at": deadline + dt.timedelta(days=7),
            "judging_ends_at": deadline + dt.timedelta(days=40),
            "results_publish_at": None,
        },
    )
    idea_2026 = _category_idea(edition_2026)
    edition_2024, _ = Edition.objects.update_or_create(
        award=award,
        year=2024,
        defaults={
            "call_opens_at": dt.datetime(2024, 3, 1, 9, 0, tzinfo=STOCKHOLM),
            "call_closes_at": dt.datetime(2024, 5, 15, 12, 0, tzinfo=STOCKHOLM),
            "judging_starts_at": dt.datetime(2024, 5, 20, 9, 0, tzinfo=STOCKHOLM),
            "judging_ends_at": dt.datetime(2024, 9, 30, 17, 0, tzinfo=STOCKHOLM),
        },
    )
    idea_2024 = _category_idea(edition_2024)
    winner, _ = Winner.objects.update_or_create(
        category=idea_2024,
        slug="sally-sow-turn-up",
        defaults={
            "placement": Placement.WINNER,
            "names": "Sally Sow",
            "organisation": "Turn UP",
            "idea_title": "Turn UP",
            "summary_en": (
                "Turn UP is a platform that simplifies organising, discovering and joining local "
                "music events, with a focus on inclusion and accessibility."
            ),
            "summary_sv": (
                "Turn UP är en plattform som gör det enklare att organisera, hitta och delta i "
                "lokala musikevenemang, med fokus på inkludering och tillgänglighet."
            ),
            # Not the jury's words: the organiser replaces it with the jury's own citation.
            "citation_en": "Demo text: the jury writes its citation here.",
            "citation_sv": "Demotext: juryn skriver sin motivering här.",
            "story_en": STORY_EN,
            "story_sv": STORY_SV,
        },
    )
    _placeholder_photo(winner)
    accounts = [(account, _demo_account(account)) for account in DEMO_ACCOUNTS]
    people = {account.role: User.objects.get(email=account.email) for account in DEMO_ACCOUNTS}
    # Organisers belong to an award: the demo organiser runs the demo award.
    AwardOrganiser.objects.get_or_create(award=award, user=people["organiser"])
    for step in _demo_steps:
        step(category=idea_2026, people=people, now=now)
    public_pages_invalidate()
    return accounts


STORY_EN = """\
Sally Sow won the IDEA category of the Flemingsberg Science Award 2024 with **Turn UP**.

## The idea

Turn UP is a platform that makes it easier to organise, discover and join local music events.
It puts inclusion and accessibility first, so that more people can take part in the music life
around them.

## Why IDEA

The IDEA category rewards early ideas with the potential to make a difference for people and
society. Read more about the [Flemingsberg Science Award](https://flemingsbergscience.se/).

*Demo text: replace it with the organiser's own story.*
"""
STORY_SV = """\
Sally Sow vann kategorin IDÉ i Flemingsberg Science Award 2024 med **Turn UP**.

## Idén

Turn UP är en plattform som gör det enklare att organisera, hitta och delta i lokala
musikevenemang. Den sätter inkludering och tillgänglighet först, så att fler kan ta del av
musiklivet omkring sig.

## Varför IDÉ

Kategorin IDÉ belönar tidiga idéer som kan göra skillnad för människor och samhälle. Läs mer om
[Flemingsberg Science Award](https://flemingsbergscience.se/).

*Demotext: ersätt den med arrangörens egen berättelse.*
"""


def _placeholder_photo(winner: Winner) -> None:
    """A generated image standing in for a real photo, made once."""
    if winner.photos.exists():
        return
    photo = WinnerPhoto(
        winner=winner,
        alt_text_en="Placeholder image: the words Turn UP on a green background",
        alt_text_sv="Platshållarbild: orden Turn UP på grön bakgrund",
        caption_en="Turn UP, winner of IDEA 2024 (placeholder image).",
        caption_sv="Turn UP, vinnare av IDÉ 2024 (platshållarbild).",
    )
    photo.image.save("placeholder.png", ContentFile(_placeholder_png()), save=False)
    photo.save()
    winner_photo_process(photo=photo)


def _placeholder_png() -> bytes:
    width, height = 1600, 1000
    image = Image.new("RGB", (width, height), "#1d4d3a")
    draw = ImageDraw.Draw(image)
    for index in range(12):  # concentric rings, like sound spreading out
        radius = 120 + index * 90
        draw.ellipse(
            (
                width * 0.72 - radius,
                height * 0.5 - radius,
                width * 0.72 + radius,
                height * 0.5 + radius,
            ),
            outline="#2f6b53",
            width=6,
        )
    font = ImageFont.load_default(size=180)
    draw.text((120, height / 2), "Turn UP", fill="#ffffff", font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _category_idea(edition: Edition) -> Category:
    category, _ = Category.objects.update_or_create(
        edition=edition,
        slug="idea",
        defaults={
            "code": "IDEA",
            "name_en": "IDEA",
            "name_sv": "IDÉ",
            "description_en": IDEA_DESCRIPTION_EN,
            "description_sv": IDEA_DESCRIPTION_SV,
            "eligibility_en": IDEA_ELIGIBILITY_EN,
            "eligibility_sv": IDEA_ELIGIBILITY_SV,
            # No prize: the demo would be inventing one. The organiser writes the real prize.
            "prize_en": "",
            "prize_sv": "",
        },
    )
    return category


def _organisers_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Organisers")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
    return group


def _demo_account(account: DemoAccount) -> str | None:
    user, _ = User.objects.update_or_create(
        email=account.email,
        defaults={
            "display_name": account.display_name,
            "organisation": account.organisation,
            "is_staff": account.is_staff,
        },
    )
    password = DEMO_PASSWORD if settings.DEBUG else None
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if account.is_staff:
        user.groups.add(_organisers_group())
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return password
