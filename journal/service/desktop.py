"""Desktop integration for the current user: the menu entry, the icons and the AppStream metadata.

``install()`` copies what ``resources/`` ships into the freedesktop.org places under
``$XDG_DATA_HOME`` (``~/.local/share``): ``applications/<APP_ID>.desktop`` with an ``Exec`` that
starts *this* installation (the bundle, the pipx or venv script, or ``python -m ui``),
``icons/hicolor/<size>/apps/<APP_ID>.png`` and ``scalable/apps/<APP_ID>.svg``, and
``metainfo/<APP_ID>.metainfo.xml``. ``uninstall()`` removes exactly those files. Nothing here
needs Qt: the command line does it without a display.

The menu words (``Name``, ``GenericName``, ``Comment``, ``Keywords``; the metainfo's name and
summary) are written in every language the app speaks, from the same catalogues as the rest of
the app (``Name[de]=...``, ``<summary xml:lang="de">``), so adding a language to the catalogues
localizes the menu entry too.

The shipped files are found beside the code by path, not through ``ui.resources``: the core does
not import the ui package, and the same rule finds them in a wheel (``ui/resources`` next to
``journal/``), a PyInstaller bundle (the same layout under ``sys._MEIPASS``) and a checkout
(``resources/`` at the top).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from journal import APP_ID
from journal.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, translations_for

#: The hicolor sizes we ship a PNG for (resources/icons/hicolor/app-<size>.png), besides the SVG.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SCRIPT_NAME = "symptom-journal"
DESKTOP_NAME = f"{APP_ID}.desktop"
METAINFO_NAME = f"{APP_ID}.metainfo.xml"


def shipped_resources() -> Path:
    """The folder holding the .desktop file, the icons and the metainfo of this installation."""
    top = Path(__file__).resolve().parents[2]
    for candidate in (top / "ui" / "resources", top / "resources"):
        if (candidate / DESKTOP_NAME).is_file():
            return candidate
    raise FileNotFoundError(f"{DESKTOP_NAME} is not shipped with this installation ({top})")


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when set to an absolute path (the spec ignores relative ones)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launch_command(
    *, frozen: bool | None = None, executable: str | None = None, argv0: str | None = None
) -> list[str]:
    """The command that starts this installation, as absolute paths.

    A PyInstaller bundle is its own executable. Otherwise the ``symptom-journal`` script that is
    running (or the one beside this interpreter: pipx and venvs put them together), and failing
    both the interpreter itself with ``-m ui``, so the entry never depends on ``PATH``.
    """
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = sys.executable if executable is None else executable
    argv0 = (sys.argv[0] if sys.argv else "") if argv0 is None else argv0
    if frozen:
        return [str(Path(executable).resolve())]
    if Path(argv0).name == SCRIPT_NAME and Path(argv0).is_file():
        return [str(Path(argv0).absolute())]
    # Not resolved: a venv's python is a symlink, and only the venv's own path finds its packages.
    beside = Path(executable).absolute().parent / SCRIPT_NAME
    if beside.is_file():
        return [str(beside)]
    return [str(Path(executable).absolute()), "-m", "ui"]


_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_line(command: Sequence[str]) -> str:
    """``command`` as a desktop entry ``Exec`` value: quoted per the spec where needed, then
    escaped as a desktop-entry string (so a backslash inside quotes is written four times)."""
    parts = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if any(ch in _EXEC_RESERVED for ch in arg):
            inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
            arg = f'"{inner}"'
        parts.append(arg.replace("\\", "\\\\"))
    return " ".join(parts)


#: The shipped .desktop file's words, keyed as in the file; each shipped value must be one of
#: these (a test checks), so the catalogue has every word the menu shows.
DESKTOP_WORDS: Mapping[str, str] = {
    "Name": N_("Symptom Journal"),
    "GenericName": N_("Symptom Diary"),
    "Comment": N_("Log hip and buttock twitches and cramps privately; a report for your doctor"),
    # TRANSLATORS: search words for the applications menu, separated by semicolons, ending with
    # one; keep the semicolons.
    "Keywords": N_("diary;health;cramp;twitch;muscle;symptom;"),
}
#: The metainfo's <name> and <summary> (software centres show them).
METAINFO_WORDS: Mapping[str, str] = {
    "name": DESKTOP_WORDS["Name"],
    "summary": N_("Log muscle twitches and cramps privately and bring a report to your doctor"),
}


def translated(text: str) -> list[tuple[str, str]]:
    """``text`` in every language the app speaks besides English, where the catalogue has it."""
    out = []
    for code in sorted(LANGUAGES):
        if code == SOURCE_LANGUAGE:
            continue
        words = translations_for(code).gettext(text)
        if words and words != text:
            out.append((code, words))
    return out


def desktop_entry(template: str, command: Sequence[str]) -> str:
    """The shipped .desktop text with ``Exec`` (and ``TryExec``) pointing at ``command`` and the
    menu words in every language of the catalogues."""
    lines = []
    for line in template.splitlines():
        key, _sep, value = line.partition("=")
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_line(command)}")
            lines.append(f"TryExec={exec_line(command[:1])}")
        elif line.startswith("TryExec=") or (_sep and "[" in key):
            continue  # written anew below (a template's own translations are not kept)
        else:
            lines.append(line)
            if DESKTOP_WORDS.get(key) == value:
                lines += [f"{key}[{code}]={words}" for code, words in translated(value)]
    return "\n".join(lines) + "\n"


def metainfo(template: str) -> str:
    """The shipped metainfo with its name and summary in every language of the catalogues."""
    lines = []
    for line in template.splitlines():
        lines.append(line)
        stripped = line.strip()
        for tag, text in METAINFO_WORDS.items():
            if stripped == f"<{tag}>{escape(text)}</{tag}>":
                indent = line[: len(line) - len(line.lstrip())]
                lines += [f'{indent}<{tag} xml:lang="{code}">{escape(words)}</{tag}>'
                          for code, words in translated(text)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Placement:
    """Where each file goes, relative to the data home."""

    source: str
    target: str


def placements() -> list[Placement]:
    items = [
        Placement(DESKTOP_NAME, f"applications/{DESKTOP_NAME}"),
        Placement(METAINFO_NAME, f"metainfo/{METAINFO_NAME}"),
        Placement("icons/app.svg", f"icons/hicolor/scalable/apps/{APP_ID}.svg"),
    ]
    items += [
        Placement(f"icons/hicolor/app-{n}.png", f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png")
        for n in ICON_SIZES
    ]
    return items


def _write(target: Path, data: bytes) -> None:
    # Replaced in one step, so a menu that rereads the folder never sees half a file.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.tmp")
    staging.write_bytes(data)
    os.replace(staging, target)


def install(
    home: Path | None = None,
    *,
    command: Sequence[str] | None = None,
    resources: Path | None = None,
    refresh: bool = True,
) -> list[Path]:
    """Install the menu entry, icons and metainfo for the current user; returns the files."""
    home = data_home() if home is None else home
    resources = shipped_resources() if resources is None else resources
    command = launch_command() if command is None else command
    written = []
    for item in placements():
        data = (resources / item.source).read_bytes()
        if item.source == DESKTOP_NAME:
            data = desktop_entry(data.decode("utf-8"), command).encode("utf-8")
        elif item.source == METAINFO_NAME:
            data = metainfo(data.decode("utf-8")).encode("utf-8")
        target = home / item.target
        _write(target, data)
        written.append(target)
    if refresh:
        _refresh_caches(home)
    return written


def uninstall(home: Path | None = None, *, refresh: bool = True) -> list[Path]:
    """Remove what :func:`install` wrote (nothing else); returns the files that were there."""
    home = data_home() if home is None else home
    removed = []
    for item in placements():
        target = home / item.target
        if target.is_file():
            target.unlink()
            removed.append(target)
    if refresh and removed:
        _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Tell menus and icon themes the folders changed.

    A newer folder mtime is the icon theme spec's "rescan" signal, and menus watch
    ``applications/``. No ``gtk-update-icon-cache`` on purpose: a per-user cache that the next
    program does not refresh hides the icons installed after it. No ``update-desktop-database``
    either: it only indexes MimeType, and the entry declares none.
    """
    for folder in (home / "icons" / "hicolor", home / "applications"):
        if folder.is_dir():
            os.utime(folder)
