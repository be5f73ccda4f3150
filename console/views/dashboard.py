"""The season dashboard: the organiser's landing page."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from console.access import console_required, organised_awards
from console.charts import cumulative, entries_chart
from console.next_action import next_action
from console.selectors.season import season_overview


@require_GET
@console_required
def dashboard(request):
    awards = season_overview(awards=organised_awards(user=request.user))
    for award in awards:
        for edition in award.editions:
            edition.next_action = next_action(edition)
            edition.chart = entries_chart(
                days=edition.days,
                title=_("Entries over time, %(edition)s") % {"edition": edition.edition},
            )
            edition.cumulative = cumulative(edition.days)
    return render(request, "console/dashboard.html", {"awards": awards})
