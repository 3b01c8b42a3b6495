"""Finding text that did not go through a catalogue, in the pseudo-locale ``qps``.

Every translated string in ``qps`` is wrapped in brackets and has accented vowels, so text that
still has a plain ASCII vowel outside any bracketed part did not come from a catalogue: it is
English that no ``_()``/``tr()`` reached. Placeholders are filled with data (numbers, dates,
ids, the person's own notes), so only words of three letters or more count, and a test names
the data it expects to see (program names, option names) in ``allowed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_WORD = re.compile(r"(?<![\w\-./$%{])[A-Za-z][A-Za-z']{2,}(?![\w\-./(])")
#: The same, also at the end of a sentence ("added."), which ``_WORD`` leaves alone as it might
#: be the start of a file name ("journal.sqlite3").
_WORD_STRICT = re.compile(r"(?<![\w\-./$%{])[A-Za-z][A-Za-z']{2,}(?![\w\-/(]|\.\w)")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
#: Never translated: the program's and the standards' names, units, and Qt's own
#: keyboard-shortcut names.
ALWAYS_ALLOWED = frozenset({
    "symptom-journal", "Symptom", "Journal", "SymptomJournal", "JSON", "CSV", "PDF", "PNG",
    "SVG", "NHS", "NICE", "CKS", "GIRFT", "MSD", "NRS", "ISO", "Ctrl", "Shift", "Alt", "Esc",
    "Space", "Enter", "Return", "Tab", "Del", "Delete", "Backspace", "Home", "End", "Pseudo",
    "English", "Deutsch", "Español", "mg", "ml", "min", "cm", "USB",
})


def untranslated(text: str, allowed: Iterable[str] = (), *, nested: bool = False) -> list[str]:
    """The English words in ``text`` outside the pseudo-locale's brackets.

    ``nested``: inside them too. The pseudo-locale accents every vowel, so a plain vowel inside
    a bracketed sentence is a value put into it that did not go through a catalogue (a factor's
    exposure, argparse's own message, a word of the command's result)."""
    rest = text
    while not nested:
        stripped = _BRACKETED.sub(" ", rest)
        if stripped == rest:
            break
        rest = stripped
    ok = ALWAYS_ALLOWED | set(allowed)
    words = (_WORD_STRICT if nested else _WORD).findall(rest)
    return [w for w in words if _VOWEL.search(w) and w not in ok
            and w.strip("'") not in ok]


@contextmanager
def core_language(code: str) -> Iterator[None]:
    """The core speaks ``code`` for the block (``journal.i18n`` state restored after)."""
    from journal import i18n

    before = i18n.current_language()
    i18n.set_language(code)
    try:
        yield
    finally:
        i18n.set_language(before)
