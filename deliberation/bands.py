"""Where an entry's score on a criterion stands among the category's entries, in quarters. Pure:
plain numbers in, a quarter out."""

from collections.abc import Mapping


def quarter(*, means: Mapping[int, float], entry_id: int) -> int | None:
    """1 for the top quarter ... 4 for the bottom one, from the share of the other entries that
    scored strictly higher (ties count in the entry's favour). None without a score or without
    at least four scored entries, where a quarter would say nothing."""
    mine = means.get(entry_id)
    if mine is None or len(means) < 4:
        return None
    higher = sum(1 for other, value in means.items() if other != entry_id and value > mine)
    share = higher / len(means)
    return min(4, int(share * 4) + 1)
