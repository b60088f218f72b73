"""Load and validate the checkout service's INI-style configuration.

The ops team edits ``checkout.ini`` by hand, so every mistake in it must be reported
with an error that says where it is (line, section, key) and what would have been
accepted::

    [server]
    host = checkout.shop.example
    port = 8443

    [database]
    host = db-1.internal
    timeout = 500ms

Every failure is a :class:`ConfigError`, itself a :class:`ValueError`, so callers that
already catch ``ValueError`` keep working while new callers can be more specific.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ConfigError",
    "ConfigSyntaxError",
    "InvalidValueError",
    "MissingKeyError",
    "load_config",
    "parse_duration",
]

logger = logging.getLogger(__name__)

type SettingValue = str | int | float | bool
type SectionSettings = dict[str, SettingValue]
type Config = dict[str, SectionSettings]

_COMMENT_PREFIXES: Final = ("#", ";")
_MAX_HOSTNAME_LENGTH: Final = 253
_HOST_LABEL: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_DURATION: Final = re.compile(r"([0-9]+)(ms|s|m|h)?")
_MILLISECONDS_PER_UNIT: Final = {"ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000}
_MAX_DURATION_MS: Final = 86_400_000
_TRUE_WORDS: Final = frozenset({"true", "yes", "on", "1"})
_FALSE_WORDS: Final = frozenset({"false", "no", "off", "0"})

_HOST_FORM: Final = "a hostname such as db-1.internal (letters, digits, '-' and '.')"
_PORT_FORM: Final = "a port number from 1 to 65535"
_BOOL_FORM: Final = "one of true/false, yes/no, on/off, 1/0"
_DURATION_FORM: Final = "a whole number with an optional unit (ms, s, m, h), 1ms to 24h"
_WORKERS_FORM: Final = "a whole number from 1 to 64"
_POOL_SIZE_FORM: Final = "a whole number from 1 to 100"


class ConfigError(ValueError):
    """Base class of every error found in a configuration text."""


class ConfigSyntaxError(ConfigError):
    """A line is neither a comment, a ``[section]`` header nor a ``key = value``."""

    def __init__(self, line_number: int, line: str, problem: str) -> None:
        """Describe a malformed line.

        Args:
            line_number: The 1-based number of the offending line.
            line: The offending line, as written.
            problem: What is wrong with it and how to fix it.
        """
        super().__init__(f"line {line_number}: {problem}: {line!r}")
        self.line_number = line_number
        self.line = line


class MissingKeyError(ConfigError):
    """A required key is absent from its section."""

    def __init__(self, section: str, key: str, expected: str) -> None:
        """Describe a missing required key.

        Args:
            section: The section that lacks the key.
            key: The missing key.
            expected: The form of value the key must have.
        """
        super().__init__(
            f"[{section}] is missing the required key {key!r}: "
            f"add '{key} = ...' (expected {expected})"
        )
        self.section = section
        self.key = key


class InvalidValueError(ConfigError):
    """A value does not have the form its key requires."""

    def __init__(self, value: str, expected: str, where: str = "") -> None:
        """Describe an invalid value.

        Args:
            value: The rejected value, as written.
            expected: The form of value that would have been accepted.
            where: Where the value was found (line, section and key), if known.
        """
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}invalid value {value!r}, expected {expected}")
        self.value = value
        self.expected = expected


@dataclass(frozen=True, slots=True)
class _Field:
    """How one key of the schema is parsed, described and defaulted.

    A field without a default (``None``) is required.
    """

    parse: Callable[[str], SettingValue]
    expected: str
    default: SettingValue | None = None


@dataclass(frozen=True, slots=True)
class _RawSetting:
    """A known key's value as written, with the line it came from."""

    line_number: int
    line: str
    value: str


def parse_duration(value: str) -> float:
    """Parse a duration such as ``500ms``, ``30s``, ``2m``, ``1h`` or ``45`` (seconds).

    Args:
        value: The text to parse; surrounding spaces and letter case are ignored.

    Returns:
        The duration in seconds.

    Raises:
        InvalidValueError: If the text is not a whole number with an optional unit,
            or the duration is not between 1ms and 24h.
    """
    match = _DURATION.fullmatch(value.strip().lower())
    if match is None:
        raise InvalidValueError(value, _DURATION_FORM)
    amount, unit = match.groups()
    milliseconds = int(amount) * _MILLISECONDS_PER_UNIT[unit or "s"]
    if not 0 < milliseconds <= _MAX_DURATION_MS:
        raise InvalidValueError(value, _DURATION_FORM)
    return milliseconds / 1000


def _parse_hostname(value: str) -> str:
    """Validate a hostname and return it in lower case."""
    hostname = value.lower()
    labels_ok = all(map(_HOST_LABEL.fullmatch, hostname.split(".")))
    if len(hostname) > _MAX_HOSTNAME_LENGTH or not labels_ok:
        raise InvalidValueError(value, _HOST_FORM)
    return hostname


def _parse_bool(value: str) -> bool:
    """Parse one of the accepted spellings of true and false."""
    word = value.lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise InvalidValueError(value, _BOOL_FORM)


def _int_parser(low: int, high: int, expected: str) -> Callable[[str], int]:
    """Build a parser for whole numbers from ``low`` to ``high`` inclusive."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError as error:
            raise InvalidValueError(value, expected) from error
        if not low <= number <= high:
            raise InvalidValueError(value, expected)
        return number

    return parse


_SCHEMA: Final[dict[str, dict[str, _Field]]] = {
    "server": {
        "host": _Field(_parse_hostname, _HOST_FORM),
        "port": _Field(_int_parser(1, 65535, _PORT_FORM), _PORT_FORM, 8080),
        "debug": _Field(_parse_bool, _BOOL_FORM, default=False),
        "workers": _Field(_int_parser(1, 64, _WORKERS_FORM), _WORKERS_FORM, 4),
    },
    "database": {
        "host": _Field(_parse_hostname, _HOST_FORM),
        "port": _Field(_int_parser(1, 65535, _PORT_FORM), _PORT_FORM, 5432),
        "timeout": _Field(parse_duration, _DURATION_FORM, 30.0),
        "pool_size": _Field(_int_parser(1, 100, _POOL_SIZE_FORM), _POOL_SIZE_FORM, 10),
    },
}


def _split_setting(line_number: int, line: str, section: str | None) -> tuple[str, str]:
    """Split a ``key = value`` line into its lower-case key and its value.

    Raises:
        ConfigSyntaxError: If the line has no ``=`` or no key, or precedes all sections.
    """
    key, equals, value = line.partition("=")
    if not equals:
        problem = "expected '[section]' or 'key = value'"
        raise ConfigSyntaxError(line_number, line, problem)
    if section is None:
        problem = "settings must follow a [section] header such as [server]"
        raise ConfigSyntaxError(line_number, line, problem)
    key = key.strip().lower()
    if not key:
        raise ConfigSyntaxError(line_number, line, "missing key before '='")
    return key, value.strip()


def _store_setting(
    settings: dict[str, dict[str, _RawSetting]],
    section: str,
    key: str,
    setting: _RawSetting,
) -> None:
    """Record a setting of a known section, ignoring (with a warning) unknown keys.

    Raises:
        ConfigSyntaxError: If the key was already set in this section.
    """
    if key not in _SCHEMA[section]:
        logger.warning(
            "Ignoring unknown key %r in [%s] on line %d",
            key,
            section,
            setting.line_number,
        )
        return
    if (first := settings[section].get(key)) is not None:
        problem = (
            f"{key!r} is set twice in [{section}], first on line {first.line_number}"
        )
        raise ConfigSyntaxError(setting.line_number, setting.line, problem)
    settings[section][key] = setting


def _read_settings(text: str) -> dict[str, dict[str, _RawSetting]]:
    """Collect the raw values of the known keys of the known sections.

    Raises:
        ConfigSyntaxError: If a line is malformed or a key is set twice.
    """
    settings: dict[str, dict[str, _RawSetting]] = {name: {} for name in _SCHEMA}
    section: str | None = None
    for line_number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(_COMMENT_PREFIXES):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip().lower()
            if section not in _SCHEMA:
                logger.warning(
                    "Ignoring unknown section [%s] on line %d", section, line_number
                )
            continue
        key, value = _split_setting(line_number, stripped, section)
        if section in _SCHEMA:
            _store_setting(
                settings, section, key, _RawSetting(line_number, stripped, value)
            )
    return settings


def _build_section(name: str, raw_settings: dict[str, _RawSetting]) -> SectionSettings:
    """Convert one section's raw values and fill in the defaults.

    Raises:
        MissingKeyError: If a required key is absent.
        InvalidValueError: If a value does not have the form its key requires.
    """
    section: SectionSettings = {}
    for key, field in _SCHEMA[name].items():
        raw = raw_settings.get(key)
        if raw is not None:
            where = f"line {raw.line_number}, [{name}] {key}"
            try:
                section[key] = field.parse(raw.value)
            except InvalidValueError as error:
                raise InvalidValueError(raw.value, error.expected, where) from error
        elif field.default is not None:
            section[key] = field.default
        else:
            raise MissingKeyError(name, key, field.expected)
    return section


def load_config(text: str) -> Config:
    """Parse and validate the checkout service's configuration.

    Blank lines and lines starting with ``#`` or ``;`` are ignored, as are (with a
    logged warning) unknown sections and keys. Section names and keys are
    case-insensitive.

    Args:
        text: The configuration, in ``[section]`` / ``key = value`` form.

    Returns:
        The ``server`` and ``database`` sections, each a dict of typed values in which
        keys that were not set hold their defaults.

    Raises:
        ConfigSyntaxError: If a line is malformed or a key is set twice.
        MissingKeyError: If a required key (each section's ``host``) is absent.
        InvalidValueError: If a value does not have the form its key requires.
    """
    settings = _read_settings(text)
    config = {name: _build_section(name, settings[name]) for name in _SCHEMA}
    logger.debug("Loaded configuration for sections %s", ", ".join(config))
    return config
