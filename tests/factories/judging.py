import datetime as dt

import factory
from django.utils import timezone

from judging.enums import ConflictKind, ConflictSource, ConflictStatus, JuryRole
from judging.models import (
    Assignment,
    Conflict,
    Criterion,
    JuryMember,
    Review,
    Round,
    RoundEntry,
    Score,
)
from tests.factories.accounts import UserFactory
from tests.factories.awards import CategoryFactory


class JuryMemberFactory(factory.django.DjangoModelFactory):
    """An accepted jury member with an account."""

    class Meta:
        model = JuryMember

    category = factory.SubFactory(CategoryFactory)
    role = JuryRole.JUDGE
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(
        lambda member: member.user.email if member.user else "j@example.org"
    )
    invited_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """One seat per person and category: an assignment made first already seated the judge
        (see AssignmentFactory), and this then sets the seat's role and state."""
        user, category = kwargs.get("user"), kwargs.get("category")
        if user is None:
            return super()._create(model_class, *args, **kwargs)
        fields = {key: value for key, value in kwargs.items() if key not in ("user", "category")}
        member, _created = model_class.objects.update_or_create(
            user=user, category=category, defaults=fields
        )
        return member


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    category = factory.SubFactory(CategoryFactory)
    position = 1
    name_en = "Screening"
    name_sv = "Gallring"
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    reviews_per_entry = 3


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    position = factory.Sequence(int)
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    scale_min = 1
    scale_max = 5


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    entry = factory.SubFactory("tests.factories.submissions.EntryFactory")
    judge = factory.SubFactory(UserFactory)

    @factory.post_generation
    def seat(assignment, create, extracted, **kwargs):
        """Judges are assigned only from the category's jury: give the judge a seat there
        unless they have one (pass seat=False for a judge deliberately off the jury)."""
        if create and extracted is not False:
            JuryMember.objects.get_or_create(
                category_id=assignment.round.category_id,
                user=assignment.judge,
                defaults={"email": assignment.judge.email, "accepted_at": timezone.now()},
            )


class ReviewFactory(factory.django.DjangoModelFactory):
    """A draft review of an assignment (saved once, so version 1)."""

    class Meta:
        model = Review

    assignment = factory.SubFactory(AssignmentFactory)
    version = 1


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(
        CriterionFactory, round=factory.SelfAttribute("..review.assignment.round")
    )
    value = 3


class RoundEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundEntry

    round = factory.SubFactory(RoundFactory)
    entry = factory.SubFactory(
        "tests.factories.submissions.EntryFactory",
        category=factory.SelfAttribute("..round.category"),
    )


class ConflictFactory(factory.django.DjangoModelFactory):
    """A confirmed conflict a judge declared."""

    class Meta:
        model = Conflict

    entry = factory.SubFactory("tests.factories.submissions.EntryFactory")
    judge = factory.SubFactory(UserFactory)
    kind = ConflictKind.PERSONAL
    source = ConflictSource.DECLARED
    status = ConflictStatus.CONFIRMED
