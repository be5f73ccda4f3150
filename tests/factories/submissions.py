import factory

from submissions.enums import EntryStatus, QuestionKind, TeamRole
from submissions.models import Answer, Entry, Question, TeamMember
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
