"""Where the user's data and settings live; READER_DATA_DIR / READER_CONFIG_DIR override."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reader"


def data_dir() -> Path:
    override = os.environ.get("READER_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    override = os.environ.get("READER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
