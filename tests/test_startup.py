"""What a web worker loads: only redaction from the analysis package, not its heavy libraries."""

import subprocess
import sys

SCRIPT = """
import sys
from app import create_app
create_app({"SECRET_KEY": "x", "DATABASE": sys.argv[1]})
print(sorted(m for m in ("sklearn", "nltk", "scipy", "vaderSentiment") if m in sys.modules))
"""


def test_the_web_app_does_not_load_scikit_learn_or_nltk(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "pulse.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_the_analysis_names_still_load_when_asked_for():
    from analysis import find_themes, redact, score_sentiment

    assert redact("call 07700 900123").text == "call [phone number]"
    assert score_sentiment(["Brilliant, thank you"])[0] > 0
    assert callable(find_themes)
