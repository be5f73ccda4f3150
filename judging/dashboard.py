"""Panels that apps above judging add to the jury dashboard (unread discussion messages, say).

Each app registers a function when it loads (its AppConfig.ready); the function takes the request
and returns HTML rendered by a template (a SafeString, or an empty string), so judging imports
none of them."""

from collections.abc import Callable

_panels: list[Callable] = []


def dashboard_panel_register(panel: Callable) -> None:
    if panel not in _panels:
        _panels.append(panel)


def dashboard_panels(*, request) -> list[str]:
    rendered = (panel(request=request) for panel in _panels)
    return [html for html in rendered if html]
