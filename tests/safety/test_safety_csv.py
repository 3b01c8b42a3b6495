"""CSV export is safe to open in a spreadsheet: no note (typed, or from an imported file) can
start a row of its own or put a formula at the start of a cell, whether the file is read with
Python's csv module (as a spreadsheet parses it) or by a reader that splits it into lines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.report.interchange import CSV_COLUMNS
from journal.service import Journal
from tests.helpers.safety import episode

FORMULA = "=cmd|' /C calc'!A0"
PAYLOADS = {
    "formula": FORMULA,
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1,1)",
    "bare CR then formula": "ok\r" + FORMULA,
    "bare LF then formula": "ok\n" + FORMULA,
    "CRLF then formula": "ok\r\n" + FORMULA,
    "CR then tab then formula": "ok\r\t" + FORMULA,
    "vertical tab then formula": "ok\x0b" + FORMULA,
    "line separator then formula": "ok\u2028" + FORMULA,
    "next line then formula": "ok\x85" + FORMULA,
    "tab first": "\t" + FORMULA,
    "newline first": "\n" + FORMULA,
    "CR first": "\r" + FORMULA,
    "space first": " " + FORMULA,
    "NBSP first": "\u00a0" + FORMULA,
    "BOM first": "\ufeff" + FORMULA,
    "NUL first": "\x00" + FORMULA,
    "zero-width space first": "\u200b" + FORMULA,
    "ideographic space first": "\u3000" + FORMULA,
}
#: What a spreadsheet may take for the start of a formula, or skip before one.
RISKY = set("=+-@\t\r\n \u00a0\ufeff\x00\u200b\u3000\x0b\x85\u2028")


def _export(tmp_path: Path, clock: FixedClock, notes: list[str]) -> str:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        for i, note in enumerate(notes):
            j.add_episode(episode(hours_ago=1 + i, note=note))
        out = tmp_path / "export.csv"
        assert j.export_csv(out) == len(notes)
    return out.read_bytes().decode("utf-8")  # as written: no newline translation


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_hostile_note_stays_in_its_cell_and_runs_no_formula(
        name: str, tmp_path: Path, clock: FixedClock) -> None:
    note = PAYLOADS[name]
    text = _export(tmp_path, clock, ["first, plain", note, "last, plain"])

    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 4, rows  # the header and three episodes: nothing split off
    assert all(len(r) == len(CSV_COLUMNS) for r in rows)
    hostile = next(r for r in rows[1:] if "calc" in r[-1] or "SUM" in r[-1] or "2+3" in r[-1])
    for cell in hostile:
        assert cell[:1] not in RISKY, (name, cell)
    # Only apostrophes were added: the text itself is all there.
    assert hostile[-1].replace("'", "") == note.replace("'", "")

    # A reader that splits lines (str.splitlines breaks on CR, LF, VT, NEL, LS...) never sees
    # a line that begins with a formula, whether or not it strips the quote first.
    for line in text.splitlines():
        assert line[:1] not in RISKY, (name, line)
        assert line.lstrip('"')[:1] not in RISKY, (name, line)


def test_plain_notes_are_exported_unchanged(tmp_path: Path, clock: FixedClock) -> None:
    notes = ["after lunch, sitting", 'said "sharp"', "multi\nline note", "café 5/10"]
    rows = list(csv.reader(io.StringIO(_export(tmp_path, clock, notes), newline="")))
    assert sorted(r[-1] for r in rows[1:]) == sorted(notes)
