"""Where a person's data lives beyond their account. Each app that holds some registers a section
here when it loads (its AppConfig.ready), so that the export and the erasure in `privacy` gather
everything without `accounts` importing the apps built on top of it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSection:
    """What one app holds about a person, and how it lets go of it.

    - `export(user)`: JSON-ready data for the person's copy, under the key `key`;
    - `files(user)`: (path in the zip, stored file) pairs to include in that copy;
    - `deletion_refusal(user)`: why the account cannot delete itself now, or None;
    - `delete(user)`: remove or anonymise what the app holds, inside the deleting transaction
      and before the user row goes; returns (storage, name) pairs to delete once committed.
    """

    key: str
    export: Callable | None = None
    files: Callable | None = None
    deletion_refusal: Callable | None = None
    delete: Callable | None = None


_sections: dict[str, PersonalDataSection] = {}


def personal_data_register(section: PersonalDataSection) -> None:
    _sections[section.key] = section


def personal_data_sections() -> Iterable[PersonalDataSection]:
    return list(_sections.values())
