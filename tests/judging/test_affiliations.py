"""Affiliation matching: domains and organisations compared, webmail ignored."""

import pytest

from judging.affiliations import (
    Person,
    affiliation_matches,
    domain_normalise,
    organisation_normalise,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("sally@ki.se", "ki.se"),
        ("sally@stud.KI.se", "ki.se"),
        ("a@dept.ox.ac.uk", "ox.ac.uk"),
        ("someone@gmail.com", ""),
        ("someone@live.se", ""),
        ("someone@proton.me", ""),
        ("nobody", ""),
    ],
)
def test_domain_normalise(value, expected):
    assert domain_normalise(value) == expected


def test_organisation_normalise_folds_case_accents_punctuation_and_legal_forms():
    assert {
        organisation_normalise("Karolinska Institutet"),
        organisation_normalise("  karolinska institutet. "),
        organisation_normalise("KAROLINSKA INSTITUTET AB"),
    } == {"karolinska institutet"}
    assert organisation_normalise("Södertörns högskola") == "sodertorns hogskola"
    assert organisation_normalise("AB") == ""


def test_affiliation_matches_ignores_webmail_and_finds_both_kinds():
    judge = [Person("j@gmail.com", "Turn UP AB"), Person("j@ki.se")]
    team = [Person("s@gmail.com", ""), Person("t@stud.ki.se", "")]

    matches = affiliation_matches(judge=judge, team=team, entry_organisation="Turn Up")

    assert [(m.kind, m.value) for m in matches] == [
        ("domain", "ki.se"),
        ("organisation", "turn up"),
    ]


def test_affiliation_matches_webmail_only_is_no_match():
    assert (
        affiliation_matches(
            judge=[Person("j@gmail.com")], team=[Person("s@gmail.com")], entry_organisation=""
        )
        == []
    )
