"""The one next thing an organiser should do for an edition, as a button on the dashboard.

Read from the dashboard's figures (no query): the first step of the season not yet done.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from awards.enums import CallStatus


@dataclass(frozen=True)
class NextAction:
    label: str
    url: str


def next_action(summary) -> NextAction | None:
    """`summary` is a `console.selectors.season.EditionSummary`."""
    # Kept whole: the season's steps in the order an organiser takes them, read top to bottom;
    # the first that is not done is the answer.
    edition = summary.edition
    if summary.results_public:
        return NextAction(_("See the public page"), edition.get_absolute_url())
    if not summary.categories:
        return NextAction(
            _("Add a category"),
            reverse("console:category-create", kwargs={"edition_pk": edition.pk}),
        )
    for category in summary.categories:
        if not category.questions and category.call_status != CallStatus.CLOSED:
            return NextAction(
                _("Build the entry form of %(category)s") % {"category": category.category.name},
                reverse("console:form-builder", kwargs={"category_pk": category.category.pk}),
            )
    if summary.unchecked:
        url = reverse("submissions:organiser-entry-list", kwargs={"edition_pk": edition.pk})
        return NextAction(
            _("Check eligibility (%(count)s)") % {"count": summary.unchecked},
            f"{url}?status=submitted&eligibility=unchecked",
        )
    for category in summary.categories:
        if category.conflicts.flagged:
            return NextAction(
                _("Check flagged conflicts in %(category)s") % {"category": category.category.name},
                reverse("judging:conflict-list", kwargs={"category_id": category.category.pk}),
            )
    for category in summary.categories:
        if category.call_status != CallStatus.CLOSED:
            continue
        if not category.rounds:
            return NextAction(
                _("Add a round to %(category)s") % {"category": category.category.name},
                reverse("console:round-create", kwargs={"category_pk": category.category.pk}),
            )
        if category.submitted and not category.jury.accepted + category.jury.invited:
            return NextAction(
                _("Invite the jury of %(category)s") % {"category": category.category.name},
                reverse("console:jury-invite", kwargs={"category_pk": category.category.pk}),
            )
        for round_summary in category.rounds:
            round_ = round_summary.round
            if not round_summary.is_open:
                continue
            if round_summary.entries and not round_summary.assignments:
                return NextAction(
                    _("Assign entries to judges: %(round)s") % {"round": round_.name},
                    reverse("judging:assignment-list", kwargs={"round_id": round_.pk}),
                )
            if round_summary.late_judges or round_summary.deadline_passed:
                return NextAction(
                    _("Follow up %(round)s") % {"round": round_.name},
                    reverse("judging:round-progress", kwargs={"round_id": round_.pk}),
                )
    closed = [r for r in summary.rounds if not r.is_open]
    if closed and not summary.results_scheduled:
        calls_closed = all(c.call_status == CallStatus.CLOSED for c in summary.categories)
        if calls_closed and len(closed) == len(summary.rounds):
            # The publication page's checklist names whatever is still missing (decisions,
            # winner pages, the teams' check), so it is the one place to send the organiser.
            return NextAction(
                _("Prepare the winner pages and publish"),
                reverse("publishing:edition-publication", kwargs={"pk": edition.pk}),
            )
        round_ = closed[-1].round
        return NextAction(
            _("Review the results of %(round)s") % {"round": round_.name},
            reverse("judging:round-results", kwargs={"round_id": round_.pk}),
        )
    return NextAction(
        _("Follow the entries"),
        reverse("submissions:organiser-entry-list", kwargs={"edition_pk": edition.pk}),
    )
