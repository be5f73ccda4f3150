"""Panels that apps above submissions add to the entrant's entry page (the jury's feedback, say).

Each app registers a function when it loads (its AppConfig.ready); the function takes the request
and the entry (already checked to be the user's) and returns HTML rendered by a template, or an
empty string, so submissions imports none of them."""

from collections.abc import Callable

_panels: list[Callable] = []


def entry_panel_register(panel: Callable) -> None:
    if panel not in _panels:
        _panels.append(panel)


def entry_panels(*, request, entry) -> list[str]:
    rendered = (panel(request=request, entry=entry) for panel in _panels)
    return [html for html in rendered if html]
