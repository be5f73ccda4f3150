"""The row locks the entry services share, so that two people acting at once on an entry, a
person's entries or a category's numbers are served one after the other. Call them inside the
service's transaction."""

from django.contrib.auth import get_user_model
from django.db.models import Max

from awards.models import Category
from submissions.enums import EntryStatus
from submissions.models import Entry


def entry_lock(*, pk: int) -> Entry:
    """The entry `pk`, locked, with its category, edition and award (what every refusal and
    audit event reads)."""
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("category__edition__award")
        .get(pk=pk)
    )


def entries_owned_count(*, user_id: int, category: Category) -> int:
    """How many entries (not withdrawn) the person owns in `category`, with the person locked:
    a double click, a move and a hand-over cannot together pass the category's limit."""
    get_user_model().objects.select_for_update().get(pk=user_id)
    return (
        Entry.objects.filter(category=category, owner_id=user_id)
        .exclude(status=EntryStatus.WITHDRAWN)
        .count()
    )


def entry_number_assign(*, entry: Entry, category: Category) -> None:
    """Give `entry` the next number in `category` and the reference made of it, e.g.
    FSA-2026-IDEA-0007 (not saved). Numbers are never reused: a gap stays where an entry left."""
    # Numbers are handed out one at a time per category: lock the category row.
    Category.objects.select_for_update().get(pk=category.pk)
    last = Entry.objects.filter(category=category).aggregate(last=Max("number"))["last"]
    entry.number = (last or 0) + 1
    entry.reference = (
        f"{category.edition.award.code}-{category.edition.year}-{category.code}-{entry.number:04d}"
    )
