"""Shared fixtures: user data and settings always go to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PANEL_SAMPLE = SAMPLES / "icsve-panel-2020-06-10.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    return data


@pytest.fixture(scope="session")
def panel():
    from reader.loader import load

    return load(PANEL_SAMPLE)
