"""Settings from PULSE_ environment variables: their order, their types and bad values."""

import logging
import subprocess
import sys

import pytest

from app import DEFAULTS, create_app
from app.settings import ConfigError, from_environ, parse
from tests.helpers import ROOT


@pytest.fixture
def make(tmp_path):
    """create_app with a test config on a temporary database."""

    def build(**config):
        return create_app(
            {"SECRET_KEY": "test-secret", "DATABASE": str(tmp_path / "p.db"), **config}
        )

    return build


def test_the_environment_overrides_the_defaults(make, monkeypatch):
    monkeypatch.setenv("PULSE_ANONYMITY_THRESHOLD", "5")
    monkeypatch.setenv("PULSE_PUBLIC_URL", "https://feedback.example.gov.uk")
    monkeypatch.setenv("PULSE_MAIL_SERVER", "smtp.example.gov.uk")
    monkeypatch.setenv("PULSE_MAIL_USE_TLS", "yes")
    monkeypatch.setenv("PULSE_MIN_FILL_SECONDS", "1.5")
    app = make()
    assert app.config["ANONYMITY_THRESHOLD"] == 5
    assert app.config["PUBLIC_URL"] == "https://feedback.example.gov.uk"
    assert app.config["MAIL_SERVER"] == "smtp.example.gov.uk"
    assert app.config["MAIL_USE_TLS"] is True
    assert app.config["MIN_FILL_SECONDS"] == 1.5
    # Settings worked out from others follow the environment's values.
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_a_test_config_overrides_the_environment(make, monkeypatch):
    monkeypatch.setenv("PULSE_ANONYMITY_THRESHOLD", "5")
    assert make(ANONYMITY_THRESHOLD=7).config["ANONYMITY_THRESHOLD"] == 7


def test_the_environment_overrides_instance_config(tmp_path, monkeypatch):
    """Run in a copy of the project whose instance/config.py sets both; the environment wins."""
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "SECRET_KEY = 'from-file'\nCOUNCIL_NAME = 'File council'\nRETENTION_MONTHS = 12\n"
    )
    script = (
        "import flask, sys\n"
        "from app import create_app\n"
        f"flask.Flask.auto_find_instance_path = lambda self: {str(instance)!r}\n"
        "app = create_app()\n"
        "config = app.config\n"
        "print(config['SECRET_KEY'], config['COUNCIL_NAME'], config['RETENTION_MONTHS'])\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PULSE_COUNCIL_NAME": "Env council",
        "PULSE_DATABASE": str(tmp_path / "p.db"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["from-file", "Env", "council", "12"]


def test_no_secret_key_is_written_to_a_file_when_the_environment_gives_one(tmp_path):
    instance = tmp_path / "instance"
    script = (
        "import flask\n"
        "from app import create_app\n"
        f"flask.Flask.auto_find_instance_path = lambda self: {str(instance)!r}\n"
        "print(create_app().config['SECRET_KEY'])\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PULSE_SECRET_KEY": "env-secret",
        "PULSE_DATABASE": str(tmp_path / "p.db"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "env-secret"
    assert not (instance / "config.py").exists()
    # Without it, one is generated once into instance/config.py.
    del env["PULSE_SECRET_KEY"]
    subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True
    )
    assert "SECRET_KEY = " in (instance / "config.py").read_text()


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("MAIL_USE_SSL", "TRUE", True),
        ("MAIL_USE_SSL", "1", True),
        ("MAIL_USE_SSL", "no", False),
        ("MAIL_USE_SSL", " off ", False),
        ("SESSION_COOKIE_SECURE", "false", False),
        ("PROXY_COUNT", " 2 ", 2),
        ("WAL_CHECKPOINT_SECONDS", "0", 0.0),
        ("MAIL_PASSWORD", "  spaced ", "  spaced "),
        ("REF_SIGNING_KEY", "", None),
        ("COUNCIL_NAME", "", ""),
        ("WEBHOOK_RETRY_DELAYS", "0, 2,8.5", (0.0, 2.0, 8.5)),
    ],
)
def test_values_are_read_as_the_settings_type(name, raw, value):
    parsed = parse(name, raw, DEFAULTS[name])
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("abc", "must be a whole number"),
        ("2.5", "must be a whole number"),
        ("-1", "must be a number of 0 or more"),
        ("", "must be a whole number"),
    ],
)
def test_a_bad_number_stops_start_up_naming_the_variable(make, monkeypatch, raw, words):
    monkeypatch.setenv("PULSE_ANONYMITY_THRESHOLD", raw)
    with pytest.raises(ConfigError, match=f"PULSE_ANONYMITY_THRESHOLD {words}"):
        make()


@pytest.mark.parametrize("raw", ["0,,4", "1,-2", "soon", ""])
def test_a_bad_list_of_delays_stops_start_up_naming_the_variable(make, monkeypatch, raw):
    monkeypatch.setenv("PULSE_WEBHOOK_RETRY_DELAYS", raw)
    with pytest.raises(
        ConfigError, match="PULSE_WEBHOOK_RETRY_DELAYS must be numbers of 0 or more"
    ):
        make()


def test_every_bad_variable_is_named_at_once_and_secrets_are_not_shown():
    environ = {
        "PULSE_MAIL_USE_TLS": "maybe",
        "PULSE_MIN_FILL_SECONDS": "soon",
        "PULSE_MAIL_PORT": "x",
    }
    with pytest.raises(ConfigError) as caught:
        from_environ(
            {**DEFAULTS, "MAIL_SECRET_PORT": 1}, {**environ, "PULSE_MAIL_SECRET_PORT": "hidden"}
        )
    message = str(caught.value)
    assert "PULSE_MAIL_USE_TLS must be true or false" in message
    assert "PULSE_MIN_FILL_SECONDS must be a number" in message
    assert "PULSE_MAIL_PORT must be a whole number, such as 3 (it is 'x')" in message
    assert "PULSE_MAIL_SECRET_PORT must be" in message and "hidden" not in message


def test_an_unknown_pulse_variable_is_warned_about_once(caplog):
    caplog.set_level(logging.WARNING)
    environ = {"PULSE_ANONYMITY_TRESHOLD": "5", "PULSE_SHARED_DATA": "/data", "HOME": "/root"}
    assert from_environ(DEFAULTS, environ) == {}
    from_environ(DEFAULTS, environ)
    warnings = [r.getMessage() for r in caplog.records]
    assert warnings == [
        "PULSE_ANONYMITY_TRESHOLD is not a Pulse setting, so it is ignored. "
        "Did you mean PULSE_ANONYMITY_THRESHOLD?"
    ]
    assert "5" not in warnings[0]


def test_every_setting_the_code_reads_can_come_from_the_environment():
    """Each app.config / current_app.config key in app/ is a default (or SECRET_KEY)."""
    import re

    read = set()
    for path in (ROOT / "app").rglob("*.py"):
        read |= set(re.findall(r"config(?:\[|\.get\()\"([A-Z][A-Z_]+)\"", path.read_text()))
    for path in (ROOT / "app" / "templates").rglob("*.html"):
        read |= set(re.findall(r"config\.([A-Z][A-Z_]+)", path.read_text()))
    # Flask-WTF's own name for its field, never set by Pulse.
    missing = read - set(DEFAULTS) - {"SECRET_KEY", "WTF_CSRF_FIELD_NAME"}
    assert not missing
    assert {"COUNCIL_NAME", "ANONYMITY_THRESHOLD", "MAIL_SERVER"} <= read


def test_a_bad_value_stops_the_wsgi_app_with_a_message_not_a_traceback(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PULSE_SECRET_KEY": "x",
        "PULSE_DATABASE": str(tmp_path / "p.db"),
        "PULSE_ANONYMITY_THRESHOLD": "abc",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 4
    assert result.stderr.strip() == (
        "Pulse cannot start: PULSE_ANONYMITY_THRESHOLD must be a whole number, such as 3 "
        "(it is 'abc'). Change or unset the variable."
    )
