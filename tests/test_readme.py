"""README.md names only files and folders that are there."""

import re

from tests.helpers import ROOT

# instance/ holds runtime files (config.py, pulse.db) that a fresh checkout does not have yet.
NAMED = re.compile(r"`((?:app|analysis|tests|benchmarks|migrations)/[^`\s]*)`")


def test_every_path_the_readme_names_exists():
    named = set(NAMED.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    assert {"app/store/", "app/cli/", "app/weekly.py"} <= named
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing, f"README.md names paths that are not there: {missing}"


def test_the_environment_settings_table_lists_every_setting():
    from app import DEFAULTS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Environment settings\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `PULSE_([A-Z0-9_]+)` \|", section, re.MULTILINE)
    assert sorted(listed) == sorted([*DEFAULTS, "SECRET_KEY"])
