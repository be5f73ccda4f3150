"""One small season with every kind of object and person, for the route sweep."""

import datetime as dt
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission

from judging.enums import JuryRole
from judging.models import Conflict
from judging.services.decisions import results_snapshot_take
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    JuryMemberFactory,
    RoundEntryFactory,
    UserFactory,
    WinnerFactory,
    WinnerPhotoFactory,
)
from tests.factories.submissions import TeamInvitationFactory
from tests.judging.builders import assign, conflict, file_question, judged_round, submitted_entry
from tests.security import sweep


@dataclass
class World:
    people: dict
    objects: dict


def world_build() -> World:
    edition = EditionFactory()
    category = CategoryFactory(edition=edition, slug="idea", code="IDEA")
    other_category = CategoryFactory(edition=edition, slug="other", code="OTHER")
    question = file_question(category=category)

    entrant = UserFactory(email="entrant@example.org", organisation="Entrant Lab")
    other_entrant = UserFactory(email="other@example.org", organisation="Other Lab")
    judge = UserFactory(email="judge@judges.example", organisation="Judge Institute")
    conflicted_judge = UserFactory(email="conflicted@judges.example", organisation="CJ Inc")
    chair = UserFactory(email="chair@judges.example", organisation="Chair Org")
    other_chair = UserFactory(email="otherchair@judges.example", organisation="Other Chair Org")
    organiser = UserFactory(email="organiser@example.org", is_staff=True)
    TOTP.activate(organiser, generate_totp_secret())
    organiser.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["awards", "submissions", "judging"])
    )

    entry = submitted_entry(category=category, owner=entrant, files=[(question, "plan.pdf")])
    other_entry = submitted_entry(category=category, owner=other_entrant, title="Other idea")
    round_ = judged_round(category=category)
    other_round = judged_round(category=other_category)
    RoundEntryFactory(round=round_, entry=other_entry)
    judge_seat = JuryMemberFactory(category=category, user=judge)
    JuryMemberFactory(category=category, user=conflicted_judge)
    JuryMemberFactory(category=category, user=chair, role=JuryRole.CHAIR)
    JuryMemberFactory(category=other_category, user=other_chair, role=JuryRole.CHAIR)
    open_invitation = JuryMemberFactory(
        category=category, user=None, email="new.judge@example.org", accepted_at=None
    )
    assignment = assign(round=round_, judge=judge, entry=entry)
    conflicted_assignment = assign(round=round_, judge=conflicted_judge, entry=entry)
    conflict(judge=conflicted_judge, entry=entry)
    past_edition = EditionFactory(
        award=edition.award, results_publish_at=edition.call_opens_at - dt.timedelta(days=1)
    )
    winner = WinnerFactory(category=CategoryFactory(edition=past_edition))
    photo = WinnerPhotoFactory(winner=winner)
    draft_winner = WinnerFactory(category=winner.category, publish_at=None)
    team_invitation = TeamInvitationFactory(entry=entry, invited_by=entrant)
    snapshot = results_snapshot_take(round=round_, by=chair, method="mean", top_n=3)

    world = World(
        people={
            "anonymous": None,
            "entrant": entrant,
            "other_entrant": other_entrant,
            "judge": judge,
            "conflicted_judge": conflicted_judge,
            "other_chair": other_chair,
            "chair": chair,
            "organiser": organiser,
        },
        objects={
            "edition": edition,
            "category": category,
            "other_category": other_category,
            "question": question,
            "entry": entry,
            "other_entry": other_entry,
            "attachment": entry.attachments.get(),
            "round": round_,
            "other_round": other_round,
            "judge": judge,
            "judge_seat": judge_seat,
            "open_invitation": open_invitation,
            "assignment": assignment,
            "conflicted_assignment": conflicted_assignment,
            "conflict": Conflict.objects.get(judge=conflicted_judge, entry=entry),
            "winner": winner,
            "photo": photo,
            "draft_winner": draft_winner,
            "team_invitation": team_invitation,
            "snapshot": snapshot,
        },
    )
    sweep.world_extend(world)
    return world
