"""Every route, requested anonymously and as each kind of person, with real object ids.

The table below says, for each named route, who may open it. A route missing from the table fails
`test_every_route_is_in_the_sweep`: a new page must say who may see it.
"""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.clients import LaurelClient as Client
from tests.security import sweep
from tests.security.world import world_build

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "entrant",
    "other_entrant",
    "judge",
    "conflicted_judge",
    "other_chair",
    "chair",
    "organiser",
]

# Third-party routes (admin, allauth, MFA, language switch) are tested by their own projects and
# by tests/accounts; the sweep covers ours.
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "socialaccount_", "usersessions_")
THIRD_PARTY_NAMES = {"set_language", "javascript-catalog"}


def _client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _route_names() -> set[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return {
        name
        for name in walk(get_resolver().url_patterns)
        if not name.startswith(THIRD_PARTY_PREFIXES) and name not in THIRD_PARTY_NAMES
    }


def _winner_kwargs(o, winner="winner"):
    w = o[winner]
    return {
        "award_slug": w.category.edition.award.slug,
        "year": w.category.edition.year,
        "category_slug": w.category.slug,
        "winner_slug": w.slug,
    }


def _category_kwargs(o):
    c = o["category"]
    return {"award_slug": c.edition.award.slug, "year": c.edition.year, "category_slug": c.slug}


# route name -> (kwargs from the world's objects, expected GET status for each of ROLES)
ROUTES = {
    "healthz": (lambda o: {}, (200, 200, 200, 200, 200, 200, 200, 200)),
    "robots": (lambda o: {}, (200, 200, 200, 200, 200, 200, 200, 200)),
    "sitemap": (lambda o: {}, (200, 200, 200, 200, 200, 200, 200, 200)),
    "home": (lambda o: {}, (200, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:profile-edit": (lambda o: {}, (302, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:privacy": (lambda o: {}, (200, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:data": (lambda o: {}, (302, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:data-export": (lambda o: {}, (302, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:account-delete": (lambda o: {}, (302, 200, 200, 200, 200, 200, 200, 200)),
    "public:winners-feed": (lambda o: {}, (200, 200, 200, 200, 200, 200, 200, 200)),
    "public:photo": (
        lambda o: {"pk": o["photo"].pk, "width": 480},
        (200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "public:winner-preview": (
        lambda o: {"pk": o["draft_winner"].pk},
        (404, 404, 404, 404, 404, 404, 404, 200),
    ),
    "public:award-detail": (
        lambda o: {"award_slug": o["edition"].award.slug},
        (200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "public:edition-detail": (
        lambda o: {"award_slug": o["edition"].award.slug, "year": o["edition"].year},
        (200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "public:category-detail": (_category_kwargs, (200, 200, 200, 200, 200, 200, 200, 200)),
    "public:winner-detail": (_winner_kwargs, (200, 200, 200, 200, 200, 200, 200, 200)),
    "submissions:entry-list": (lambda o: {}, (302, 200, 200, 200, 200, 200, 200, 200)),
    "submissions:entry-create": (
        lambda o: {"category_id": o["category"].pk},
        (302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "submissions:invitation-accept": (
        lambda o: {"token": o["team_invitation"].token},
        (302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "submissions:entry-edit": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:entry-autosave": (
        lambda o: {"pk": o["entry"].pk},
        (405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:entry-review": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:entry-submit": (
        lambda o: {"pk": o["entry"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:entry-confirmation": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:entry-withdraw": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:version-list": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:version-detail": (
        lambda o: {"pk": o["entry"].pk, "number": 1},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:team-edit": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:team-invitation-revoke": (
        lambda o: {"pk": o["entry"].pk, "invitation_pk": o["team_invitation"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:team-member-remove": (
        lambda o: {"pk": o["entry"].pk, "member_pk": o["entry"].team.get().pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:team-owner-transfer": (
        lambda o: {"pk": o["entry"].pk, "member_pk": o["entry"].team.get().pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:entry-move": (
        lambda o: {"pk": o["entry"].pk},
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "submissions:attachment-upload": (
        lambda o: {"entry_pk": o["entry"].pk, "question_pk": o["question"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:attachment-remove": (
        lambda o: {"pk": o["attachment"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    # Judges and chairs reach files through their review page (judging:review-file-*) only.
    "submissions:attachment-download": (
        lambda o: {"pk": o["attachment"].pk},
        (302, 200, 404, 404, 404, 404, 404, 200),
    ),
    "submissions:attachment-view": (
        lambda o: {"pk": o["attachment"].pk},
        (302, 200, 404, 404, 404, 404, 404, 200),
    ),
    "judging:review-file-download": (
        lambda o: {"assignment_id": o["assignment"].pk, "attachment_id": o["attachment"].pk},
        (302, 404, 404, 200, 404, 404, 404, 404),
    ),
    "judging:review-file-view": (
        lambda o: {"assignment_id": o["assignment"].pk, "attachment_id": o["attachment"].pk},
        (302, 404, 404, 200, 404, 404, 404, 404),
    ),
    "submissions:organiser-edition-list": (lambda o: {}, (302, 404, 404, 404, 404, 404, 404, 200)),
    "submissions:organiser-entry-list": (
        lambda o: {"edition_pk": o["edition"].pk},
        (302, 404, 404, 404, 404, 404, 404, 200),
    ),
    "submissions:organiser-entry-export": (
        lambda o: {"edition_pk": o["edition"].pk},
        (302, 404, 404, 404, 404, 404, 404, 200),
    ),
    "submissions:organiser-audit-list": (
        lambda o: {"edition_pk": o["edition"].pk},
        (302, 404, 404, 404, 404, 404, 404, 200),
    ),
    "submissions:organiser-entry-detail": (
        lambda o: {"pk": o["entry"].pk},
        (302, 404, 404, 404, 404, 404, 404, 200),
    ),
    "submissions:organiser-entry-eligibility": (
        lambda o: {"pk": o["entry"].pk},
        (405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "submissions:organiser-entry-move": (
        lambda o: {"pk": o["entry"].pk},
        (405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:dashboard": (lambda o: {}, (302, 200, 200, 200, 200, 200, 200, 200)),
    "judging:review-edit": (
        lambda o: {"assignment_id": o["assignment"].pk},
        (302, 404, 404, 200, 404, 404, 404, 404),
    ),
    "judging:review-autosave": (
        lambda o: {"assignment_id": o["assignment"].pk},
        (405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:review-submit": (
        lambda o: {"assignment_id": o["assignment"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:review-reopen": (
        lambda o: {"assignment_id": o["assignment"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:round-progress": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:round-remind": (
        lambda o: {"round_id": o["round"].pk, "judge_id": o["judge"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:round-close": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:round-results": (
        lambda o: {"round_id": o["round"].pk},
        (404, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:round-results-ready": (
        lambda o: {"round_id": o["round"].pk},
        (404, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:round-results-export": (
        lambda o: {"round_id": o["round"].pk, "fmt": "csv"},
        (404, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:round-scores-export": (
        lambda o: {"round_id": o["round"].pk, "fmt": "csv"},
        (404, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:results-snapshot-detail": (
        lambda o: {"round_id": o["round"].pk, "pk": o["snapshot"].pk},
        (404, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:invitation-accept": (
        lambda o: {"token": o["open_invitation"].token},
        (200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "judging:jury-list": (
        lambda o: {"category_id": o["category"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:jury-resend": (
        lambda o: {"pk": o["judge_seat"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:jury-remove": (
        lambda o: {"pk": o["judge_seat"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:jury-reinstate": (
        lambda o: {"pk": o["judge_seat"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:conflict-declare": (lambda o: {}, (302, 404, 404, 200, 200, 200, 200, 404)),
    "judging:conflict-list": (
        lambda o: {"category_id": o["category"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:conflict-check": (
        lambda o: {"category_id": o["category"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:conflict-resolve": (
        lambda o: {"pk": o["conflict"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:assignment-list": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:assignment-add": (
        lambda o: {"round_id": o["round"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:assignment-remove": (
        lambda o: {"pk": o["assignment"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:assignment-propose": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "judging:assignment-confirm": (
        lambda o: {"round_id": o["round"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "judging:round-entries-update": (
        lambda o: {"round_id": o["round"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
}
ROUTES.update(sweep.routes())


def test_every_route_is_in_the_sweep():
    assert sorted(_route_names() - set(ROUTES)) == []
    assert sorted(set(ROUTES) - _route_names()) == []


def test_every_route_answers_each_person_as_expected():
    world = world_build()
    clients = {role: _client_for(world.people[role]) for role in ROLES}

    found = {}
    for name, (kwargs, _) in ROUTES.items():
        url = reverse(name, kwargs=kwargs(world.objects) or None)
        found[name] = tuple(clients[role].get(url).status_code for role in ROLES)

    expected = {name: statuses for name, (_, statuses) in ROUTES.items()}
    if settings.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
        # On S3 a permitted download is a redirect to a short-lived signed URL.
        for name in ("submissions:attachment-download", "judging:review-file-download"):
            expected[name] = tuple(302 if status == 200 else status for status in expected[name])
    assert {n: s for n, s in found.items() if s != expected[n]} == {}


# State-changing routes and who may POST to them; everyone else must be turned away.
CHAIRS = {"chair", "organiser"}
POST_ALLOWED = {
    "submissions:entry-autosave": {"entrant"},
    "submissions:entry-submit": {"entrant"},
    "submissions:entry-withdraw": {"entrant"},
    "submissions:team-edit": {"entrant"},
    "submissions:team-invitation-revoke": {"entrant"},
    "submissions:team-member-remove": {"entrant"},
    "submissions:team-owner-transfer": {"entrant"},
    "submissions:entry-move": {"entrant"},
    "submissions:attachment-upload": {"entrant"},
    "submissions:attachment-remove": {"entrant"},
    "submissions:organiser-entry-eligibility": {"organiser"},
    "submissions:organiser-entry-move": {"organiser"},
    "judging:review-autosave": {"judge"},
    "judging:review-submit": {"judge"},
    "judging:review-reopen": CHAIRS,
    "judging:round-remind": CHAIRS,
    "judging:round-close": CHAIRS,
    "judging:round-results": CHAIRS,
    "judging:jury-list": CHAIRS,
    "judging:jury-resend": CHAIRS,
    "judging:jury-remove": CHAIRS,
    "judging:jury-reinstate": CHAIRS,
    "judging:conflict-list": CHAIRS,
    "judging:conflict-check": CHAIRS,
    "judging:conflict-resolve": CHAIRS,
    "judging:assignment-add": CHAIRS,
    "judging:assignment-remove": CHAIRS,
    "judging:assignment-propose": CHAIRS,
    "judging:assignment-confirm": CHAIRS,
    "judging:round-entries-update": CHAIRS,
}
POST_ALLOWED.update(sweep.post_allowed())


def _state() -> dict:
    """A fingerprint of everything a denied request could have changed."""
    from audit.models import AuditEvent
    from judging.models import Assignment, Conflict, JuryMember, Review, Round
    from submissions.models import Attachment, Entry, EntryVersion, TeamInvitation, TeamMember

    return {
        "audit": AuditEvent.objects.count(),
        "entries": sorted(
            Entry.objects.values_list("pk", "category", "status", "revision", "eligibility")
        ),
        "versions": EntryVersion.objects.count(),
        "attachments": sorted(Attachment.all_objects.values_list("pk", "removed_at")),
        "invitations": TeamInvitation.objects.count(),
        "team": TeamMember.objects.count(),
        "reviews": sorted(Review.objects.values_list("pk", "status", "version")),
        "assignments": Assignment.objects.count(),
        "conflicts": sorted(Conflict.objects.values_list("pk", "status")),
        "rounds": sorted(Round.objects.values_list("pk", "status")),
        "jury": sorted(JuryMember.objects.values_list("pk", "invited_at", "active")),
    }


def test_state_changing_routes_turn_away_everyone_else_and_change_nothing():
    world = world_build()
    before = _state()
    allowed_answers = {302, 401, 404}

    wrong = {}
    for name, allowed in POST_ALLOWED.items():
        kwargs, _ = ROUTES[name]
        url = reverse(name, kwargs=kwargs(world.objects) or None)
        for role in ROLES:
            if role in allowed:
                continue
            response = _client_for(world.people[role]).post(url, {"reason": "x", "outcome": "x"})
            login_redirect = response.status_code == 302 and "/accounts/login/" in response.url
            if response.status_code not in allowed_answers or (
                response.status_code == 302 and not login_redirect
            ):
                wrong[(name, role)] = response.status_code

    assert wrong == {}
    assert _state() == before
