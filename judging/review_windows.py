"""Windows in which a judge may still write a review after its round has closed (a second look
the chair asked for, say). Apps above judging register a function when they load (their
AppConfig.ready): it takes the assignment and the time and says whether a window is open for
it, so judging imports none of them."""

from collections.abc import Callable

_windows: list[Callable] = []


def review_window_register(window: Callable) -> None:
    if window not in _windows:
        _windows.append(window)


def review_window_open(*, assignment, now) -> bool:
    return any(window(assignment=assignment, now=now) for window in _windows)
