"""The compiled catalogues are what ``make translations`` makes from the .po files (nobody
edits a .mo or .qm by hand), and the German and Spanish ones cover the core's medical words."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from journal import i18n
from journal.rules.table import RULES
from journal.vocabulary import EMERGENCY_NOTE, SIGNS, TIERS

LANGS = ("de", "es")


def _po(code: str):  # type: ignore[no-untyped-def]
    path = i18n.LOCALE_DIR / code / "LC_MESSAGES" / "journal.po"
    with path.open("rb") as f:
        return read_po(f, locale=code)


@pytest.mark.parametrize("code", LANGS)
def test_the_mo_is_the_po_compiled(code: str) -> None:
    buf = io.BytesIO()
    write_mo(buf, _po(code), use_fuzzy=False)
    mo = i18n.LOCALE_DIR / code / "LC_MESSAGES" / "journal.mo"
    assert mo.read_bytes() == buf.getvalue(), "run `make translations`"


@pytest.mark.parametrize("code", LANGS)
def test_the_qm_holds_the_po_translations_of_the_ui(code: str, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    from ui.translation import qm_file

    translator = QTranslator()
    assert translator.load(str(qm_file(code)))
    ui_messages = [m for m in _po(code) if m.context and m.context.startswith("ui:") and m.string]
    assert ui_messages
    for m in ui_messages:
        assert translator.translate(m.context[3:], m.id) == m.string, (m.context, m.id)


@pytest.mark.parametrize("code", LANGS)
def test_the_medical_words_are_translated(code: str) -> None:
    words = [EMERGENCY_NOTE]
    words += [w for t in TIERS.values() for w in (t.word, t.action)]
    words += [w for s in SIGNS.values() for w in (s.checkbox, s.question, s.finding, s.clinical)]
    words += [w for r in RULES for w in (r.title, r.advice, r.fires_when)]
    catalogue = i18n.translations_for(code)
    missing = [w for w in words if catalogue.gettext(w) == w]
    assert missing == []


@pytest.mark.parametrize(("code", "emergency", "number"), [
    ("de", "Notfall", "112"), ("es", "Urgencia vital", "112"), ("en", "Emergency", "999")])
def test_emergency_wording_and_number_per_language(code: str, emergency: str, number: str) -> None:
    with i18n.language(code):
        assert i18n._(TIERS["emergency"].word) == emergency
        assert number in i18n._(RULES[0].advice)
        assert number in i18n._(EMERGENCY_NOTE) or code == "en"


def test_language_follows_the_environment_in_gettexts_order() -> None:
    assert i18n.system_language({"LANGUAGE": "fr:es", "LANG": "de_DE.UTF-8"}) == "es"
    assert i18n.system_language({"LC_ALL": "de_AT.UTF-8", "LANG": "es_ES.UTF-8"}) == "de"
    assert i18n.system_language({"LC_MESSAGES": "es_MX.UTF-8"}) == "es"
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.system_language({}) == "en"


def test_dates_and_numbers_follow_the_language() -> None:
    from datetime import date

    day = date(2026, 3, 16)
    with i18n.language("de"):
        assert i18n.format_date(day) == "16.03.2026"
        assert i18n.format_decimal(1.5) == "1,5"
    with i18n.language("es"):
        assert "mar" in i18n.format_date(day)
        assert i18n.format_decimal(1.5) == "1,5"
    with i18n.language("en"):
        assert i18n.format_date(day) == "2026-03-16"
        assert i18n.format_decimal(1.5) == "1.5"


def test_the_interchange_stays_iso_in_german(tmp_path: Path, journal) -> None:  # type: ignore[no-untyped-def]
    from journal.model import Episode, Kind

    journal.add_episode(Episode(kind=Kind.TWITCH, started_at=journal.clock.now(), duration_s=30,
                                intensity=2))
    with i18n.language("de"):
        journal.export_csv(tmp_path / "e.csv", None, None)
    text = (tmp_path / "e.csv").read_text()
    assert "2026-03-16" in text and "16.03.2026" not in text


def test_a_missing_catalogue_falls_back_to_english() -> None:
    assert isinstance(i18n.translations_for("xx"), gettext.NullTranslations)


def test_the_number_helpers_follow_the_language() -> None:
    cases = {
        "en": ("0.030", "< 0.001", "1.80", "12.4", "99.5%", "25%", "1500", "7.5"),
        "de": ("0,030", "< 0,001", "1,80", "12,4", "99,5\u00a0%", "25\u00a0%", "1500", "7,5"),
        "es": ("0,030", "< 0,001", "1,80", "12,4", "99,5\u00a0%", "25\u00a0%", "1500", "7,5"),
    }
    for code, expected in cases.items():
        with i18n.language(code):
            got = (i18n.format_p_value(0.03), i18n.format_p_value(0.0004),
                   i18n.format_ratio(1.8), i18n.format_ratio(12.44),
                   i18n.format_percent(0.995, 1), i18n.format_percent(0.25),
                   i18n.format_amount(1500), i18n.format_amount(7.5))
        assert got == expected, code


def test_the_pseudo_locale_marks_cldr_names_and_german_keeps_noun_capitals() -> None:
    from datetime import date

    with i18n.language("qps"):
        assert i18n.weekday_name(0) == "[Móñ]" and i18n.month_name(3) == "[Már]"
        assert i18n.format_date(date(2026, 3, 16)) == "2026-03-16"  # digits only: unmarked
    with i18n.language("de"):
        assert i18n.month_name(3) == "Mär" and i18n.in_sentence("Langes Sitzen") == "Langes Sitzen"
    with i18n.language("es"):
        assert i18n.in_sentence("Sedestación prolongada") == "sedestación prolongada"
    assert i18n.in_sentence("NSAID use") == "NSAID use"


def test_os_errors_are_said_in_the_language() -> None:
    import errno

    with i18n.language("de"):
        assert i18n.os_error_reason(OSError(errno.ENOSPC, "No space left on device")) == (
            "der Datenträger ist voll")
        assert i18n.os_error_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
            "Invalid cross-device link")  # not listed: the system's words


@pytest.mark.parametrize("code", ["de", "es", "qps"])
def test_the_interchange_json_and_csv_are_the_same_in_every_language(
        tmp_path: Path, journal, code: str) -> None:  # type: ignore[no-untyped-def]
    """ISO dates and a dot for decimals whatever the language: byte for byte the English file."""
    from datetime import timedelta

    from journal.model import CheckIn, Episode, Kind, TriggerTag

    now = journal.clock.now()
    journal.add_episode(Episode(kind=Kind.CRAMP, started_at=now - timedelta(hours=2),
                                duration_s=95, intensity=6,
                                triggers=(TriggerTag("caffeine", 1.5, "mg"),), note="x"))
    journal.save_checkin(CheckIn(date=now.date(), sitting_h=7.5, water_ml=1250.0, stress=4))
    for lang in ("en", code):
        with i18n.language(lang):
            journal.export_json(tmp_path / f"{lang}.json", None, None)
            journal.export_csv(tmp_path / f"{lang}.csv", None, None)
    for ext in ("json", "csv"):
        english = (tmp_path / f"en.{ext}").read_bytes()
        assert english == (tmp_path / f"{code}.{ext}").read_bytes(), ext
        assert b"7.5" in english or ext == "csv"


@pytest.mark.parametrize("code", LANGS)
def test_the_report_can_turn_the_caffeine_exposure_into_the_third_person(code: str) -> None:
    """The report says "the patient's median" by replacing the translated "(your median)" in the
    translated exposure, so the two translations must agree word for word."""
    from journal.analytics.factors import FACTORS_BY_ID
    from journal.report.factor_words import third_person

    with i18n.language(code):
        exposure = FACTORS_BY_ID["caffeine"].describe(160.0)
        assert i18n._("(your median)") in exposure
        assert i18n._("(the patient's median)") in third_person(exposure)


@pytest.mark.parametrize("code", LANGS)
def test_every_message_of_this_pythons_argparse_is_translated(code: str) -> None:
    """argparse's own words are extracted from the running Python's argparse.py (as Python's
    documentation says to translate them) and each has a translation under 'argparse'."""
    from tools.translations import ARGPARSE_CONTEXT, extract_argparse

    messages = extract_argparse()
    assert "usage: " in messages and "the following arguments are required: %s" in messages
    # The compiled catalogue's keys ("context\x04message"; a plural's is (key, n)): a
    # translation may rightly equal the English ("error" in Spanish).
    keys = i18n.translations_for(code)._catalog  # type: ignore[attr-defined]
    missing = [m for m in messages
               if (f"{ARGPARSE_CONTEXT}\x04{m}" if isinstance(m, str)
                   else (f"{ARGPARSE_CONTEXT}\x04{m[0]}", 0)) not in keys]
    assert missing == []
