"""The language the core speaks, and the one place dates, times and numbers are formatted.

Modelled on Picard's ``picard/i18n.py``: ``N_("text")`` marks a string for extraction and returns
it unchanged, so tables of words can be built at import time, before any language is chosen;
``_("text")`` translates a marked string at the moment it is shown. The catalogues are gettext
``.po`` files under ``journal/locale/<code>/LC_MESSAGES/journal.po``, extracted and compiled with
Babel (``make translations``); the compiled ``.mo`` files ship inside the package.

The language is chosen once at start-up (:func:`set_language`: ``--lang``, the app's setting, or
the system's ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``). A report can be written in
another language than the app's (a patient may want the doctor's): :func:`language` switches
the language for the code it wraps only, in that thread or task (a :class:`ContextVar`), so a
report drawn in the background never changes the words of the window around it.

Formatting goes through Babel's CLDR data for the same language (:func:`format_date`,
:func:`format_time`, :func:`format_decimal`, ...), never ``strftime``, whose month names are
the C library's English ones. The interchange JSON and CSV never use these: they stay ISO 8601
with a dot for decimals, whatever the language.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Final, Generic, Literal, TypeVar

K = TypeVar("K")

#: The compiled catalogues: ``<code>/LC_MESSAGES/journal.mo``.
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
DOMAIN: Final = "journal"
#: The language the source strings are written in.
SOURCE_LANGUAGE: Final = "en"
#: The pseudo-locale: every string accented, 40% longer and bracketed, so a test can see what is
#: not translated (plain English) and what is clipped (the closing bracket is missing).
PSEUDO: Final = "qps"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own language, as a language menu lists it
    #: The CLDR locale for dates and numbers.
    babel_locale: str
    #: The emergency number said beside "call your emergency number" for this language's region.
    emergency_number: str
    #: CLDR date patterns that replace the locale's own for some styles. English keeps ISO 8601
    #: for its short and medium dates (the report's and the command line's dates were ISO
    #: before there were languages, and a clinician reads 2026-03-16 without doubt about
    #: day/month order); long and full dates ("Monday 16 March") are CLDR's in every language.
    date_patterns: Mapping[str, str] = field(default_factory=dict)


#: The languages a person can choose, in menu order. The pseudo-locale is for tests only and
#: is not listed here.
LANGUAGES: Final[Mapping[str, Language]] = {
    "en": Language("en", "English", "en_GB", "999",
                   {"short": "yyyy-MM-dd", "medium": "yyyy-MM-dd"}),
    "de": Language("de", "Deutsch", "de_DE", "112"),
    "es": Language("es", "Español", "es_ES", "112"),
}
_PSEUDO_LANGUAGE: Final = Language(PSEUDO, "Pseudo", "en_GB", "999",
                                   {"short": "yyyy-MM-dd", "medium": "yyyy-MM-dd"})


def N_(text: str) -> str:
    """Mark ``text`` for extraction; it is translated later, where it is shown."""
    return text


def supported(code: str | None) -> str | None:
    """The supported language for a locale name ("de_DE.UTF-8" -> "de"), or None."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("-", "_").lower()
    if base in ("c", "posix"):
        return SOURCE_LANGUAGE
    if base == PSEUDO:
        return PSEUDO
    lang = base.split("_")[0]
    return lang if lang in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for, in gettext's order: ``LANGUAGE`` (a colon-separated
    list of preferences), then ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``; English when none of
    them names a language we have."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for candidate in env.get(name, "").split(":"):
            found = supported(candidate)
            if found:
                return found
    return SOURCE_LANGUAGE


@cache
def translations_for(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (the source strings for English or a missing one)."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    except OSError:
        return gettext.NullTranslations()


_app_language: str = SOURCE_LANGUAGE
_override: ContextVar[str | None] = ContextVar("journal_language", default=None)


def set_language(code: str | None) -> str:
    """Choose the app's language (None: the system's). Returns the language chosen."""
    global _app_language
    _app_language = supported(code) or system_language() if code else system_language()
    return _app_language


def current_language() -> str:
    override = _override.get()
    return override if override is not None else _app_language


def language_info(code: str | None = None) -> Language:
    code = code or current_language()
    return _PSEUDO_LANGUAGE if code == PSEUDO else LANGUAGES.get(code, LANGUAGES["en"])


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Speak ``code`` inside the block (in this thread or task only); None keeps the current."""
    chosen = (supported(code) or current_language()) if code else current_language()
    token = _override.set(chosen)
    try:
        yield chosen
    finally:
        _override.reset(token)


def _(text: str) -> str:
    """Translate a marked string into the current language."""
    return translations_for(current_language()).gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, by the current language's plural rule."""
    return translations_for(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, text: str) -> str:
    """Translate ``text`` where one English word means two things (``context`` tells which)."""
    return translations_for(current_language()).pgettext(context, text)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` inside a context (argparse's plural messages, under "argparse")."""
    return translations_for(current_language()).npgettext(context, singular, plural, n)


class Translated(Mapping[K, str], Generic[K]):
    """A table of marked words, translated when read (so a table built at import time speaks
    whatever language is current when it is used, the report's own included)."""

    def __init__(self, source: Mapping[K, str], shape: Callable[[str], str] | None = None,
                 compose: Callable[[K], str] | None = None) -> None:
        self._source = dict(source)
        self._shape = shape
        self._compose = compose

    def __getitem__(self, key: K) -> str:
        if self._compose is not None:
            if key not in self._source:
                raise KeyError(key)
            return self._compose(key)
        text = _(self._source[key])
        return self._shape(text) if self._shape else text

    def __iter__(self) -> Iterator[K]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


#: Languages whose nouns keep their capital inside a sentence.
_CAPITALISED_NOUNS: Final = frozenset({"de"})


def in_sentence(word: str) -> str:
    """A name as it is written inside a sentence: English and Spanish lower its first letter
    ("prolonged sitting", "sedestación prolongada"), German keeps it ("langes Sitzen" would be
    wrong; "Langes Sitzen" as a noun phrase stays). Only the first letter: "NSAID" stays."""
    if current_language() in _CAPITALISED_NOUNS or word[1:2].isupper():
        return word
    return word[:1].lower() + word[1:]


def emergency_number() -> str:
    return language_info().emergency_number


#: What the system said, in the language: the C library's ``strerror`` is English (Python never
#: switches its messages to the locale), so the reasons a person meets are our own words.
_OS_REASONS: Final[Mapping[str, str]] = {
    "ENOENT": N_("there is no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("the disk quota is used up"),
    "EROFS": N_("the disk is read-only"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("part of the path is not a folder"),
    "EEXIST": N_("it already exists"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EIO": N_("the disk could not be read or written (input/output error)"),
    "EBUSY": N_("it is in use"),
}


def os_error_reason(exc: OSError) -> str:
    """Why a file operation failed, in the current language ("permission denied"); the
    system's own English words for a failure not listed here."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason = _OS_REASONS.get(name)
    return _(reason) if reason else str(exc.strerror or exc)


# --- formatting ------------------------------------------------------------------------------

DateStyle = Literal["short", "medium", "long", "full"]


def _locale() -> str:
    return language_info().babel_locale


#: The pseudo-locale writes CLDR's names (weekdays, months) accented and bracketed too, as
#: Windows' ``qps-ploc`` does, so a test sees that a date or weekday went through this module
#: (a ``strftime`` or a hard-coded "Mon" stays plain English).
_PSEUDO_ACCENTS: Final = str.maketrans("aeiouycnAEIOUYCN", "áéíóúýçñÁÉÍÓÚÝÇÑ")


def _cldr_words(text: str) -> str:
    """CLDR's words as they are, or marked in the pseudo-locale (digits and ISO dates kept)."""
    if current_language() != PSEUDO or not any(c.isalpha() for c in text):
        return text
    return "[" + text.translate(_PSEUDO_ACCENTS) + "]"


def format_date(value: date, style: DateStyle | str = "medium") -> str:
    """A date as the language writes it: "4 Dec 2026", "04.12.2026", "4 dic 2026". ``style`` is
    one of CLDR's four or a CLDR skeleton such as ``"EEEdMMM"`` (weekday, day, month)."""
    from babel import dates

    if style in ("short", "medium", "long", "full"):
        pattern = language_info().date_patterns.get(style, style)
        return _cldr_words(dates.format_date(value, pattern, locale=_locale()))
    return _cldr_words(dates.format_skeleton(style, value, locale=_locale()))


def format_time(value: time | datetime, style: DateStyle = "short") -> str:
    """A clock time ("14:30"); a datetime keeps its own offset (no conversion here)."""
    from babel import dates

    t = value.timetz() if isinstance(value, datetime) else value
    return _cldr_words(dates.format_time(t, style, locale=_locale()))


def format_datetime(value: datetime, style: DateStyle = "medium") -> str:
    """Date and time together in the language's order and separators."""
    return f"{format_date(value.date(), style)} {format_time(value)}"


def format_weekday(value: date, width: Literal["abbreviated", "wide", "short"] = "abbreviated"
                   ) -> str:
    return weekday_name(value.weekday(), width)


def weekday_name(index: int, width: Literal["abbreviated", "wide", "short"] = "abbreviated"
                 ) -> str:
    """Monday is 0, as ``date.weekday()`` counts."""
    from babel import dates

    return _cldr_words(str(dates.get_day_names(width, locale=_locale())[index]))


def month_name(month: int, width: Literal["abbreviated", "wide", "narrow"] = "abbreviated"
               ) -> str:
    """January is 1, as ``date.month`` counts; the stand-alone form (a chart's axis, a heading)."""
    from babel import dates

    names = dates.get_month_names(width, context="stand-alone", locale=_locale())
    return _cldr_words(str(names[month]))


# --- numbers ---------------------------------------------------------------------------------
# Every number a person reads (a rate, a ratio, an interval, a p-value, a share) is written
# here, with the language's decimal sign: "1.8" and "p = 0.030" in English, "1,8" and
# "p = 0,030" in German and Spanish. An f-string's "{x:.2f}" is always a dot. The interchange
# JSON and CSV never come here: they keep Python's own ``repr`` of a number.


def format_decimal(value: float, digits: int = 1) -> str:
    """A number with the language's decimal separator ("1.5", "1,5"), ``digits`` after it."""
    from babel import numbers

    pattern = "0" + ("." + "0" * digits if digits > 0 else "")
    return numbers.format_decimal(value, format=pattern, locale=_locale())


def format_amount(value: float, digits: int = 1) -> str:
    """An amount or threshold as a person writes it, like ``{:g}``: no decimals for a whole
    number ("8", "1500"), at most ``digits`` otherwise ("1.5", "1,5"); no grouping, so a
    threshold reads the same in every language ("1500 ml")."""
    from babel import numbers

    if float(value).is_integer():
        return numbers.format_decimal(value, format="0", locale=_locale())
    pattern = "0." + "#" * max(1, digits)
    return numbers.format_decimal(value, format=pattern, locale=_locale())


def format_number(value: int) -> str:
    """A whole number with the language's grouping ("12,345", "12.345")."""
    from babel import numbers

    return numbers.format_decimal(value, format="#,##0", locale=_locale())


def format_ratio(value: float) -> str:
    """A rate ratio or an interval's end: two decimals below 10 ("0.85", "2.39"), one above
    ("12.4"), as the findings have always printed them; German and Spanish "0,85"."""
    return format_decimal(value, 2 if value < 10 else 1)


def format_p_value(p: float) -> str:
    """A p-value with three decimals ("0.030", "0,030"); below 0.001 it is "< 0.001", since a
    diary's p-value is never that precise."""
    if p < 0.001:
        return "< " + format_decimal(0.001, 3)
    return format_decimal(p, 3)


def format_percent(value: float, digits: int = 0) -> str:
    """A share (0.25) as the language writes a percentage ("25%", "25 %"), ``digits`` after
    the decimal sign ("99.5%", "99,5 %")."""
    from babel import Locale, numbers

    pattern = str(Locale.parse(_locale()).percent_formats[None].pattern)  # "#,##0%", "#,##0 %"
    if digits > 0:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return numbers.format_percent(value, format=pattern, locale=_locale())


__all__ = [
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "PSEUDO",
    "_",
    "current_language",
    "emergency_number",
    "format_amount",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_number",
    "format_p_value",
    "format_percent",
    "format_ratio",
    "format_time",
    "format_weekday",
    "in_sentence",
    "language",
    "language_info",
    "month_name",
    "ngettext",
    "npgettext",
    "os_error_reason",
    "pgettext",
    "set_language",
    "supported",
    "system_language",
    "translations_for",
]
