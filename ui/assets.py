"""Files shipped with the app (stylesheet, icons, the body-map SVG), found through the package.

A module of its own so any widget can find its files without importing start-up code.
"""

from __future__ import annotations

from pathlib import Path


def resource_path(name: str) -> Path:
    """A file shipped in ui/resources (the checkout's resources/ folder), found via the package."""
    from importlib.resources import files

    return Path(str(files("ui.resources").joinpath(name)))
