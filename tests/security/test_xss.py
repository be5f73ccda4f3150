"""The XSS sweep: payloads typed into every free-text field, through the real forms and services,
then every page, email, feed and export showing that text is checked for injected markup.

One season is built once for the module (inside a transaction rolled back at the end): each field
gets payloads (long text fields all of them at once), and every response is kept. The tests then
read the kept responses, so adding a check costs no extra database work.
"""

import csv
import datetime as dt
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from awards.markdown import markdown_render
from awards.models import Award, Category, Winner
from awards.templatetags.awards_tags import jsonld
from judging.enums import JuryRole, Visibility
from judging.models import Assignment, Decision, JuryMember, Round
from judging.services.assignments import assignment_add
from judging.services.outcomes import edition_results_notify
from publishing.models import Correction, TeamCheck
from submissions.enums import QuestionKind
from submissions.exports import csv_cell_neutralise
from submissions.models import Entry, TeamInvitation
from tests.clients import LaurelClient as Client
from tests.factories import (
    EditionFactory,
    JuryMemberFactory,
    RoundEntryFactory,
    UserFactory,
    WinnerPhotoFactory,
)
from tests.judging.builders import submitted_entry
from tests.security.payloads import ALL, EMAILS, FILE_NAMES, FORMULAS, PAYLOADS
from tests.submissions.samples import PDF, organiser

# The mark also makes pytest-django create the test database, which the module fixture uses.
pytestmark = pytest.mark.django_db

MARKDOWN = ALL + " [x](javascript:alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=) <b>b</b>"


def payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


# --- checking HTML -------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "style", "math", "frame", "frameset"}


# The jury's review page frames an entry's PDFs from our own attachment view: that one is ours.
_OUR_PDF_FRAME = re.compile(r"^(/sv)?/jury/reviews/\d+/files/\d+/view/$")


def _our_pdf_frame(tag: str, attributes: dict) -> bool:
    return tag == "iframe" and bool(_OUR_PDF_FRAME.match(attributes.get("src") or ""))


class _Inspector(HTMLParser):
    """Collects what a payload would have injected, and the page's text (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._bodies = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            if attributes.get("type") == "application/ld+json":
                self._in_json_ld = True
            elif not (src.startswith(settings.STATIC_URL) or src == "/admin/jsi18n/"):
                self.problems.append(f"<script> {attrs}")
        if tag in FORBIDDEN_TAGS and not _our_pdf_frame(tag, attributes):
            self.problems.append(f"<{tag}> {attrs}")
        if tag == "body":
            self._bodies += 1
            if self._bodies > 1:
                self.problems.append("a second <body>")
        if tag == "img" and attributes.get("src") == "x":
            self.problems.append(f"<img> {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "autofocus" and tag not in ("input", "textarea", "select"):
                self.problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)
        else:
            self.text.append(data)


def inspect_html(html: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def page_text(html: str) -> str:
    return " ".join("".join(inspect_html(html).text).split())


# --- the season ----------------------------------------------------------------------------------


def _html(response) -> str:
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return response.content.decode()


def _post_ok(client, url, data, **extra):
    response = client.post(url, data, **extra)
    assert response.status_code in (200, 302), (url, response.status_code)
    if response.status_code == 200:
        errors = getattr(response.context, "get", lambda _k: None)("form")
        assert not (errors and errors.errors), (url, errors.errors)
    return response


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _profile(client, *, display_name: str, organisation: str) -> None:
    _post_ok(
        client,
        reverse("accounts:profile-edit"),
        {"display_name": display_name, "organisation": organisation},
    )


def _admin_add(client, model: str, data: dict, inlines: dict[str, list[dict]]) -> None:
    """Add an object through the admin's own form, with its inline formsets."""
    for prefix, forms in inlines.items():
        data |= {f"{prefix}-TOTAL_FORMS": str(len(forms)), f"{prefix}-INITIAL_FORMS": "0"}
        for index, form in enumerate(forms):
            data |= {f"{prefix}-{index}-{name}": value for name, value in form.items()}
    response = client.post(f"/admin/{model}/add/", data)
    if response.status_code != 302:
        context = response.context
        errors = [context["adminform"].form.errors] if context else []
        errors += [f.formset.errors for f in context["inline_admin_formsets"]] if context else []
        raise AssertionError((model, response.status_code, errors))


def _split(moment: dt.datetime, name: str) -> dict:
    """The admin's split date and time inputs for `moment`."""
    local = timezone.localtime(moment)
    return {f"{name}_0": local.strftime("%Y-%m-%d"), f"{name}_1": local.strftime("%H:%M:%S")}


def _question(position: int, kind: str, **fields) -> dict:
    return {
        "position": str(position),
        "kind": kind,
        "label_en": payload(position + 1),
        "label_sv": payload(position + 2),
        "help_text_en": ALL,
        "help_text_sv": ALL,
        "allowed_types": "pdf",
        "max_file_size_mb": "20",
        "max_files": "3",
    } | fields


def _build() -> dict:
    pages: dict[str, str] = {}
    downloads: dict[str, bytes] = {}
    yesterday = timezone.now() - dt.timedelta(days=1)

    # Organiser-written texts, typed into the admin.
    admin_user = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(admin_user, generate_totp_secret())
    as_admin = _client(admin_user)
    award_texts = {
        "slug": "xss",
        "code": "XSS",
        "name_en": payload(3),
        "name_sv": payload(4),
        "description_en": ALL,
        "description_sv": ALL,
        "organiser": payload(1),
        "website": "",
    }
    _admin_add(as_admin, "awards/award", award_texts, {"editions": []})
    award = Award.objects.get(slug="xss")
    edition = EditionFactory(award=award, year=2026)
    category_texts = {
        "edition": edition.pk,
        "slug": "idea",
        "code": "IDEA",
        "position": "0",
        "name_en": payload(0),
        "name_sv": payload(6),
        "description_en": ALL,
        "description_sv": ALL,
        "eligibility_en": ALL,
        "eligibility_sv": ALL,
        "prize_en": payload(10),
        "prize_sv": payload(9),
        "max_entries_per_entrant": "1",
        "entries_editable_after_submission": "on",
    }
    questions = [
        _question(0, QuestionKind.SHORT_TEXT),
        _question(1, QuestionKind.LONG_TEXT),
        _question(2, QuestionKind.SINGLE_CHOICE, choices_en=f"{payload(0)}\n{payload(1)}"),
        _question(3, QuestionKind.FILE),
    ]
    empty = {"winners": [], "jury": [], "rounds": []}
    _admin_add(as_admin, "awards/category", category_texts, empty | {"questions": questions})
    category = Category.objects.get(edition=edition, slug="idea")
    short, long, choice, files = category.questions.order_by("position")

    # The entrant fills in the profile, the entry, the files and the team, then submits.
    entrant = UserFactory(email="entrant@example.org")
    as_entrant = _client(entrant)
    _profile(as_entrant, display_name=payload(1), organisation=payload(2))
    as_entrant.post(reverse("submissions:entry-create", kwargs={"category_id": category.pk}))
    entry = Entry.objects.get(owner=entrant)
    entry_data = {
        "title": payload(0),
        "pitch": ALL,
        "organisation": payload(7),
        f"q_{short.pk}": ALL,
        f"q_{long.pk}": ALL,
        f"q_{choice.pk}": payload(1),
    }
    autosave = as_entrant.post(
        reverse("submissions:entry-autosave", kwargs={"pk": entry.pk}),
        entry_data | {"revision": 0},
    )
    pages["entrant: autosave status"] = _html(autosave)
    entry.refresh_from_db()
    _post_ok(
        as_entrant,
        reverse("submissions:entry-edit", kwargs={"pk": entry.pk}),
        entry_data | {"revision": entry.revision},
    )
    for index, name in enumerate(FILE_NAMES, start=1):
        response = as_entrant.post(
            reverse(
                "submissions:attachment-upload",
                kwargs={"entry_pk": entry.pk, "question_pk": files.pk},
            ),
            {"file": SimpleUploadedFile(name, PDF, content_type="application/pdf")},
            headers={"X-Requested-With": "XMLHttpRequest"},
        )
        pages[f"entrant: upload result {index}"] = _html(response)
    for email in EMAILS:
        _post_ok(
            as_entrant, reverse("submissions:team-edit", kwargs={"pk": entry.pk}), {"email": email}
        )
    entry.refresh_from_db()
    _post_ok(
        as_entrant,
        reverse("submissions:entry-submit", kwargs={"pk": entry.pk}),
        {"revision": entry.revision},
    )
    entry.refresh_from_db()
    assert entry.reference, "the entry was not submitted"

    # Two more entries with other payloads, so the tables and exports have several rows.
    others = [
        submitted_entry(
            category=category,
            title=payload(index),
            owner=UserFactory(display_name=payload(index + 1), organisation=payload(index + 2)),
            answers={short: ALL, long: ALL},
        )
        for index in (11, 20)
    ]
    entries = [entry, *others]

    # The jury: names and organisations from the profile form; a judge invited by name.
    judges = [UserFactory(email=f"judge{n}@judges.example") for n in range(3)]
    chair = UserFactory(email="chair@judges.example")
    for index, person in enumerate([*judges, chair]):
        _profile(
            _client(person), display_name=payload(12 + index), organisation=payload(16 + index)
        )
        JuryMemberFactory(
            category=category, user=person, role=JuryRole.CHAIR if person == chair else "judge"
        )
    as_chair = _client(chair)
    _post_ok(
        as_chair,
        reverse("judging:jury-list", kwargs={"category_id": category.pk}),
        {"email": EMAILS[0], "name": payload(8), "role": JuryRole.JUDGE},
    )
    criterion = {
        "weight": "1",
        "scale_min": "1",
        "scale_max": "5",
        "required": "on",
        "guidance_en": ALL,
        "guidance_sv": ALL,
        "descriptors_en": "\n".join(PAYLOADS[:5]),
        "descriptors_sv": "\n".join(PAYLOADS[5:10]),
    }
    round_texts = {
        "category": category.pk,
        "position": "1",
        "name_en": payload(17)[:100],
        "name_sv": payload(18)[:100],
        "reviews_per_entry": "2",
        "visibility": Visibility.AFTER_OWN_REVIEW,
        "status": "open",
        "reminder_days_before": "3",
        "mode": "rubric",
        "ranking_method": "borda",
        "screening_threshold": "0.50",
        "comparisons_per_entry": "4",
        **_split(timezone.now() - dt.timedelta(days=1), "opens_at"),
        **_split(timezone.now() + dt.timedelta(days=14), "closes_at"),
    }
    criteria_forms = [
        criterion | {"position": str(n), "name_en": payload(n + 5)[:100], "name_sv": payload(n)}
        for n in range(2)
    ]
    _admin_add(as_admin, "judging/round", round_texts, {"criteria": criteria_forms})
    round_ = Round.objects.get(category=category)
    criteria = list(round_.criteria.all())
    for item in entries:
        RoundEntryFactory(round=round_, entry=item)
    judge, second, conflicted = judges
    for item in entries:
        assignment_add(round=round_, entry=item, judge=judge, actor=chair)
        assignment_add(round=round_, entry=item, judge=second, actor=chair)

    # A conflict of interest declared with a note.
    as_conflicted = _client(conflicted)
    pages["judge: conflict declare"] = _html(as_conflicted.get(reverse("judging:conflict-declare")))
    _post_ok(
        as_conflicted,
        reverse("judging:conflict-declare"),
        {
            "entry": others[0].pk,
            f"e{others[0].pk}-kind": "professional",
            f"e{others[0].pk}-note": ALL,
        },
    )

    # Chair pages before the reviews, and a reminder.
    progress_url = reverse("judging:round-progress", kwargs={"round_id": round_.pk})
    _post_ok(
        as_chair,
        reverse("judging:round-remind", kwargs={"round_id": round_.pk, "judge_id": second.pk}),
        {},
    )

    # Reviews with comments and feedback, through the review form.
    for person in (judge, second):
        as_judge = _client(person)
        mine = Assignment.objects.filter(round=round_, judge=person).order_by("pk")
        for index, assignment in enumerate(mine, start=1):
            url = reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})
            version = as_judge.get(url).context["version"]
            data = {f"score_{c.pk}": "4" for c in criteria}
            data |= {"comment": ALL, "feedback": ALL, "version": version}
            autosave = as_judge.post(
                reverse("judging:review-autosave", kwargs={"assignment_id": assignment.pk}), data
            )
            pages[f"judge: review autosave {person.email} {index}"] = _html(autosave)
            version = as_judge.get(url).context["version"]
            _post_ok(
                as_judge,
                reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk}),
                data | {"version": version},
            )
    reopened = Assignment.objects.filter(round=round_, judge=judge).first()
    _post_ok(as_chair, reverse("judging:review-reopen", kwargs={"assignment_id": reopened.pk}), {})
    as_judge = _client(judge)
    url = reverse("judging:review-edit", kwargs={"assignment_id": reopened.pk})
    version = as_judge.get(url).context["version"]
    _post_ok(
        as_judge,
        reverse("judging:review-submit", kwargs={"assignment_id": reopened.pk}),
        {f"score_{c.pk}": "5" for c in criteria}
        | {"comment": ALL, "feedback": ALL, "version": version},
    )
    mine = Assignment.objects.filter(round=round_, judge=second).order_by("pk")
    for index, assignment in enumerate(mine, start=1):
        url = reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})
        pages[f"judge: review page {index}"] = _html(_client(second).get(url))
    pages["judge: dashboard"] = _html(as_judge.get(reverse("judging:dashboard")))

    pages["chair: round progress"] = _html(as_chair.get(progress_url))
    pages["chair: round close"] = _html(
        as_chair.get(reverse("judging:round-close", kwargs={"round_id": round_.pk}))
    )
    pages["chair: assignments"] = _html(
        as_chair.get(reverse("judging:assignment-list", kwargs={"round_id": round_.pk}))
    )
    pages["chair: jury"] = _html(
        as_chair.get(reverse("judging:jury-list", kwargs={"category_id": category.pk}))
    )
    pages["chair: conflicts"] = _html(
        as_chair.get(reverse("judging:conflict-list", kwargs={"category_id": category.pk}))
    )
    _post_ok(as_chair, reverse("judging:round-close", kwargs={"round_id": round_.pk}), {})

    # The chair's decision with its reason.
    results_url = reverse("judging:round-results", kwargs={"round_id": round_.pk})
    form = as_chair.get(results_url).context["form"]
    outcome = next(value for value, _label in form.fields["outcome"].choices if value)
    _post_ok(
        as_chair,
        results_url,
        {"entries": [entry.pk, others[0].pk], "outcome": outcome, "reason": ALL},
    )
    assert Decision.objects.filter(round=round_).count() == 2
    pages["chair: results"] = _html(as_chair.get(results_url))
    snapshot = Decision.objects.filter(round=round_).first().snapshot
    pages["chair: results snapshot"] = _html(
        as_chair.get(
            reverse(
                "judging:results-snapshot-detail", kwargs={"round_id": round_.pk, "pk": snapshot.pk}
            )
        )
    )
    for what in ("results", "scores"):
        for fmt in ("csv", "xlsx"):
            url = reverse(
                f"judging:round-{what}-export", kwargs={"round_id": round_.pk, "fmt": fmt}
            )
            response = as_chair.get(url)
            assert response.status_code == 200
            downloads[f"{what}.{fmt}"] = response.content

    # The organiser rules on eligibility with a reason, and reads the lists and the audit log.
    staff = organiser("view_entry", "change_entry", award=edition.award)
    as_staff = _client(staff)
    _post_ok(
        as_staff,
        reverse("submissions:organiser-entry-eligibility", kwargs={"pk": others[1].pk}),
        {"eligibility": "ineligible", "reason": ALL},
    )
    edition_kwargs = {"edition_pk": edition.pk}
    pages["organiser: editions"] = _html(
        as_staff.get(reverse("submissions:organiser-edition-list"))
    )
    pages["organiser: entries"] = _html(
        as_staff.get(reverse("submissions:organiser-entry-list", kwargs=edition_kwargs))
    )
    pages["organiser: entries search"] = _html(
        as_staff.get(
            reverse("submissions:organiser-entry-list", kwargs=edition_kwargs), {"q": payload(1)}
        )
    )
    pages["organiser: audit"] = _html(
        as_staff.get(reverse("submissions:organiser-audit-list", kwargs=edition_kwargs))
    )
    for index, item in enumerate(entries, start=1):
        pages[f"organiser: entry {index}"] = _html(
            as_staff.get(reverse("submissions:organiser-entry-detail", kwargs={"pk": item.pk}))
        )
    response = as_staff.get(reverse("submissions:organiser-entry-export", kwargs=edition_kwargs))
    downloads["entries.csv"] = b"".join(response.streaming_content)

    # The entrant's own pages, and an invitee's view of the team invitation.
    entry_kwargs = {"pk": entry.pk}
    for name, url in {
        "entrant: entries": reverse("submissions:entry-list"),
        "entrant: edit": reverse("submissions:entry-edit", kwargs=entry_kwargs),
        "entrant: review": reverse("submissions:entry-review", kwargs=entry_kwargs),
        "entrant: confirmation": reverse("submissions:entry-confirmation", kwargs=entry_kwargs),
        "entrant: versions": reverse("submissions:version-list", kwargs=entry_kwargs),
        "entrant: version 1": reverse(
            "submissions:version-detail", kwargs={"pk": entry.pk, "number": 1}
        ),
        "entrant: team": reverse("submissions:team-edit", kwargs=entry_kwargs),
        "entrant: withdraw": reverse("submissions:entry-withdraw", kwargs=entry_kwargs),
        "entrant: profile": reverse("accounts:profile-edit"),
        "entrant: my data": reverse("accounts:data"),
        "entrant: category call": category.get_absolute_url(),
    }.items():
        pages[name] = _html(as_entrant.get(url))
    response = as_entrant.get(reverse("accounts:data-export"))
    downloads["my-data.zip"] = b"".join(response.streaming_content)
    invitation = TeamInvitation.objects.filter(entry=entry).first()
    invitee = _client(UserFactory(email="invitee@example.org"))
    pages["invitee: team invitation"] = _html(
        invitee.get(reverse("submissions:invitation-accept", kwargs={"token": invitation.token}))
    )
    member = JuryMember.objects.get(category=category, user=None)
    pages["invitee: jury invitation"] = _html(
        invitee.get(reverse("judging:invitation-accept", kwargs={"token": member.token}))
    )

    # The winner story, summary and citation, and a photo, published with the results.
    winner_texts = {
        "category": category.pk,
        "placement": "winner",
        "slug": "turn-up",
        "position": "0",
        "entry": entry.pk,
        "names": payload(1),
        "organisation": payload(7),
        "idea_title": payload(0),
        "summary_en": ALL,
        "summary_sv": ALL,
        "story_en": MARKDOWN,
        "story_sv": MARKDOWN,
        "citation_en": ALL,
        "citation_sv": ALL,
    }
    _admin_add(as_admin, "awards/winner", winner_texts, {"photos": []})
    winner = Winner.objects.get(category=category, slug="turn-up")
    # The organiser's publication pages and the team's check, full of payloads, before publishing.
    check = TeamCheck.objects.create(winner=winner)
    Correction.objects.create(team_check=check, field="idea_title", text=ALL, proposed_by=entrant)
    for name, url in {
        "organiser: winner pages": reverse("publishing:winner-list", kwargs={"pk": edition.pk}),
        "organiser: winner page edit": reverse("publishing:winner-edit", kwargs={"pk": winner.pk}),
        "organiser: publication": reverse(
            "publishing:edition-publication", kwargs={"pk": edition.pk}
        ),
    }.items():
        pages[name] = _html(as_admin.get(url))
    pages["entrant: winner page check"] = _html(
        as_entrant.get(reverse("publishing:team-check", kwargs={"pk": winner.pk}))
    )
    # Published with the results (the drafts the decision made stay drafts), without the checklist.
    Winner.objects.filter(pk=winner.pk).update(publish_at=yesterday)
    winner.refresh_from_db()
    WinnerPhotoFactory(
        winner=winner, alt_text_en=payload(1), alt_text_sv=payload(8), caption_en=payload(0),
        credit=payload(7),
    )  # fmt: skip
    edition.results_publish_at = yesterday
    edition.save()
    edition_results_notify(edition=edition)

    for model in ("awards/award", "awards/category", "awards/winner", "submissions/entry"):
        pages[f"admin: {model} list"] = _html(as_admin.get(f"/admin/{model}/"))
    pages["admin: winner change"] = _html(as_admin.get(f"/admin/awards/winner/{winner.pk}/change/"))
    pages["admin: entry change"] = _html(
        as_admin.get(f"/admin/submissions/entry/{entry.pk}/change/")
    )
    pages["organiser: winner preview"] = _html(
        as_admin.get(reverse("public:winner-preview", kwargs={"pk": winner.pk}))
    )

    anonymous = Client()
    public = {
        "home": reverse("home"),
        "award": award.get_absolute_url(),
        "edition": edition.get_absolute_url(),
        "category": category.get_absolute_url(),
        "winner": winner.get_absolute_url(),
    }
    feed, sitemap = reverse("public:winners-feed"), reverse("sitemap")
    for prefix in ("", "/sv"):
        for name, url in public.items():
            pages[f"public: {name} {prefix or '/en'}"] = _html(anonymous.get(prefix + url))
        response = anonymous.get(prefix + feed)
        assert response.status_code == 200
        downloads[f"feed {prefix or '/en'}"] = response.content
    downloads["sitemap"] = anonymous.get(sitemap).content
    return {"pages": pages, "downloads": downloads}


@pytest.fixture(scope="module")
def season(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every page, email and download of one season full of payloads (rolled back afterwards)."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    if not settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        storages = settings.STORAGES
    with django_db_blocker.unblock(), override_settings(STORAGES=storages, MEDIA_ROOT=media):
        name = str(connection.settings_dict["NAME"])
        assert Path(name).name.startswith("test_") or "memory" in name, f"not a test DB: {name}"
        cache.clear()
        mail.outbox = []
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                built = _build()
            built["emails"] = list(mail.outbox)
            transaction.set_rollback(True)
        cache.clear()
    return built


# --- the checks ----------------------------------------------------------------------------------

JSON_LD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.DOTALL)
# Characters that make a payload dangerous in HTML text when they reach the page unescaped (quotes
# matter only inside attributes, where an injected attribute is caught by the parser checks).
MARKUP = re.compile(r"[<>]")
# Pages that show long text fields (holding every payload at once) as text.
SHOWS_EVERY_PAYLOAD = [
    "entrant: edit",
    "entrant: review",
    "entrant: version 1",
    "judge: review page 1",
    "judge: conflict declare",
    "chair: conflicts",
    "organiser: entry 1",
    "organiser: entry 3",
    "public: award /en",
    "public: category /en",
    "public: winner /en",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_every_page_was_built(season):
    pages = season["pages"]

    assert len(pages) >= 50
    assert set(SHOWS_EVERY_PAYLOAD) <= set(pages)


def test_pages_have_no_injected_element_attribute_or_url(season):
    problems = {
        name: inspect_html(html).problems
        for name, html in season["pages"].items()
        if inspect_html(html).problems
    }

    assert problems == {}


# Payloads without < or > are inert in HTML text; attribute breakouts are caught by the parser.
@pytest.mark.parametrize("text", [p for p in PAYLOADS if MARKUP.search(p)])
def test_payload_never_reaches_a_page_unescaped(season, text):
    found = [name for name, html in season["pages"].items() if text in html]

    assert found == []


@pytest.fixture(scope="module")
def shown(season):
    """The text a reader sees on the pages that show every payload."""
    return {name: page_text(season["pages"][name]) for name in SHOWS_EVERY_PAYLOAD}


@pytest.mark.parametrize("text", PAYLOADS)
def test_payload_is_shown_as_the_text_that_was_typed(shown, text):
    missing = [name for name, page in shown.items() if text not in page]

    assert missing == []


def test_json_ld_blocks_parse_and_cannot_end_their_script(season):
    blocks = {
        name: JSON_LD.findall(html) for name, html in season["pages"].items() if "ld+json" in html
    }
    opening = len('<script type="application/ld+json">')

    bad = [
        name
        for name, found in blocks.items()
        for block in found
        if re.search(r"[<>&]", block[opening : -len("</script>")])
    ]

    assert bad == []
    winner = json.loads(JSON_LD.findall(season["pages"]["public: winner /en"])[0][opening:-9])
    assert (winner["about"]["name"], winner["description"]) == (payload(1), ALL)


def test_emails_are_plain_text_and_show_the_text_as_typed(season):
    emails = season["emails"]
    kinds = {message.subject.split(" ", 1)[0] for message in emails}

    assert len(emails) >= 8, kinds
    assert [m.subject for m in emails if getattr(m, "alternatives", None)] == []
    assert [m.subject for m in emails if m.content_subtype != "plain"] == []
    assert [m.subject for m in emails if "\n" in m.subject or "\r" in m.subject] == []
    escaped = re.compile(r"&(lt|gt|amp|quot|#x27|#39);")
    assert [m.subject for m in emails if escaped.search(m.subject + m.body)] == []


def test_emails_name_the_entry_and_jury_as_typed(season):
    bodies = "\n".join(message.body for message in season["emails"])

    assert payload(0) in bodies  # the entry's title, in the receipt and the outcome email
    assert payload(1) in bodies  # the inviter's display name, in the team invitation


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("name", ["entries.csv", "results.csv", "scores.csv"])
def test_csv_export_neutralises_formula_cells(season, name):
    rows = _csv_rows(season["downloads"][name])

    dangerous = [
        cell
        for row in rows
        for cell in row
        if cell.startswith(FORMULA_START) and not _is_number(cell)
    ]

    assert len(rows) >= 2
    assert dangerous == []


def test_entries_csv_keeps_the_formula_text_behind_a_quote(season):
    cells = {cell for row in _csv_rows(season["downloads"]["entries.csv"]) for cell in row}

    assert "'" + payload(20) in cells  # a title
    assert "'" + payload(21) in cells or "'" + payload(22) in cells  # the owner's name or lab
    assert payload(0) in cells  # markup is data in a CSV: kept as typed


@pytest.mark.parametrize("name", ["results.xlsx", "scores.xlsx"])
def test_xlsx_export_has_no_formula_cells(season, name):
    workbook = openpyxl.load_workbook(io.BytesIO(season["downloads"][name]))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]

    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    dangerous = [
        cell.value
        for cell in cells
        if cell.data_type == "s" and str(cell.value).startswith(FORMULA_START)
    ]

    assert len(cells) >= 4
    assert formulas == []
    assert dangerous == []


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("name", ["feed /en", "feed /sv"])
def test_atom_feed_texts_render_as_text_in_a_feed_reader(season, name):
    root = ElementTree.fromstring(  # noqa: S314 (our own response)
        season["downloads"][name]
    )
    entries = [
        entry
        for entry in root.findall(f"{ATOM}entry")
        if "/awards/xss/" in entry.find(f"{ATOM}link").get("href")
    ]
    # A feed reader renders type="html" content as HTML, and any other text as text.
    as_html = [
        element.text or ""
        for entry in entries
        for element in entry
        if element.get("type") in ("html", "xhtml")
    ]

    problems = [inspect_html(html).problems for html in as_html if inspect_html(html).problems]

    assert len(entries) == 1
    assert problems == []
    summary = entries[0].find(f"{ATOM}summary")
    shown = page_text(summary.text) if summary.get("type") == "html" else summary.text
    assert shown == ALL


def test_sitemap_lists_only_our_addresses(season):
    root = ElementTree.fromstring(  # noqa: S314 (our own response)
        season["downloads"]["sitemap"]
    )
    locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
    links = [element.get("href") for element in root.iter() if element.get("href")]

    assert locations
    assert [url for url in locations + links if not url.startswith(settings.SITE_URL)] == []
    assert [url for url in locations + links if MARKUP.search(url)] == []


def test_data_export_is_a_zip_of_json_and_files_with_the_text_as_typed(season):
    archive = zipfile.ZipFile(io.BytesIO(season["downloads"]["my-data.zip"]))

    data = json.loads(archive.read("laurel-data.json"))

    names = archive.namelist()
    assert names[0] == "laurel-data.json"
    assert sorted(name.rsplit("-", 1)[-1] for name in names[1:]) == sorted(
        name.rsplit("-", 1)[-1] for name in FILE_NAMES
    )
    assert [name for name in names if name.startswith("/") or ".." in name.split("/")] == []
    assert payload(1) in json.dumps(data, ensure_ascii=False)


# --- cheap checks of the building blocks, one payload at a time ----------------------------------

INERT = {"<!--<script>alert(1)</script>-->", "＜script＞alert(1)＜/script＞"}


@pytest.mark.parametrize("text", [p for p in PAYLOADS if MARKUP.search(p) and p not in INERT])
def test_inspector_catches_the_payload_left_unescaped(text):
    """The page checks above are only as good as the inspector: it must see every raw payload."""
    assert inspect_html(f"<p>{text}</p>").problems != []


@pytest.mark.parametrize("text", ["' onmouseover='alert(1)", '" autofocus onfocus="alert(1)'])
def test_inspector_catches_an_attribute_breakout(text):
    quote = text[0]

    assert inspect_html(f"<input value={quote}{text}{quote}>").problems != []


@pytest.mark.parametrize("text", PAYLOADS)
def test_markdown_render_keeps_no_script_or_script_url(text):
    html = markdown_render(text + f"\n\n[link]({text})")

    assert inspect_html(html).problems == []


@pytest.mark.parametrize("text", PAYLOADS)
def test_jsonld_filter_round_trips_without_markup(text):
    html = str(jsonld({"name": text}))

    assert inspect_html(html).problems == []
    assert re.search(r"[<>&]", html[len('<script type="application/ld+json">') : -9]) is None
    assert json.loads("".join(inspect_html(html).json_ld)) == {"name": text}


@pytest.mark.parametrize("text", PAYLOADS)
def test_csv_cell_neutralise_quotes_exactly_the_formulas(text):
    neutral = csv_cell_neutralise(text)

    assert neutral == ("'" + text if text in FORMULAS else text)
