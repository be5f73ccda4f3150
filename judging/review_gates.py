"""Extra reasons a review may not be written yet, registered by apps above judging.

A gate is a callable ``(*, assignment, round, now) -> str | None`` giving the reason (or None);
the pitch day (`finals`) registers one that opens a finalist's scoring for the panel at the slot.
`review_lock_reason` asks every gate, so rubric and ballot pages both honour them.
"""

from collections.abc import Callable

_gates: list[Callable] = []


def review_gate_register(gate: Callable) -> None:
    if gate not in _gates:
        _gates.append(gate)


def review_gate_reason(*, assignment, round, now) -> str | None:
    for gate in _gates:
        reason = gate(assignment=assignment, round=round, now=now)
        if reason:
            return reason
    return None
