"""What other apps do when a round's decisions change.

Upper apps register a function here when they load (publishing turns final-round prizes into
draft winner pages), so judging imports none of them. Each is called inside the transaction that
recorded the decisions, with the round and who decided.
"""

from collections.abc import Callable

_listeners: list[Callable] = []


def decisions_changed_register(listener: Callable) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def decisions_changed(*, round, by) -> None:
    for listener in _listeners:
        listener(round=round, by=by)
