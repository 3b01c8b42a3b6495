"""``report`` on the command line: writes the PDF atomically, refuses bad input cleanly."""

from __future__ import annotations

import io
import stat
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal.cli import main
from journal.clock import FixedClock
from journal.service import Journal
from tests.helpers.report import fill_journal, pages_text


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def filled_db(db_path: Path, clock: FixedClock) -> Iterator[Path]:
    with Journal.open(db_path, clock) as journal:
        fill_journal(journal, per_day=1)
    yield db_path


def test_report_writes_a_private_pdf_with_the_options(clock: FixedClock, filled_db: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    code, text, err = run(clock, "--db", str(filled_db), "report", "--out", str(out),
                          "--from", "2026-02-01", "--to", "2026-03-15", "--name", "José Müller",
                          "--dob", "1970-05-04", "--letter", "--no-notes",
                          "--questions", "First question?\\nSecond question?")
    assert code == 0, err
    assert "2026-02-01 to 2026-03-15" in text and str(out) in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    pages = pages_text(data)
    assert "Name: José Müller Date of birth: 1970-05-04" in pages[0]
    assert "Period: 2026-02-01 to 2026-03-15 (43 days)" in pages[0]
    assert "First question? Second question?" in " ".join(pages)
    assert "José Müller said it started" not in " ".join(pages)  # --no-notes
    box = PdfReader(BytesIO(data)).pages[0].mediabox
    assert round(float(box.width)) == 612  # --letter


def test_report_defaults_to_the_last_eight_weeks(clock: FixedClock, filled_db: Path,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    code, text, err = run(clock, "--db", str(filled_db), "report", "--out", str(out))
    assert code == 0, err
    assert "2026-01-20 to 2026-03-16" in text
    assert "Period: 2026-01-20 to 2026-03-16 (56 days)" in pages_text(out.read_bytes())[0]


@pytest.mark.parametrize("argv", [
    ["--out", "{tmp}/r.txt"],
    ["--out", "{tmp}/missing/r.pdf"],
    ["--out", "{tmp}/r.pdf", "--from", "2026-03-10", "--to", "2026-03-01"],
    ["--out", "{tmp}/r.pdf", "--from", "yesterday"],
    ["--out", "{tmp}/r.pdf", "--to", "2026-04-01"],
    ["--out", "{tmp}/r.pdf", "--dob", "2030-01-01"],
    ["--out", "{tmp}/r.pdf", "--only", "everything"],
])
def test_bad_input_exits_2_on_one_line_and_writes_nothing(clock: FixedClock, filled_db: Path,
                                                          tmp_path: Path,
                                                          argv: list[str]) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, _text, err = run(clock, "--db", str(filled_db), "report", *args)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("symptom-journal: error:")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*tmp"))


def test_a_failed_export_leaves_the_earlier_file_intact(clock: FixedClock, filled_db: Path,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"%PDF earlier report")
    from journal.report import pdf

    def broken(*_args: object, **_kw: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "render", broken)
    code, _text, err = run(clock, "--db", str(filled_db), "report", "--out", str(out))
    assert code == 1
    assert "the disk is full" in err  # ENOSPC, in the words journal.i18n gives it
    assert out.read_bytes() == b"%PDF earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "r.pdf"]


def test_a_missing_journal_is_not_created(clock: FixedClock, tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    code, _text, err = run(clock, "--db", str(db), "report", "--out", str(tmp_path / "r.pdf"))
    assert code != 0 and err
    assert not db.exists()


def test_the_report_view_and_the_parser_load_no_heavy_library() -> None:
    import subprocess

    code = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; "
            "import ui.views.report_view; from journal.cli import build_parser; build_parser(); "
            "print([m for m in sys.modules if m.split('.')[0] in "
            "('fpdf', 'matplotlib', 'fontTools')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
