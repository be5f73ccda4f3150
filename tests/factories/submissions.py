import factory

from submissions.enums import EntryStatus, QuestionKind, TeamRole
from submissions.models import (
    Answer,
    Entry,
    EntryVersion,
    Question,
    TeamInvitation,
    TeamMember,
)
from tests.factories.accounts import UserFactory
from tests.factories.awards import CategoryFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    category = factory.SubFactory(CategoryFactory)
    position = factory.Sequence(int)
    kind = QuestionKind.SHORT_TEXT
    label_en = factory.Sequence(lambda n: f"Question {n}")
    label_sv = factory.Sequence(lambda n: f"Fråga {n}")


class EntryFactory(factory.django.DjangoModelFactory):
    """A draft entry; its owner is also its first team member."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    pitch = "A short pitch."
    organisation = "Example University"
    status = EntryStatus.DRAFT

    @factory.post_generation
    def with_owner_in_team(self, create, extracted, **kwargs):
        if create and self.owner_id:
            TeamMember.objects.get_or_create(
                entry=self, user=self.owner, defaults={"role": TeamRole.OWNER}
            )


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    entry = factory.SubFactory(EntryFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "An answer"


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    entry = factory.SubFactory(EntryFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamRole.MEMBER


class TeamInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation, sent by the entry's owner."""

    class Meta:
        model = TeamInvitation

    entry = factory.SubFactory(EntryFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = factory.SelfAttribute("entry.owner")


class EntryVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryVersion

    entry = factory.SubFactory(EntryFactory, status=EntryStatus.SUBMITTED)
    number = 1
    content = factory.LazyAttribute(
        lambda version: {
            "title": version.entry.title,
            "pitch": version.entry.pitch,
            "organisation": version.entry.organisation,
            "answers": [],
            "attachments": [],
            "team": [],
            "consent": {},
        }
    )
