"""The app's language: chosen once at start-up, before the first window is built.

The choice, most specific first: ``--lang CODE`` on the command line, then View > Language (kept
in QSettings, applied at the next start: every widget reads its words once, when it is built),
then the system's ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``. The same code drives three
things that must agree: the core's gettext catalogue (:func:`journal.i18n.set_language`, for the
vocabulary, flags and report), the ``QTranslator`` for the words of ``ui/`` (compiled by
``make translations`` into ``resources/translations/``) with Qt's own ``qtbase`` catalogue for
its standard buttons, and the default ``QLocale``, which formats dates and numbers in the UI.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from journal import i18n
from ui.assets import resource_path

#: The QSettings key of View > Language; empty or missing: follow the system.
LANGUAGE_SETTING = "ui/language"

_installed: list[QTranslator] = []


def chosen_language(requested: str | None, settings: QSettings | None = None) -> str:
    """``--lang`` if given, else the saved choice, else the system's."""
    if requested:
        return i18n.supported(requested) or i18n.system_language()
    saved = str((settings or QSettings()).value(LANGUAGE_SETTING, "") or "")
    return i18n.supported(saved) or i18n.system_language()


def qt_locale(code: str) -> QLocale:
    return QLocale(i18n.language_info(code).babel_locale)


def qm_file(code: str) -> Path:
    """The compiled Qt catalogue: shipped in ui/resources, or beside ui/ in a checkout (an
    editable install of another checkout maps ui.resources to that checkout's files)."""
    shipped = resource_path(f"translations/symptom_journal_{code}.qm")
    checkout = Path(__file__).resolve().parent.parent / "resources" / shipped.parent.name
    return checkout / shipped.name if (checkout / shipped.name).exists() else shipped


def install(code: str) -> str:
    """Speak ``code`` from now on, in the core and in Qt. Returns the language installed."""
    app = QCoreApplication.instance()
    code = i18n.set_language(code)
    QLocale.setDefault(qt_locale(code))
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    if code == i18n.SOURCE_LANGUAGE or app is None:
        return code
    ours = QTranslator()
    if ours.load(str(qm_file(code))):
        _installed.append(ours)
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if code != i18n.PSEUDO and qt_own.load(f"qtbase_{code}", qt_dir):
        _installed.append(qt_own)
    for translator in _installed:
        app.installTranslator(translator)
    return code


def install_language_menu(parent: QWidget, menu: QMenu, settings: QSettings,
                          on_chosen=None) -> QMenu:
    """View > Language: the system's language or one of ours, applied at the next start."""
    sub = menu.addMenu(QCoreApplication.translate("language", "&Language"))
    sub.setObjectName("languageMenu")
    group = QActionGroup(parent)
    saved = i18n.supported(str(settings.value(LANGUAGE_SETTING, "") or "")) or ""
    choices = [("", QCoreApplication.translate("language", "System default"))]
    # Each language's own name, so a person who cannot read the current one still finds theirs.
    choices += [(code, lang.name) for code, lang in i18n.LANGUAGES.items()]
    for code, name in choices:
        action = QAction(name, parent)
        action.setCheckable(True)
        action.setChecked(code == saved)
        action.setData(code)
        group.addAction(action)
        sub.addAction(action)

    def chosen(action: QAction) -> None:
        settings.setValue(LANGUAGE_SETTING, action.data())
        settings.sync()
        if on_chosen is not None:
            on_chosen(QCoreApplication.translate(
                "language", "The language changes the next time Symptom Journal starts."))

    group.triggered.connect(chosen)
    return sub
