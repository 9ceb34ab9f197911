"""Modules stay small enough to read: each in app/ and analysis/ under 400 lines. Only Python
modules count; data such as app/demo/phrases.json sits beside them as data files."""

from tests.helpers import ROOT, source_modules

MAX_LINES = 400


def test_every_module_is_under_400_lines():
    lengths = {
        path.relative_to(ROOT): len(path.read_text(encoding="utf-8").splitlines())
        for path in source_modules("app", "analysis").values()
    }
    assert len(lengths) > 40
    too_long = {str(path): lines for path, lines in lengths.items() if lines >= MAX_LINES}
    assert not too_long, f"split these modules (lines each): {too_long}"
