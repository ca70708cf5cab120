"""The settings file: defaults, a round trip through TOML, and a broken file moved aside."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.settings import Settings, load_settings, save_settings, settings_path


def test_no_file_gives_the_defaults_without_a_notice():
    settings = load_settings()
    assert settings == Settings(theme=None, panel="side", plain=False)
    assert settings.notice is None
    assert not settings_path().exists()


def test_the_file_lives_in_the_config_folder(tmp_path: Path):
    assert settings_path() == tmp_path / "config" / "settings.toml"


def test_saved_settings_come_back():
    saved = Settings(theme="textual-light", panel="bottom", plain=True)
    path = save_settings(saved)
    assert path == settings_path()
    assert load_settings() == saved
    assert tomllib.loads(path.read_text("utf-8")) == {
        "theme": "textual-light",
        "panel": "bottom",
        "plain": True,
    }


@pytest.mark.parametrize(
    "theme", ['say "hi"', "back\\slash", "new\nline", "tab\tand\x1bescape\x7f", "düster 🌙", "'"]
)
def test_any_theme_name_is_written_as_valid_toml(theme):
    save_settings(Settings(theme=theme))
    assert tomllib.loads(settings_path().read_text("utf-8"))["theme"] == theme
    assert load_settings().theme == theme


def test_no_theme_is_left_out_of_the_file():
    save_settings(Settings(theme="gruvbox"))
    save_settings(replace(load_settings(), theme=None))
    assert "theme" not in tomllib.loads(settings_path().read_text("utf-8"))
    assert load_settings().theme is None


def test_a_file_with_only_some_keys_uses_defaults_for_the_rest():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('plain = true\nfuture_key = "kept out"\n', "utf-8")
    assert load_settings() == Settings(plain=True)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"theme = \n", "Invalid value"),
        (b'plain = "yes"\n', "plain must be true or false"),
        (b"theme = 5\n", "theme must be"),
        (b'panel = ""\n', "panel must be"),
        (b"\xff\xfe = 1\n", "utf-8"),
    ],
)
def test_a_broken_file_is_moved_aside_with_a_notice(content, reason):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings = load_settings()
    assert settings == Settings()
    assert reason in settings.notice
    assert "\n" not in settings.notice
    assert not path.exists()
    [aside] = path.parent.glob("settings.toml.corrupt-*")
    assert aside.read_bytes() == content
    assert aside.name in settings.notice
    save_settings(Settings(theme="nord"))
    assert aside.read_bytes() == content
    assert load_settings() == Settings(theme="nord")


def test_a_second_broken_file_gets_its_own_name():
    path = settings_path()
    path.parent.mkdir(parents=True)
    for content in (b"[", b"]"):
        path.write_bytes(content)
        assert load_settings().notice
    asides = sorted(aside.read_bytes() for aside in path.parent.glob("settings.toml.corrupt-*"))
    assert asides == [b"[", b"]"]


def test_an_unreadable_settings_path_gives_defaults_and_is_left_alone():
    settings_path().mkdir(parents=True)
    settings = load_settings()
    assert settings == Settings()
    assert "cannot read" in settings.notice
    assert settings_path().is_dir()


def test_saving_where_the_folder_cannot_be_made_is_a_one_line_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("READER_CONFIG_DIR", str(blocker / "config"))
    with pytest.raises(ReaderError) as error:
        save_settings(Settings())
    assert "\n" not in str(error.value)
