"""The whole season in a real browser, once in English and once in Swedish: an organiser opens
the call; an entrant signs up, confirms the email, drafts, uploads a PDF, submits and gets a
receipt; a judge accepts the invitation, declares a conflict and scores the other entries; the
chair assigns automatically, closes the round, reads the results and records the winner; the
organiser completes the winner page the decision drafted, is refused publication while the call
is open, closes it and publishes; an anonymous visitor reads the winner page.

Each person has a browser context of their own. axe-core runs on every page the journey visits
and a screenshot of each step lands in test-artifacts/season-<lang>-<step>-<name>.png.
"""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from awards.models import AwardOrganiser, Winner
from judging.enums import DecisionOutcome, JuryRole, ReviewStatus, RoundStatus
from judging.models import Assignment, Conflict, Decision, Review
from judging.services.jury import jury_member_invite
from judging.services.reviews import review_submit
from submissions.enums import EntryStatus, QuestionKind
from submissions.models import Attachment, Entry
from tests.e2e.conftest import assert_accessible, screenshot
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JuryMemberFactory,
    QuestionFactory,
    RoundFactory,
    UserFactory,
)
from tests.judging.builders import submitted_entry
from tests.submissions.samples import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # UserFactory's
ENTRANT_PASSWORD = "Turn-UP-music-2026"
REVIEW_LOCKED = (
    "This review is submitted and locked. Ask the chair to reopen it if you need to change it."
)


def tr(lang: str, text: str) -> str:
    """The page's wording in `lang`: the same catalogue the server renders with."""
    with translation.override(lang):
        return gettext(text)


class Journey:
    """Pages of one run: numbered screenshots, axe on every page, the language on every page."""

    def __init__(self, *, browser, live_server, lang):
        self.browser, self.base, self.lang = browser, live_server.url, lang
        self.prefix = "" if lang == "en" else "/sv"
        self.step = 0
        self.contexts = []
        self.console_errors = []
        self.checked = set()

    def person(self):
        """A browser of one's own; in Swedish runs the person picks Svenska on the home page."""
        context = self.browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append((page.url, msg.text)),
        )
        page.goto(self.base + "/")
        if self.lang == "sv":
            page.get_by_role("button", name="Svenska").click()
            page.wait_for_url(self.base + "/sv/")
        self.check(page)
        return page

    def url(self, path: str) -> str:
        """An address in the run's language (English pages have no prefix)."""
        if not path.startswith(self.prefix + "/"):
            path = self.prefix + path
        return self.base + path

    def check(self, page, *, changed: bool = False) -> None:
        """The page is in the run's language and passes axe-core. A page seen before at the same
        address is checked again only when `changed` (new content such as a table or a form)."""
        page.wait_for_load_state()
        path = urlsplit(page.url).path
        assert page.get_attribute("html", "lang") == self.lang, page.url
        if changed or path not in self.checked:
            assert_accessible(page)
            self.checked.add(path)

    def shot(self, page, name: str) -> str:
        self.step += 1
        name = f"season-{self.lang}-{self.step:02d}-{name}"
        screenshot(page, name)
        return name

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def _sign_in(journey, page, *, email, password):
    page.get_by_role("link", name=tr(journey.lang, "Sign in"), exact=True).first.click()
    journey.check(page)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")


def _autosaved(page, field) -> None:
    """Leave the field and let autosave finish (it waits 1.5 s after typing), so no save races
    the next request: SQLite in tests takes one writer at a time."""
    field.blur()
    page.wait_for_timeout(1600)
    page.wait_for_load_state("networkidle")


def _mailed_path(email_to: str, pattern: str) -> str:
    """The path of the link matching `pattern` in the last email to `email_to`."""
    message = [m for m in mail.outbox if email_to in m.to][-1]
    link = re.search(pattern, message.body).group(0)
    return urlsplit(link).path


def _stockholm(moment: dt.datetime) -> tuple[str, str]:
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def _season(lang: str) -> dict:
    """What earlier seasons and the organiser's preparation left: the award, a call that opens
    tomorrow with its entry form, a round with criteria, two entries submitted by others, a jury
    (two judges, a chair, one pending invitation) and a staff organiser with an authenticator."""
    now = timezone.now()
    award = AwardFactory(
        slug="flemingsberg-science-award",
        code="FSA",
        name_en="Flemingsberg Science Award",
        name_sv="Flemingsberg Science Award",
    )
    edition = EditionFactory(
        award=award,
        year=2026,
        call_opens_at=now + dt.timedelta(days=1),
        call_closes_at=now + dt.timedelta(days=30),
    )
    category = CategoryFactory(
        edition=edition, slug="idea", code="IDEA", name_en="Idea", name_sv="Idé"
    )
    plan = QuestionFactory(
        category=category,
        position=1,
        kind=QuestionKind.FILE,
        label_en="Business plan",
        label_sv="Affärsplan",
        allowed_types="pdf",
        max_files=1,
    )
    consent = QuestionFactory(
        category=category,
        position=2,
        kind=QuestionKind.CHECKBOX,
        label_en="I agree to the terms",
        label_sv="Jag godkänner villkoren",
        consent_version="terms-2026",
    )
    round = RoundFactory(category=category, name_en="Final", name_sv="Final", reviews_per_entry=2)
    criteria = [
        CriterionFactory(round=round, position=0, name_en="Novelty", name_sv="Nyhet"),
        CriterionFactory(round=round, position=1, name_en="Feasibility", name_sv="Genomförbarhet"),
    ]
    # Distinct email domains and organisations: no automatic affiliation flag changes the plan.
    rivals = [
        submitted_entry(
            category=category,
            title=title,
            owner=UserFactory(email=f"rival{n}@lab{n}.se", organisation=f"Lab {n}"),
        )
        for n, title in enumerate(["Quiet Streets", "Green Roofs"], start=1)
    ]
    others = [
        JuryMemberFactory(
            category=category, user=UserFactory(email=email, organisation=organisation)
        ).user
        for email, organisation in [("bo@kth.se", "KTH"), ("cia@su.se", "Stockholm University")]
    ]
    chair = JuryMemberFactory(
        category=category,
        role=JuryRole.CHAIR,
        user=UserFactory(email="chair@ki.se", display_name="Chris Chair", organisation="KI"),
    ).user
    judge = UserFactory(email="judge@uu.se", display_name="Jo Judge", organisation="Uppsala")
    with translation.override(lang):
        jury_member_invite(category=category, email=judge.email, invited_by=chair)
    organiser = UserFactory(email="organiser@flemingsberg.se", is_staff=True)
    AwardOrganiser.objects.create(award=edition.award, user=organiser)
    secret = generate_totp_secret()
    TOTP.activate(organiser, secret)
    organiser.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="awards"),
        *Permission.objects.filter(content_type__app_label="submissions", codename="view_entry"),
    )
    return {
        "edition": edition,
        "category": category,
        "plan": plan,
        "consent": consent,
        "round": round,
        "criteria": criteria,
        "rivals": rivals,
        "others": others,
        "chair": chair,
        "judge": judge,
        "organiser": organiser,
        "secret": secret,
    }


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_whole_season_in_the_browser(live_server, browser, lang):
    season = _season(lang)
    category, round, edition = season["category"], season["round"], season["edition"]
    journey = Journey(browser=browser, live_server=live_server, lang=lang)

    def t(text: str) -> str:
        return tr(lang, text)

    shots = []
    try:
        # 1. The organiser signs in with a password and an authenticator code, and opens the call.
        organiser = journey.person()
        _sign_in(journey, organiser, email=season["organiser"].email, password=PASSWORD)
        organiser.locator("input[name=code]").wait_for()
        journey.check(organiser)
        shots.append(journey.shot(organiser, "organiser-authenticator"))
        code = format_hotp_value(
            hotp_value(season["secret"], next(yield_hotp_counters_from_time()))
        )
        organiser.locator("input[name=code]").fill(code)
        organiser.locator("input[name=code]").press("Enter")
        # Organisers land on their season dashboard and open the call from the console.
        organiser.wait_for_url("**/organise/")
        journey.check(organiser)
        organiser.locator(f'a[href$="/organise/editions/{edition.pk}/edit/"]').click()
        journey.check(organiser)
        day, time = _stockholm(timezone.now() - dt.timedelta(minutes=1))
        organiser.locator("#id_call_opens_at").fill(f"{day}T{time[:5]}")
        organiser.locator("input[name=save]").click()
        organiser.locator(".alert-success").wait_for()
        journey.check(organiser)
        shots.append(journey.shot(organiser, "organiser-opens-call"))
        edition.refresh_from_db()
        assert category.is_open() is True

        # 2. The entrant signs up, confirms the address from the email and starts an entry.
        entrant = journey.person()
        entrant.get_by_role("link", name=t("Sign up")).click()
        journey.check(entrant)
        email = f"sally.{lang}@turnup.se"
        entrant.locator("input[name=email]").fill(email)
        entrant.locator("input[name=password1]").fill(ENTRANT_PASSWORD)
        entrant.locator("input[name=password2]").fill(ENTRANT_PASSWORD)
        shots.append(journey.shot(entrant, "entrant-sign-up"))
        entrant.locator("input[name=password2]").press("Enter")
        entrant.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
        journey.check(entrant)
        shots.append(journey.shot(entrant, "entrant-check-your-email"))
        entrant.goto(journey.url(_mailed_path(email, r"https?://\S+/confirm-email/\S+")))
        journey.check(entrant)
        entrant.get_by_role("button", name=t("Confirm")).click()
        entrant.get_by_role("button", name=t("Sign out")).wait_for()
        journey.check(entrant)

        entrant.goto(journey.url(category.get_absolute_url()))
        journey.check(entrant)
        shots.append(journey.shot(entrant, "entrant-call-open"))
        entrant.get_by_role("button", name=t("Start your entry")).click()
        entrant.get_by_label(t("Title")).wait_for()
        journey.check(entrant)
        entrant.get_by_label(t("Title")).fill("Turn UP")
        entrant.get_by_label(t("Short pitch")).fill("Local music events for everyone.")
        entrant.get_by_label(t("Organisation (optional)")).fill("Turn UP AB")
        _autosaved(entrant, entrant.get_by_label(t("Organisation (optional)")))
        entrant.locator(f"#attachment-file-{season['plan'].pk}").set_input_files(
            {"name": "Turn UP plan.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        entrant.get_by_role("button", name=t("Upload")).click()
        entrant.get_by_role("link", name="Turn UP plan.pdf").wait_for()
        consent = season["consent"].label_sv if lang == "sv" else season["consent"].label_en
        entrant.get_by_label(consent).check()
        _autosaved(entrant, entrant.get_by_label(consent))
        journey.check(entrant, changed=True)
        shots.append(journey.shot(entrant, "entrant-draft"))
        entrant.get_by_role("button", name=t("Review and submit")).click()
        entrant.get_by_role("button", name=t("Submit entry")).wait_for()
        journey.check(entrant)
        shots.append(journey.shot(entrant, "entrant-review"))
        entrant.get_by_role("button", name=t("Submit entry")).click()
        reference = entrant.locator(".entry-reference").first.inner_text()
        journey.check(entrant)
        shots.append(journey.shot(entrant, "entrant-receipt"))
        entry = Entry.objects.get(owner__email=email)
        assert (entry.status, entry.reference, entry.consent_version) == (
            EntryStatus.SUBMITTED,
            reference,
            "terms-2026",
        )
        assert reference == f"FSA-2026-IDEA-{entry.number:04d}"
        assert Attachment.objects.get(entry=entry).original_name == "Turn UP plan.pdf"
        receipts = [m for m in mail.outbox if email in m.to and reference in m.subject]
        assert len(receipts) == 1

        # 3. The judge follows the emailed invitation, signs in, accepts, declares a conflict.
        judge_user = season["judge"]
        judge = journey.person()
        judge.goto(journey.url(_mailed_path(judge_user.email, r"https?://\S+/jury/join/\S+")))
        journey.check(judge)
        judge.get_by_role("link", name=t("Sign in"), exact=True).last.click()
        journey.check(judge)
        judge.locator("input[name=login]").fill(judge_user.email)
        judge.locator("input[name=password]").fill(PASSWORD)
        judge.locator("input[name=password]").press("Enter")
        judge.get_by_role("button", name=t("Accept the invitation")).click()
        judge.get_by_role("heading", name=t("Declare conflicts of interest")).wait_for()
        journey.check(judge)
        rival = season["rivals"][0]
        card = judge.locator("section.card").filter(has_text=rival.title)
        card.get_by_text(t("Declare a conflict with this entry")).click()
        card.get_by_label(t("Kind of conflict")).select_option("personal")
        card.get_by_role("button", name=t("Declare conflict")).click()
        judge.locator(".alert-success").wait_for()
        journey.check(judge, changed=True)
        shots.append(journey.shot(judge, "judge-conflict-declared"))
        assert list(Conflict.objects.values_list("judge_id", "entry_id")) == [
            (judge_user.pk, rival.pk)
        ]

        # 4. The chair signs in and runs automatic assignment.
        chair = journey.person()
        _sign_in(journey, chair, email=season["chair"].email, password=PASSWORD)
        chair.goto(journey.url(f"/jury/rounds/{round.pk}/assignments/"))
        journey.check(chair)
        chair.get_by_role("link", name=t("Propose automatic assignment")).click()
        chair.get_by_role("button", name=t("Confirm and assign")).wait_for()
        journey.check(chair)
        shots.append(journey.shot(chair, "chair-assignment-proposal"))
        chair.get_by_role("button", name=t("Confirm and assign")).click()
        chair.locator(".alert-success").wait_for()
        journey.check(chair, changed=True)
        shots.append(journey.shot(chair, "chair-assignments"))
        # Three judges, two reviews per entry: two each, and never the conflicted pair.
        assert sorted(
            Assignment.objects.filter(judge=judge_user).values_list("entry_id", flat=True)
        ) == sorted([season["rivals"][1].pk, entry.pk])
        assert Assignment.objects.count() == 6

        # 5. The judge scores both entries assigned: Turn UP high, the other lower.
        scores = {entry.title: 5, season["rivals"][1].title: 2}
        judge.goto(journey.url("/jury/"))
        journey.check(judge)
        shots.append(journey.shot(judge, "judge-dashboard"))
        for title, value in scores.items():
            judge.goto(journey.url("/jury/"))
            judge.locator("tr").filter(has_text=title).get_by_role("link").click()
            judge.get_by_role("button", name=t("Submit review")).wait_for()
            for criterion in season["criteria"]:
                judge.locator(f"#score_{criterion.pk}-{value}").check()
            judge.get_by_label(t("Comment for the jury")).fill(f"{title}: {value} of 5.")
            if title == entry.title:
                journey.check(judge)
                shots.append(journey.shot(judge, "judge-scores"))
            judge.get_by_role("button", name=t("Submit review")).click()
            judge.get_by_text(t(REVIEW_LOCKED)).wait_for()
            journey.check(judge)
        assert (
            Review.objects.filter(
                assignment__judge=judge_user, status=ReviewStatus.SUBMITTED
            ).count()
            == 2
        )
        # The two other judges review on their own machines; their scores favour Turn UP too.
        for other in season["others"]:
            for assignment in Assignment.objects.filter(judge=other):
                value = 4 if assignment.entry_id == entry.pk else 3
                review_submit(
                    assignment=assignment,
                    user=other,
                    scores={c.pk: value for c in season["criteria"]},
                    comment="",
                    feedback="",
                    version=0,
                )

        # 6. The chair closes the round, reads the results and records the winner.
        chair.goto(journey.url(f"/jury/rounds/{round.pk}/progress/"))
        journey.check(chair)
        chair.get_by_role("link", name=t("Close the round…")).click()
        journey.check(chair)
        chair.get_by_role("button", name=t("Close the round")).click()
        chair.get_by_text(t("The round is closed.")).first.wait_for()
        journey.check(chair, changed=True)
        round.refresh_from_db()
        assert round.status == RoundStatus.CLOSED
        chair.get_by_role("link", name=t("Results"), exact=True).click()
        chair.locator(f"#pick-{entry.pk}").wait_for()
        journey.check(chair)
        shots.append(journey.shot(chair, "chair-results"))
        first_row = chair.locator("table tbody tr").first
        expect(first_row).to_contain_text(reference)
        chair.locator(f"#pick-{entry.pk}").check()
        chair.get_by_label(t("Decision"), exact=True).select_option(DecisionOutcome.WINNER)
        chair.get_by_label(t("Reason"), exact=True).fill("Highest scores from every judge.")
        chair.get_by_role("button", name=t("Record the decision")).click()
        chair.locator(".alert-success").wait_for()
        journey.check(chair, changed=True)
        shots.append(journey.shot(chair, "chair-decision-recorded"))
        decision = Decision.objects.get()
        assert (decision.entry_id, decision.outcome) == (entry.pk, DecisionOutcome.WINNER)

        # 7. The chair's decision made a draft winner page. The organiser completes it in both
        # languages, waives the team's check, is refused publication while the call is open,
        # closes the call and publishes results and the page together.
        organiser.goto(journey.url("/"))
        organiser.get_by_role("link", name=t("Winners and publication")).first.click()
        journey.check(organiser)
        organiser.get_by_role("link", name=t("Winner pages")).first.click()
        journey.check(organiser)
        winner = Winner.objects.get()
        organiser.locator(f"a[href$='/publication/winners/{winner.pk}/']").click()
        journey.check(organiser)
        organiser.locator("#id_names").fill("Sally Sow")
        organiser.locator("#id_summary_en").fill("Local music events for everyone.")
        organiser.locator("#id_summary_sv").fill("Lokala musikevenemang för alla.")
        organiser.locator("#id_citation_en").fill("For music that brings people together.")
        organiser.locator("#id_citation_sv").fill("För musik som för människor samman.")
        organiser.locator("#id_story_en").fill("Turn UP makes local music easy to find.")
        organiser.locator("#id_story_sv").fill("Turn UP gör lokal musik lätt att hitta.")
        organiser.get_by_role("button", name=t("Save the page")).click()
        organiser.get_by_text(t("Winner page saved.")).wait_for()
        organiser.get_by_role("button", name=t("Waive the check")).click()
        organiser.get_by_text(t("The team's check is waived.")).wait_for()
        journey.check(organiser, changed=True)
        shots.append(journey.shot(organiser, "organiser-winner"))
        organiser.get_by_role("link", name=t("Publication"), exact=True).click()
        publish = organiser.get_by_role(
            "button", name=t("Publish results and winner pages"), exact=True
        )
        publish.click()
        organiser.locator(".alert-danger", has_text=getattr(category, f"name_{lang}")).wait_for()
        journey.check(organiser, changed=True)
        assert Winner.objects.get().publish_at is None
        # The organiser closes the call in the console (no admin anywhere in the season).
        organiser.goto(journey.url(reverse("console:edition-edit", kwargs={"pk": edition.pk})))
        now = timezone.localtime(timezone.now())
        organiser.locator("#id_call_closes_at").fill(now.strftime("%Y-%m-%dT%H:%M"))
        organiser.get_by_role("button", name=t("Save the edition")).click()
        organiser.get_by_text(t("The edition has been saved.")).wait_for()
        organiser.goto(
            journey.url(reverse("publishing:edition-publication", kwargs={"pk": edition.pk}))
        )
        publish.click()
        organiser.locator(".alert-success").wait_for()
        journey.check(organiser, changed=True)
        shots.append(journey.shot(organiser, "organiser-results-published"))
        winner = Winner.objects.get()
        assert (winner.names, winner.is_published()) == ("Sally Sow", True)
        # The entrant signed up on pages in this language, so their emails are in it too.
        results_subject = "[Laurel] " + t("Results of the %(award)s %(year)s") % {
            "award": "Flemingsberg Science Award",
            "year": 2026,
        }
        outcome = [m.body for m in mail.outbox if email in m.to and m.subject == results_subject]
        assert len(outcome) == 1
        assert t("Congratulations: your entry won its category.") in outcome[0]
        assert t("Reference number") in receipts[0].body

        # 8. Anyone reads the winner's page.
        visitor = journey.person()
        visitor.goto(journey.url(category.get_absolute_url()))
        journey.check(visitor)
        visitor.get_by_role("link", name=re.compile("Sally Sow")).first.click()
        visitor.wait_for_url(journey.url(winner.get_absolute_url()))
        journey.check(visitor)
        expect(visitor.locator("h1")).to_contain_text("Sally Sow")
        expect(visitor.locator("main")).to_contain_text("Turn UP")
        shots.append(journey.shot(visitor, "visitor-winner-page"))
    finally:
        journey.close()

    # Inline styles aside: axe-core and screenshots set some themselves while they run.
    blocked = [
        error
        for error in journey.console_errors
        if "Content Security Policy" in error[1] and "Applying inline style" not in error[1]
    ]
    assert blocked == []
    assert len(shots) == journey.step
