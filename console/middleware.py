from console.access import may_use_console
from console.season_cache import season_dashboards_drop

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class SeasonDashboardMiddleware:
    """After a console user changes anything, their season dashboard shows it at once
    (`console.season_cache`). Two queries, on their writes only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method not in SAFE_METHODS
            and response.status_code < 400
            and user is not None
            and may_use_console(user)
        ):
            season_dashboards_drop(user=user)
        return response
