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


def load_generator():
    """benchmarks/generate.py, the seeded generator of big transcripts in the sample's format."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generated_20k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated transcript of 20,000 messages (about 4.6 MB)."""
    path = tmp_path_factory.mktemp("generated") / "chat-20k.txt"
    load_generator().write_transcript(path, 20_000, seed=7)
    return path
