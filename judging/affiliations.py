"""Automatic conflict flags: a judge sharing an organisation or an email domain with an entrant
or a team member. Pure functions on strings; `judging.services.conflicts` applies them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Free mailboxes say nothing about an affiliation: two gmail.com users are not colleagues.
WEBMAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "bredband.net",
        "comhem.se",
        "fastmail.com",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hey.com",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.se",
        "icloud.com",
        "live.com",
        "live.se",
        "mac.com",
        "mail.com",
        "me.com",
        "msn.com",
        "outlook.com",
        "outlook.se",
        "pm.me",
        "proton.me",
        "protonmail.com",
        "spray.se",
        "telia.com",
        "tutanota.com",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.se",
        "yandex.com",
        "zoho.com",
    }
)

# Second-level labels under which organisations register (ox.ac.uk, not ac.uk).
_SHARED_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org"})

# Legal forms and filler words that differ between two spellings of the same organisation.
_ORGANISATION_NOISE = frozenset(
    {"ab", "publ", "inc", "ltd", "llc", "gmbh", "plc", "the", "oy", "as", "aps", "hb", "kb"}
)


def domain_normalise(email_or_domain: str) -> str:
    """The organisation's domain of an address: lower case, without sub-domains
    (stud.ki.se -> ki.se, dept.ox.ac.uk -> ox.ac.uk). Empty for webmail and nonsense."""
    domain = email_or_domain.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    labels = [label for label in domain.split(".") if label]
    if len(labels) < 2:
        return ""
    keep = (
        3 if len(labels) >= 3 and labels[-2] in _SHARED_SECOND_LEVEL and len(labels[-1]) == 2 else 2
    )
    domain = ".".join(labels[-keep:])
    if domain in WEBMAIL_DOMAINS or ".".join(labels) in WEBMAIL_DOMAINS:
        return ""
    return domain


def organisation_normalise(name: str) -> str:
    """A comparable form of an organisation name: accents folded, punctuation and legal forms
    dropped ("Karolinska Institutet", "karolinska institutet." and "KAROLINSKA INSTITUTET AB"
    compare equal). Empty when nothing meaningful is left."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [word for word in re.split(r"[^a-z0-9]+", folded) if word]
    words = [word for word in words if word not in _ORGANISATION_NOISE]
    return " ".join(words)


@dataclass(frozen=True)
class Person:
    """Someone whose affiliation counts: a judge, an entrant or a team member."""

    email: str
    organisation: str = ""


@dataclass(frozen=True)
class Match:
    kind: str  # "domain" or "organisation"
    value: str  # the normalised domain or organisation both share


def affiliation_matches(
    *, judge: Iterable[Person], team: Iterable[Person], entry_organisation: str = ""
) -> list[Match]:
    """What the judge (any of their addresses) shares with the entry's people and organisation,
    sorted and without repeats; empty when nothing."""
    judge = list(judge)
    team = list(team)
    judge_domains = {domain_normalise(person.email) for person in judge} - {""}
    judge_organisations = {organisation_normalise(person.organisation) for person in judge} - {""}
    team_domains = {domain_normalise(person.email) for person in team} - {""}
    team_organisations = {organisation_normalise(person.organisation) for person in team}
    team_organisations.add(organisation_normalise(entry_organisation))
    team_organisations.discard("")
    matches = {Match("domain", domain) for domain in judge_domains & team_domains}
    matches |= {Match("organisation", name) for name in judge_organisations & team_organisations}
    return sorted(matches, key=lambda match: (match.kind, match.value))
