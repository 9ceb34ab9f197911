"""Settings from the environment: PULSE_<NAME> for every known setting, typed like its default.

A bad value stops start-up with a message naming the variable; a PULSE_ variable that names no
setting is most likely a typo, so it is warned about (once a process). Values are never logged:
some of them are secrets.
"""

import difflib
import logging
import math
import os

PREFIX = "PULSE_"
# Settings whose default is None, and the type a value from the environment is read as.
NONE_DEFAULT_TYPES = {"SESSION_COOKIE_SECURE": bool}
# PULSE_ variables that are not settings of the app (the benchmarks' data folder).
NOT_SETTINGS = {"PULSE_SHARED_DATA"}
# Words in a setting's name that mark its value as secret: never shown in a message.
SECRET_WORDS = ("SECRET", "PASSWORD", "KEY")
TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off"}

log = logging.getLogger(__name__)
_warned = set()


class ConfigError(RuntimeError):
    """A setting that stops Pulse starting, with what to change in words."""


def kind_of(name, default):
    """The type a setting's value from the environment is read as: bool, int, float, tuple (of
    numbers, comma-separated) or str."""
    if default is None:
        return NONE_DEFAULT_TYPES.get(name, str)
    if isinstance(default, tuple):
        return tuple
    return type(default) if isinstance(default, bool | int | float) else str


def parse(name, raw, default):
    """A PULSE_ variable's text as the setting's type; ValueError says what is wrong in words."""
    kind = kind_of(name, default)
    text = raw.strip()
    if kind is bool:
        if text.lower() in TRUE:
            return True
        if text.lower() in FALSE:
            return False
        raise ValueError("must be true or false (yes/no and 1/0 work too)")
    if kind is tuple:
        try:
            return tuple(_number(part, float) for part in text.split(","))
        except ValueError:
            raise ValueError(
                "must be numbers of 0 or more separated by commas, such as 0,1,4"
            ) from None
    if kind is str:
        # An empty value for a setting that is off by default (None) leaves it off.
        return None if default is None and raw == "" else raw
    try:
        value = kind(text)
    except ValueError:
        example = "a whole number, such as 3" if kind is int else "a number, such as 2 or 0.5"
        raise ValueError(f"must be {example}") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError("must be a number of 0 or more")
    return value


def _number(text, kind):
    value = kind(text.strip())
    if not math.isfinite(value) or value < 0:
        raise ValueError(text)
    return value


def _shown(name, raw):
    if any(word in name for word in SECRET_WORDS):
        return ""
    return f" (it is {raw[:40]!r})"


def from_environ(defaults, environ=None):
    """The settings set by PULSE_ variables, parsed; ConfigError names every bad one."""
    environ = os.environ if environ is None else environ
    known = {*defaults, "SECRET_KEY"}
    values, problems, unknown = {}, [], []
    for variable in sorted(environ):
        if not variable.startswith(PREFIX) or variable in NOT_SETTINGS:
            continue
        name = variable.removeprefix(PREFIX)
        if name not in known:
            unknown.append(variable)
            continue
        raw = environ[variable]
        try:
            values[name] = parse(name, raw, defaults.get(name))
        except ValueError as error:
            problems.append(f"{variable} {error}{_shown(name, raw)}")
    _warn_unknown(unknown, known)
    if problems:
        raise ConfigError("; ".join(problems) + ". Change or unset the variable.")
    return values


def _warn_unknown(unknown, known):
    for variable in unknown:
        if variable in _warned:
            continue
        _warned.add(variable)
        names = [PREFIX + name for name in sorted(known)]
        close = difflib.get_close_matches(variable, names, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        log.warning("%s is not a Pulse setting, so it is ignored.%s", variable, hint)


def secret_key_in_environ(environ=None):
    """Whether PULSE_SECRET_KEY gives the secret key, so none need be generated into a file."""
    environ = os.environ if environ is None else environ
    return bool(environ.get(PREFIX + "SECRET_KEY"))
