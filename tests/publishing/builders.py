"""A judged season for publication tests: a closed call, a closed final round, a chair."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.utils import timezone

from judging.enums import DecisionOutcome, JuryRole, RoundStatus
from judging.services.decisions import decision_record
from tests.factories import CategoryFactory, EditionFactory, JuryMemberFactory, UserFactory
from tests.factories.submissions import TeamMemberFactory
from tests.judging.builders import assign, judged_round
from tests.judging.selectors.test_results import review


def judged_season(*, titles=("Turn UP", "Second idea", "Third idea")):
    """An edition whose call closed yesterday, one category with a closed final round of three
    scored entries (team: owner Sally Sow plus a member), and the category's chair."""
    now = timezone.now()
    edition = EditionFactory(
        call_opens_at=now - dt.timedelta(days=60), call_closes_at=now - dt.timedelta(days=1)
    )
    category = CategoryFactory(edition=edition, slug="idea", code="IDEA", name_en="IDEA")
    round = judged_round(category=category, name_en="Final", reviews_per_entry=1)
    judge = UserFactory(display_name="Johan Judge")
    entries = []
    for index, title in enumerate(titles):
        owner = UserFactory(display_name=f"Owner {index}" if index else "Sally Sow")
        assignment = assign(round=round, judge=judge, title=title, owner=owner)
        review(assignment, (5 - index, 4))
        entries.append(assignment.entry)
    member = UserFactory(display_name="Maja Member", language="sv")
    TeamMemberFactory(entry=entries[0], user=member, role="member")
    round.status = RoundStatus.CLOSED
    round.closed_at = now
    round.save()
    chair = JuryMemberFactory(category=category, role=JuryRole.CHAIR).user
    return {
        "edition": edition,
        "category": category,
        "round": round,
        "entries": entries,
        "chair": chair,
        "member": member,
    }


def decide(season, entry, outcome=DecisionOutcome.WINNER):
    return decision_record(
        round=season["round"],
        entry=entry,
        outcome=outcome,
        reason="The jury agreed.",
        by=season["chair"],
        method="mean",
        parameters={"top_n": 3},
    )


def organiser_user(**fields):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(is_staff=True, **fields)
    TOTP.activate(user, generate_totp_secret())
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["awards", "submissions", "judging"])
    )
    return user


def ready_to_publish(season):
    """The season's first entry decided the winner, its page complete and its check waived."""
    from awards.models import Winner
    from publishing.enums import TeamCheckStatus
    from publishing.models import TeamCheck

    decide(season, season["entries"][0])
    winner = Winner.objects.get(entry=season["entries"][0])
    for field in ("summary", "citation", "story"):
        setattr(winner, f"{field}_en", f"The {field}.")
        setattr(winner, f"{field}_sv", f"Svensk {field}.")
    winner.save()
    TeamCheck.objects.create(winner=winner, status=TeamCheckStatus.WAIVED)
    return winner
