"""``install-desktop``: the menu entry, icons and metainfo land where desktops look, valid, and
pointing at this installation; ``--uninstall`` takes back exactly what it put there."""

from __future__ import annotations

import configparser
import io
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journal import APP_ID, APP_NAME, __version__
from journal.cli import main
from journal.service import desktop

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.fixture
def installed(tmp_path: Path) -> tuple[Path, list[Path]]:
    home = tmp_path / "share"
    files = desktop.install(home, command=["/opt/Symptom Journal/SymptomJournal"],
                            resources=RESOURCES)
    return home, files


def test_checkout_resources_are_found_by_path() -> None:
    assert desktop.shipped_resources() == RESOURCES


def test_install_puts_each_file_where_the_freedesktop_specs_look(
        installed: tuple[Path, list[Path]]) -> None:
    home, files = installed
    expected = {
        home / "applications" / f"{APP_ID}.desktop",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    } | {home / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
         for n in (16, 24, 32, 48, 64, 128, 256, 512)}
    assert set(files) == expected
    assert all(f.is_file() for f in files)
    assert not list(home.rglob(".*.tmp"))


def test_every_png_icon_has_the_size_of_its_folder(installed: tuple[Path, list[Path]]) -> None:
    home, _ = installed
    for n in desktop.ICON_SIZES:
        icon = home / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        assert png_size(icon) == (n, n)


def test_entry_starts_this_installation_and_matches_the_window(
        installed: tuple[Path, list[Path]]) -> None:
    home, _ = installed
    entry = read_entry(home / "applications" / f"{APP_ID}.desktop")
    # A space in the path is quoted, as the Exec key's rules ask.
    assert entry["Exec"] == '"/opt/Symptom Journal/SymptomJournal"'
    assert entry["TryExec"] == entry["Exec"]
    assert entry["Icon"] == APP_ID
    # Qt's X11 WM_CLASS class is the application name; on Wayland the app id is the desktop
    # file name (set by the window, see test_window_announces_the_app_id).
    assert entry["StartupWMClass"] == APP_NAME
    assert entry["Name"] == APP_NAME


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt install desktop-file-utils)")
def test_installed_entry_passes_desktop_file_validate(installed: tuple[Path, list[Path]]) -> None:
    home, _ = installed
    result = subprocess.run(["desktop-file-validate", str(home / "applications" /
                                                          f"{APP_ID}.desktop")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower() and "warning" not in result.stdout.lower()


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt install appstream)")
def test_installed_metainfo_passes_appstreamcli_validate(
        installed: tuple[Path, list[Path]]) -> None:
    home, _ = installed
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--no-color",
                             str(home / "metainfo" / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_this_app_its_entry_and_this_version() -> None:
    root = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    assert root.find("content_rating") is not None
    shots = root.findall("screenshots/screenshot/image")
    assert shots
    for shot in shots:
        # Each screenshot is a file in this repository, addressed on its main branch.
        assert shot.text and "/main/" in shot.text
        assert (ROOT / shot.text.split("/main/", 1)[1]).is_file(), shot.text


def test_uninstall_removes_only_what_install_wrote(installed: tuple[Path, list[Path]]) -> None:
    home, files = installed
    foreign = home / "applications" / "someone-else.desktop"
    foreign.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert set(desktop.uninstall(home)) == set(files)
    assert not any(f.exists() for f in files)
    assert foreign.exists()
    assert desktop.uninstall(home) == []


def test_exec_line_quotes_and_escapes_per_the_spec() -> None:
    assert desktop.exec_line(["/usr/bin/sj"]) == "/usr/bin/sj"
    assert desktop.exec_line(["/a b/python", "-m", "ui"]) == '"/a b/python" -m ui'
    # `$` is escaped inside the quotes, then every backslash doubled for the string level.
    assert desktop.exec_line(["/x/$HOME"]) == '"/x/\\\\$HOME"'
    assert desktop.exec_line(["/100%/sj"]) == "/100%%/sj"


def test_launch_command_prefers_bundle_then_script_then_module(tmp_path: Path) -> None:
    bundle = tmp_path / "SymptomJournal"
    assert desktop.launch_command(frozen=True, executable=str(bundle), argv0="x") == [
        str(bundle.resolve())]
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    assert desktop.launch_command(frozen=False, executable=str(python), argv0="-c") == [
        str(python), "-m", "ui"]
    (bin_dir / "symptom-journal").write_text("#!/bin/sh\n", encoding="utf-8")
    assert desktop.launch_command(frozen=False, executable=str(python), argv0="-c") == [
        str(bin_dir / "symptom-journal")]


def test_data_home_follows_xdg_and_ignores_relative_values() -> None:
    assert desktop.data_home({"XDG_DATA_HOME": "/d", "HOME": "/h"}) == Path("/d")
    assert desktop.data_home({"XDG_DATA_HOME": "rel", "HOME": "/h"}) == Path("/h/.local/share")
    assert desktop.data_home({"HOME": "/h"}) == Path("/h/.local/share")


def test_cli_install_and_uninstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    out, err = io.StringIO(), io.StringIO()
    assert main(["install-desktop"], out=out, err=err) == 0, err.getvalue()
    entry = home / "applications" / f"{APP_ID}.desktop"
    assert entry.is_file()
    assert str(entry) in out.getvalue()
    out = io.StringIO()
    assert main(["install-desktop", "--uninstall"], out=out, err=err) == 0
    assert not entry.exists()
    assert "Removed" in out.getvalue()


def test_window_announces_the_app_id(tmp_path: Path) -> None:
    code = ("from ui.app import make_application\n"
            "app = make_application()\n"
            "print(app.desktopFileName(), '|', app.applicationName())\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{APP_ID} | {APP_NAME}"


def test_every_shipped_menu_word_goes_through_the_catalogue() -> None:
    entry = read_entry(RESOURCES / f"{APP_ID}.desktop")
    for key, words in desktop.DESKTOP_WORDS.items():
        assert entry[key] == words, key
    root = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    for tag, words in desktop.METAINFO_WORDS.items():
        assert root.findtext(tag) == words, tag



@pytest.mark.parametrize("code", ["de", "es"])
def test_menu_entry_and_metainfo_speak_each_language(
        installed: tuple[Path, list[Path]], code: str) -> None:
    from journal.i18n import translations_for

    home, _ = installed
    entry = read_entry(home / "applications" / f"{APP_ID}.desktop")
    catalogue = translations_for(code)
    for key, words in desktop.DESKTOP_WORDS.items():
        assert entry.get(f"{key}[{code}]") == catalogue.gettext(words) != words, key
    root = ET.parse(home / "metainfo" / f"{APP_ID}.metainfo.xml").getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag, words in desktop.METAINFO_WORDS.items():
        shown = {e.get(lang): e.text for e in root.findall(tag)}
        assert shown[None] == words and shown[code] == catalogue.gettext(words) != words, tag
