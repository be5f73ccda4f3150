"""Saving an award, edition or category from the console, each change audited."""

from django.db import transaction

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Award, AwardOrganiser, Category, Edition
from awards.organisers import organisers_group


@transaction.atomic
def award_create(*, award: Award, by) -> Award:
    """Save a new award; its creator becomes its first organiser (in the organisers' group).
    Audited ("award.create")."""
    award.save()
    AwardOrganiser.objects.create(award=award, user=by, added_by=by)
    by.groups.add(organisers_group())
    audit_record(actor=by, action="award.create", target=award, data={"name": award.name_en})
    public_pages_invalidate()
    return award


@transaction.atomic
def award_update(*, award: Award, changed: list[str], by) -> Award:
    """Audited ("award.update", with the names of the fields changed)."""
    award.save()
    audit_record(actor=by, action="award.update", target=award, data={"fields": sorted(changed)})
    public_pages_invalidate()
    return award


@transaction.atomic
def edition_save(*, edition: Edition, changed: list[str], by) -> Edition:
    """Create or change an edition. Audited ("edition.create" or "edition.update")."""
    action = "edition.update" if edition.pk else "edition.create"
    edition.save()
    audit_record(
        actor=by,
        action=action,
        target=edition,
        edition=edition,
        data={"year": edition.year, "fields": sorted(changed)},
    )
    public_pages_invalidate()
    return edition


@transaction.atomic
def category_save(*, category: Category, changed: list[str], by) -> Category:
    """Create or change a category. Audited ("category.create" or "category.update")."""
    action = "category.update" if category.pk else "category.create"
    category.save()
    audit_record(
        actor=by,
        action=action,
        target=category,
        edition=category.edition,
        data={"name": category.name_en, "fields": sorted(changed)},
    )
    public_pages_invalidate()
    return category
