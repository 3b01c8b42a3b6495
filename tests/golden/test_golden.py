"""Behaviour kept identical across restructuring: today's CLI, export, chart and report outputs
for a fixed journal and clock equal the golden files byte for byte.

Two normalisations of SVG only, with their reasons: matplotlib names clip paths (p...),
hatches (h...), markers (m...) and images with random ids on each save (``svg.hashsalt`` is
unset), so those ids are renumbered in order of first use; and its writer varies the blank lines
between elements from one process to another, so white space between two tags is dropped. The
drawing itself is compared exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.golden.golden_journal import FILES, outputs

_SVG_ID = re.compile(rb"\b(?:[phm]|image)[0-9a-f]{10}\b")
_BETWEEN_TAGS = re.compile(rb">\s+<")


def normalised(name: str, data: bytes) -> bytes:
    if not name.endswith(".svg"):
        return data
    seen: dict[bytes, bytes] = {}
    data = _BETWEEN_TAGS.sub(b"><", data)
    return _SVG_ID.sub(lambda m: seen.setdefault(m.group(0), b"id%d" % len(seen)), data)


@pytest.fixture(scope="module")
def today(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return outputs(tmp_path_factory.mktemp("golden"))


def test_every_golden_file_is_still_produced(today: dict[str, bytes]) -> None:
    assert sorted(today) == sorted(p.name for p in FILES.iterdir())


@pytest.mark.parametrize("name", sorted(p.name for p in FILES.iterdir()))
def test_output_is_identical(name: str, today: dict[str, bytes]) -> None:
    expected = normalised(name, (FILES / name).read_bytes())
    got = normalised(name, today[name])
    if got != expected:
        out = Path(FILES.parent / "diff") / name
        out.parent.mkdir(exist_ok=True)
        out.write_bytes(today[name])
        pytest.fail(f"{name} differs from the golden file; today's output is in {out}")
