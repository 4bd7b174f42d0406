import pytest
from conftest import ROOT

from pipeline.errors import ConfigError
from pipeline.settings import SETTINGS, Settings


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name, _, _ in SETTINGS if f"| `{name}` |" not in readme] == []


def test_config_file_overrides_defaults_and_rejects_unknown_names(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("max_pages: 10\nworkers: 2\n")
    s = Settings.load(path)
    assert (s.max_pages, s.workers, s.timeout_read) == (10, 2, 30.0)
    path.write_text("max_page: 10\n")
    expected = r"config.yaml: unknown setting 'max_page'; allowed: cache_dir"
    with pytest.raises(ConfigError, match=expected):
        Settings.load(path)
    path.write_text("workers: many\n")
    with pytest.raises(ConfigError, match="setting 'workers' must be int, got 'many'"):
        Settings.load(path)
