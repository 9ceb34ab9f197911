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
