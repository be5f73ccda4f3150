"""Cloning last year's edition: the programme without the people's work in it."""

import datetime as dt

from django.db import transaction

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Category, Edition
from judging.enums import RoundStatus
from judging.models import Criterion
from judging.services.jury import jury_member_invite
from submissions.models import Question


def years_later(moment: dt.datetime | None, years: int) -> dt.datetime | None:
    """The same wall-clock time `years` later (29 February becomes 28 February)."""
    if moment is None:
        return None
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


def _copy(instance, **overrides):
    """An unsaved copy of `instance` with every concrete field but its id; `overrides` by
    attribute name (``category_id``, not ``category``)."""
    values = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    values.update(overrides)
    return type(instance)(**values)


@transaction.atomic
def edition_clone(*, source: Edition, year: int, by) -> Edition:
    """A new edition of the same award in `year`, made from `source`: its categories with their
    questions, rounds with their criteria and level descriptors, every date moved by the years
    between the two editions, and the jury invited afresh (an invitation email to each active
    member of each category's jury, through `jury_member_invite`). No entries, reviews, results
    or winners are copied, and the new edition's results are unpublished.

    Audited ("edition.clone" on the new edition, and each invitation's "jury.invite")."""
    shift = year - source.year
    edition = _copy(
        source,
        year=year,
        call_opens_at=years_later(source.call_opens_at, shift),
        call_closes_at=years_later(source.call_closes_at, shift),
        judging_starts_at=years_later(source.judging_starts_at, shift),
        judging_ends_at=years_later(source.judging_ends_at, shift),
        results_publish_at=None,
        results_notified_at=None,
    )
    edition.save()
    categories = Category.objects.filter(edition=source).prefetch_related(
        "questions", "rounds__criteria", "jury"
    )
    invited = 0
    for category in categories:
        invited += _category_clone(category, edition=edition, shift=shift, by=by)
    audit_record(
        actor=by,
        action="edition.clone",
        target=edition,
        edition=edition,
        data={"from": source.pk, "from_year": source.year, "year": year, "invited": invited},
    )
    public_pages_invalidate()
    return edition


def _category_clone(category: Category, *, edition: Edition, shift: int, by) -> int:
    """Copy one category into `edition` (questions, rounds with their criteria) and invite its
    active jury afresh; returns how many were invited."""
    new_category = _copy(
        category,
        edition_id=edition.pk,
        call_opens_at=years_later(category.call_opens_at, shift),
        call_closes_at=years_later(category.call_closes_at, shift),
    )
    new_category.save()
    Question.objects.bulk_create(
        [_copy(question, category_id=new_category.pk) for question in category.questions.all()]
    )
    for round_ in category.rounds.all():
        new_round = _copy(
            round_,
            category_id=new_category.pk,
            opens_at=years_later(round_.opens_at, shift),
            closes_at=years_later(round_.closes_at, shift),
            status=RoundStatus.OPEN,
            closed_at=None,
        )
        new_round.save()
        Criterion.objects.bulk_create(
            [_copy(c, round_id=new_round.pk) for c in round_.criteria.all()]
        )
    invited = 0
    for member in category.jury.all():
        if not member.active:
            continue
        jury_member_invite(
            category=new_category,
            email=member.user.email if member.user else member.email,
            role=member.role,
            name=member.name,
            invited_by=by,
        )
        invited += 1
    return invited
