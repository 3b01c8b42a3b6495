"""``make translations``: extract every marked string, update each language's catalogue, write
the pseudo-locale, and compile everything the app loads.

One file per language is edited by a translator: ``journal/locale/<code>/LC_MESSAGES/journal.po``.
It holds the core's strings (gettext, extracted by Babel from ``N_()``/``_()``/``ngettext()``/
``pgettext()`` in ``journal/``) *and* the Qt side's (extracted by ``pyside6-lupdate`` from
``tr()``/``QCoreApplication.translate()`` in ``ui/``, kept in the ``.po`` with the Qt context as
``msgctxt "ui:<context>"``) *and* argparse's own words (``usage:``, its error messages),
extracted from Python's ``argparse.py`` under ``msgctxt "argparse"``. From it this command
compiles

* ``journal/locale/<code>/LC_MESSAGES/journal.mo`` (Babel), which :mod:`journal.i18n` loads, and
* ``resources/translations/symptom_journal_<code>.qm``: the ``.ts`` that ``pyside6-lupdate``
  writes is filled from the ``.po`` and compiled by ``pyside6-lrelease``; the ``QTranslator``
  of :mod:`ui.translation` loads it.

The compiled files are committed as this command writes them (never edited by hand; a test
compiles the ``.po`` again and compares), so an install from the checkout or the wheel needs no
Babel or Qt tools at build time.

The pseudo-locale ``qps`` is generated, not written: every string accented, 40% longer and
wrapped in brackets, so tests can see any text that did not go through a catalogue (it is still
plain English) and any that is clipped (its closing bracket is cut off).

Adding a language: add it to ``journal.i18n.LANGUAGES``, run ``make translations`` (it creates
the new ``.po`` from the template), translate the ``.po``, run ``make translations`` again.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "journal" / "locale"
POT = LOCALE_DIR / "journal.pot"
QT_DIR = ROOT / "resources" / "translations"
QT_PREFIX = "ui:"
PSEUDO = "qps"
#: A fixed date in the headers, so running the command twice changes no file.
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def languages() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from journal.i18n import LANGUAGES, SOURCE_LANGUAGE

    return [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "journal.po"


def mo_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "journal.mo"


def qm_path(code: str) -> Path:
    return QT_DIR / f"symptom_journal_{code}.qm"


# --- extraction ------------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def extract_qt(ts_out: Path, language: str) -> None:
    """``pyside6-lupdate`` over ``ui/`` into ``ts_out`` (every source string, none translated)."""
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                    "-target-language", language, "-ts", str(ts_out)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def _wrapper_contexts(tree: ast.Module) -> dict[str, str]:
    """Module-level ``def tr(text): return QCoreApplication.translate("ctx", text)`` helpers."""
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.body) != 1:
            continue
        ret = node.body[0]
        if (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call)
                and isinstance(ret.value.func, ast.Attribute)
                and ret.value.func.attr == "translate" and ret.value.args
                and isinstance(ret.value.args[0], ast.Constant)):
            found[node.name] = str(ret.value.args[0].value)
    return found


def extract_wrapped() -> list[tuple[str, str]]:
    """Strings passed to such helpers (``tr("Flags…")``): lupdate cannot know their context."""
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = _wrapper_contexts(tree)
        if not wrappers:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in wrappers and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.append((wrappers[node.func.id], node.args[0].value))
    return found


def qt_messages(ts: Path) -> list[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or ""))
    return out


#: The msgctxt of argparse's own words ("usage: ", "the following arguments are required: %s").
ARGPARSE_CONTEXT = "argparse"


def extract_argparse() -> list[str | tuple[str, str]]:
    """argparse's own messages, extracted from its source as Python's documentation says to
    translate them ("How to translate the argparse output": ``pybabel extract`` over
    ``argparse.py``). They are kept in our catalogue under the context ``argparse``, and
    :mod:`journal.cli` binds argparse's ``_``/``ngettext`` to it. They are the messages of the
    Python that runs this command; one with other wording falls back to English."""
    import argparse as module

    from babel.messages.extract import extract_from_file

    return [message for _lineno, message, _comments, _context in extract_from_file(
        "python", module.__file__, keywords={"_": None, "ngettext": (1, 2)})]


def template(qt: list[tuple[str, str]]) -> Catalog:
    catalog = Catalog(project="Symptom Journal", creation_date=STAMP, revision_date=STAMP,
                      fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT / "journal"), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",)):
        catalog.add(message, locations=[(f"journal/{filename}", lineno)],
                    auto_comments=comments, context=context)
    for context, source in qt:
        if source:
            catalog.add(source, context=QT_PREFIX + context)
    for message in extract_argparse():
        if message not in (None, ""):
            catalog.add(message, context=ARGPARSE_CONTEXT,
                        auto_comments=["Python's argparse (its own words, on the command line)"])
    return catalog


# --- the pseudo-locale -----------------------------------------------------------------------

_ACCENTS = str.maketrans("aeiouycnAEIOUYCN", "áéíóúýçñÁÉÍÓÚÝÇÑ")
#: Placeholders, markup, entities and accelerators pass through unchanged.
_KEEP = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdfr]|%[sdfrn%]|%\d|<[^>]*>|&[a-z]+;|&&")


def pseudo(text: str) -> str:
    """``Add episode`` -> ``[Ádd éṕíśóðé ·····]``: accented, 40% longer, bracketed."""
    if not text.strip():
        return text
    parts, last = [], 0
    for m in _KEEP.finditer(text):
        parts.append(text[last:m.start()].translate(_ACCENTS))
        parts.append(m.group(0))
        last = m.end()
    parts.append(text[last:].translate(_ACCENTS))
    body = "".join(parts)
    lines = body.split("\n")
    padded = [line + " " + "·" * max(1, round(len(line) * 0.4) - 1) if line.strip() else line
              for line in lines]
    return "[" + "\n".join(padded) + "]"


# --- update and compile ----------------------------------------------------------------------


def update_po(code: str, pot: Catalog) -> Catalog:
    path = po_path(code)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=code)
    else:
        catalog = Catalog(locale=code, project="Symptom Journal", creation_date=STAMP,
                          fuzzy=False)
    catalog.update(pot, no_fuzzy_matching=True, update_creation_date=False)
    catalog.revision_date = STAMP
    catalog.obsolete.clear()
    return catalog


def pseudo_catalog(pot: Catalog) -> Catalog:
    catalog = Catalog(locale="en", project="Symptom Journal", creation_date=STAMP,
                      revision_date=STAMP, fuzzy=False)
    for message in pot:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            string: str | tuple[str, ...] = tuple(pseudo(s) for s in message.id)
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, include_previous=False)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def fill_ts(ts: Path, catalog: Catalog) -> None:
    """Write each Qt message's translation from the ``.po`` into lupdate's ``.ts``."""
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            found = catalog.get(source, context=QT_PREFIX + name)
            node = message.find("translation")
            if node is None:
                node = ET.SubElement(message, "translation")
            text = found.string if found is not None and not found.fuzzy else ""
            if isinstance(text, tuple):
                text = text[0]
            if text:
                node.text = text
                node.attrib.pop("type", None)
    # The wrapped strings lupdate could not place: added under the context they run in.
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    have = {(n, m.findtext("source")) for n, c in contexts.items() for m in c.iter("message")}
    for ctx, source in extract_wrapped():
        if (ctx, source) in have:
            continue
        found = catalog.get(source, context=QT_PREFIX + ctx)
        if found is None or not found.string or found.fuzzy:
            continue
        holder = contexts.get(ctx)
        if holder is None:
            holder = ET.SubElement(root, "context")
            ET.SubElement(holder, "name").text = ctx
            contexts[ctx] = holder
        message = ET.SubElement(holder, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = str(found.string)
        have.add((ctx, source))
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def compile_qm(ts: Path, out: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(out)],
                   check=True, capture_output=True, text=True)


def _write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


def completeness(catalog: Catalog) -> tuple[int, int]:
    messages = [m for m in catalog if m.id]
    done = sum(1 for m in messages if m.string and not m.fuzzy and (
        all(m.string) if isinstance(m.string, tuple) else True))
    return done, len(messages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say how complete each catalogue is")
    args = parser.parse_args(argv)
    codes = languages()
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "all.ts"
        extract_qt(ts, "en")
        qt = qt_messages(ts) + extract_wrapped()
        pot = template(qt)
        catalogs = {code: update_po(code, pot) for code in codes}
        for code, catalog in catalogs.items():
            done, total = completeness(catalog)
            print(f"{code}: {done}/{total} translated")
        if args.check:
            return 0
        _write_if_changed(POT, po_bytes(pot))
        catalogs[PSEUDO] = pseudo_catalog(pot)
        for code, catalog in catalogs.items():
            if code != PSEUDO:
                _write_if_changed(po_path(code), po_bytes(catalog))
            _write_if_changed(mo_path(code), mo_bytes(catalog))
            lang_ts = Path(tmp) / f"{code}.ts"
            extract_qt(lang_ts, code if code != PSEUDO else "en")
            fill_ts(lang_ts, catalog)
            qm = Path(tmp) / f"{code}.qm"
            compile_qm(lang_ts, qm)
            _write_if_changed(qm_path(code), qm.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
