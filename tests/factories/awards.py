import datetime as dt

import factory
from django.utils import timezone

from awards.enums import Placement
from awards.models import Award, AwardOrganiser, Category, Edition, Winner, WinnerPhoto
from awards.services import winner_photo_process


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"award-{n}")
    code = factory.Sequence(lambda n: f"AW{n}")
    name_en = factory.Sequence(lambda n: f"Award {n}")
    name_sv = factory.Sequence(lambda n: f"Pris {n}")


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition whose call is open now and closes in 30 days."""

    class Meta:
        model = Edition

    award = factory.SubFactory(AwardFactory)
    year = factory.Sequence(lambda n: 2000 + n)
    call_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    call_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"category-{n}")
    code = factory.Sequence(lambda n: f"C{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_sv = factory.Sequence(lambda n: f"Kategori {n}")


def _yesterday():
    return timezone.now() - dt.timedelta(days=1)


class WinnerFactory(factory.django.DjangoModelFactory):
    """A published winner: its own time and its edition's results time are in the past."""

    class Meta:
        model = Winner

    category = factory.SubFactory(
        CategoryFactory, edition__results_publish_at=factory.LazyFunction(_yesterday)
    )
    placement = Placement.WINNER
    slug = factory.Sequence(lambda n: f"winner-{n}")
    names = factory.Faker("name")
    idea_title = factory.Sequence(lambda n: f"Idea {n}")
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class WinnerPhotoFactory(factory.django.DjangoModelFactory):
    """A photo with its renditions made, as after an upload in the admin."""

    class Meta:
        model = WinnerPhoto
        skip_postgeneration_save = True

    winner = factory.SubFactory(WinnerFactory)
    image = factory.django.ImageField(width=1200, height=800, format="PNG", color="green")
    alt_text_en = factory.Sequence(lambda n: f"Photo {n} of the winner")
    alt_text_sv = factory.Sequence(lambda n: f"Foto {n} av vinnaren")

    @factory.post_generation
    def processed(self, create, extracted, **kwargs):
        if create and extracted is not False:
            winner_photo_process(photo=self)


class AwardOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardOrganiser

    award = factory.SubFactory(AwardFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory", is_staff=True)
