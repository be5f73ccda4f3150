from pathlib import Path

import polib
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_swedish_translation():
    untranslated = [
        entry.msgid
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]

    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    entries = [e for e in polib.pofile(str(CATALOGUE)) if e.translated() and not e.msgid_plural]

    with translation.override("sv"):
        stale = [e.msgid for e in entries if translation.gettext(e.msgid) != e.msgstr]

    assert stale == [], "run `make messages` to compile locale/sv"
