"""The season dashboard: the organiser's landing page."""

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.navbar import navbar_get_with
from console.access import console_required, organised_awards
from console.charts import cumulative, entries_chart
from console.next_action import next_action
from console.season_cache import SECTION_SECONDS, dashboard_key
from console.selectors.season import AwardSummary, season_overview


def _summaries(awards) -> list[AwardSummary]:
    awards = season_overview(awards=awards)
    for award in awards:
        for edition in award.editions:
            edition.next_action = next_action(edition)
            edition.chart = entries_chart(
                days=edition.days,
                title=_("Entries over time, %(edition)s") % {"edition": edition.edition},
            )
            edition.cumulative = cumulative(edition.days)
    return awards


@require_GET
@console_required
def dashboard(request):
    """The figures of every award the organiser runs, from the shared cache
    (`console.season_cache`) or built in a fixed number of queries. `awards` in the context
    holds the summaries built for this request."""
    outbox = request.user.has_perm("outbox.view_outgoingemail")  # a link of the console's menu
    key = dashboard_key(user_id=request.user.pk, language=get_language(), outbox=outbox)
    kept = navbar_get_with(request, [key]).get(key)
    awards = []
    if kept is None:
        read_at = timezone.now()
        awards = _summaries(organised_awards(user=request.user))
        context = {"awards": awards, "read_at": read_at}
        html = render_to_string("console/_season.html", context, request=request)
        kept = (html, read_at)
        cache.set(key, kept, SECTION_SECONDS)
    context = {"season": mark_safe(kept[0]), "awards": awards}  # noqa: S308 (our template)
    return render(request, "console/dashboard.html", context)
