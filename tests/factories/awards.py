import datetime as dt

import factory
from django.utils import timezone

from awards.enums import Placement
from awards.models import Award, Category, Edition, Winner


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"award-{n}")
    code = "AW"
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


class WinnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Winner

    category = factory.SubFactory(CategoryFactory)
    placement = Placement.WINNER
    slug = factory.Sequence(lambda n: f"winner-{n}")
    names = factory.Faker("name")
    idea_title = factory.Sequence(lambda n: f"Idea {n}")
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
