"""Sections that apps above judging add to an entrant's outcome email (the jury's feedback, say).

Each app registers a function when it loads (its AppConfig.ready); the function takes the entry
and returns plain text in the active language (the recipient's), or an empty string, so judging
imports none of them."""

from collections.abc import Callable

_sections: list[Callable] = []


def outcome_section_register(section: Callable) -> None:
    if section not in _sections:
        _sections.append(section)


def outcome_sections(*, entry) -> list[str]:
    rendered = (section(entry=entry) for section in _sections)
    return [text.strip() for text in rendered if text and text.strip()]
