"""Every path relance uses, computed when called so environment overrides apply."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "relance"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    # Installed wheels carry the folder inside the package; a checkout (or an
    # editable install) has it at the top of the repository.
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def styles_dir() -> Path:
    return _resource_dir("styles")


def data_dir() -> Path:
    """The shipped demo data and default templates."""
    return _resource_dir("data")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """`RELANCE_DB` when set, else the platform's user data directory."""
    env = os.environ.get("RELANCE_DB")
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "relance.json"


def clipboard_dir(db_path: Path) -> Path:
    """Where copied texts are saved, beside the data file."""
    return db_path.parent / "copies"


def config_file() -> Path:
    """The user's own settings of the interface (keymap): `RELANCE_CONFIG`, else the
    platform's user config directory."""
    env = os.environ.get("RELANCE_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
