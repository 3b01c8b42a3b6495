"""The report's fast paths write exactly what the plain way would: the same PDF bytes, or the
same pixels where the bytes differ."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from journal.clock import FixedClock
from journal.model import Episode, Kind, TriggerTag, UserTrigger
from journal.report import figures, typeset
from journal.report.options import ReportOptions
from journal.service import Journal
from tests.helpers.report import fill_journal, pages_text

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
#: Greek, Cyrillic, a character only the fallback font has, one no font has: every path of put().
OPTIONS = ReportOptions(name="José Ελένη Иван \u2603 \U00020000",
                        questions="Is it the statin?\nΕίναι σοβαρό;")


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    j = Journal.open(tmp_path_factory.mktemp("fast") / "j.sqlite3", FixedClock(NOW))
    fill_journal(j, per_day=3)
    # A log cell DejaVu cannot set (雨, from the fallback font) between ordinary ones.
    j.add_user_trigger(UserTrigger("rain", "Rain 雨"))
    j.add_episode(Episode(kind=Kind.CRAMP, started_at=NOW - timedelta(days=3), duration_s=60,
                          intensity=4, triggers=(TriggerTag("rain"),), note="雨 again"))
    yield j
    j.close()


def test_table_rows_written_in_one_go_match_one_text_call_per_cell(
        journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYMPTOM_JOURNAL_CHART_HELPER", "0")
    fast = journal.build_report(OPTIONS)
    assert "rain 雨" in " ".join(pages_text(fast)).lower()  # the fallback path was taken

    def slow(self: typeset.ReportPDF, items: Sequence[tuple]) -> None:  # type: ignore[type-arg]
        for item in items:
            self.put(*item)

    monkeypatch.setattr(typeset.ReportPDF, "put_row", slow)
    assert journal.build_report(OPTIONS) == fast


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
@pytest.mark.parametrize("chart_id", ["time_of_day", "regions", "intensity"])
def test_charts_without_their_name_only_groups_print_the_same(
        journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chart_id: str) -> None:
    start, end = OPTIONS.period(journal.today())
    draw = figures.drawer(chart_id, figures.chart_data(journal, start, end, (chart_id,))[chart_id])
    flat = figures.figure_svg(draw, 170, 70)
    monkeypatch.setattr(figures, "flatten_groups", lambda svg: svg)
    nested = figures.figure_svg(draw, 170, 70)
    assert flat.count(b"<g") < nested.count(b"<g") / 2  # most groups were only names
    pngs = []
    for name, svg in (("nested", nested), ("flat", flat)):
        pdf = typeset.ReportPDF("A4", "footer")
        pdf.add_page()
        pdf.image(svg, x=20, y=20, w=170, h=70, keep_aspect_ratio=True)
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(bytes(pdf.output()))
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(path),
                        str(tmp_path / name)], check=True, timeout=60)
        pngs.append(next(tmp_path.glob(f"{name}*.png")).read_bytes())
    assert pngs[0] == pngs[1]


def test_flattening_leaves_anything_unusual_alone() -> None:
    odd = b'<svg>\n<g id="a"><path d="M 0 0"/></g>\n</svg>\n'  # a group and its end on one line
    assert figures.flatten_groups(odd) == odd
    unbalanced = b'<svg>\n<g id="a">\n<path d="M 0 0"/>\n</svg>\n'
    assert figures.flatten_groups(unbalanced) == unbalanced
    plain = b'<svg>\n<g id="a">\n<g style="fill: red">\n<path d="M 0 0"/>\n</g>\n</g>\n</svg>\n'
    assert figures.flatten_groups(plain) == (
        b'<svg>\n<g style="fill: red">\n<path d="M 0 0"/>\n</g>\n</svg>\n')


def _page_pixels(svg: bytes, tmp_path: Path, name: str) -> Any:
    import numpy as np
    from PIL import Image

    pdf = typeset.ReportPDF("A4", "footer")
    pdf.add_page()
    pdf.set_fill_color(0, 0, 0)
    pdf.image(svg, x=20, y=20, w=170, h=70, keep_aspect_ratio=True)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(bytes(pdf.output()))
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / name)], check=True, timeout=60)
    with Image.open(next(tmp_path.glob(f"{name}*.png"))) as image:
        return np.asarray(image.convert("RGB"), dtype=int)


def _reference_mesh(ax: Any, image: Any) -> None:
    """The heat map as matplotlib's own QuadMesh, one path per cell (what fpdf2 got before)."""
    import numpy as np

    left, right, bottom, top = image.get_extent()
    rows, cols = np.shape(image.get_array())
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    ax.pcolormesh(np.linspace(left, right, cols + 1), np.linspace(top, bottom, rows + 1),
                  image.get_array(), cmap=image.get_cmap(), norm=image.norm, shading="flat",
                  edgecolors="face", linewidth=0.6, zorder=image.get_zorder())
    image.remove()
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
@pytest.mark.parametrize("chart_id", ["intensity", "time_of_day", "trigger_forest"])
def test_markers_and_heat_map_cells_as_few_paths_print_as_before(
        journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chart_id: str) -> None:
    import numpy as np

    from journal.report.content import gather

    start, end = OPTIONS.period(journal.today())
    if chart_id == "trigger_forest":
        data: Any = figures.forest_data(gather(journal, OPTIONS).factor_results)
    else:
        data = figures.chart_data(journal, start, end, (chart_id,))[chart_id]
    draw = figures.drawer(chart_id, data)
    merged = figures.figure_svg(draw, 170, 70)
    monkeypatch.setattr(figures, "_markers_as_paths", lambda fig: None)
    monkeypatch.setattr(figures, "_image_to_mesh", _reference_mesh)
    one_by_one = figures.figure_svg(draw, 170, 70)
    def shapes(svg: bytes) -> int:
        return svg.count(b"<use") + svg.count(b"<path")

    assert shapes(merged) < shapes(one_by_one)
    before = _page_pixels(one_by_one, tmp_path, "before")
    after = _page_pixels(merged, tmp_path, "after")
    assert before.shape == after.shape
    differing = (np.abs(before - after).max(axis=2) > 48).mean()
    assert differing < 0.002, f"{differing:.2%} of the pixels changed"
