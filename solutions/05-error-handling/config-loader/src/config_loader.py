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
already catch ``ValueError`` keep working while new callers can be more specific::

    ValueError
    └── ConfigError
        ├── ConfigSyntaxError        a line that is no comment, header or setting
        │   ├── OrphanSettingError   a setting before any [section] header
        │   ├── EmptyKeyError        '= value' without a key
        │   └── DuplicateKeyError    a key set twice in one section
        ├── MissingKeyError          a required key is absent
        └── InvalidValueError        a value of the wrong form

Lines are checked in order, and each value as soon as its line is read, so the first
mistake in the text is the one reported.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

__all__ = [
    "Config",
    "ConfigError",
    "ConfigSyntaxError",
    "DuplicateKeyError",
    "EmptyKeyError",
    "InvalidValueError",
    "MissingKeyError",
    "OrphanSettingError",
    "SectionSettings",
    "SettingValue",
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

    def __init__(self, line_number: int, line: str, problem: str = "") -> None:
        """Describe a malformed line.

        Args:
            line_number: The 1-based number of the offending line.
            line: The offending line, as written.
            problem: What is wrong with it and how to fix it; subclasses say it.
        """
        problem = problem or "expected a [section] header, 'key = value' or a # comment"
        super().__init__(f"line {line_number}: {problem}: {line!r}")
        self.line_number = line_number
        self.line = line


class OrphanSettingError(ConfigSyntaxError):
    """A setting comes before the first ``[section]`` header."""

    def __init__(self, line_number: int, line: str, key: str) -> None:
        """Describe a setting that belongs to no section.

        Args:
            line_number: The 1-based number of the offending line.
            line: The offending line, as written.
            key: The key it sets.
        """
        problem = f"the key {key!r} must follow a section header such as [server]"
        super().__init__(line_number, line, problem)
        self.key = key


class EmptyKeyError(ConfigSyntaxError):
    """A setting has nothing before its ``=``."""

    def __init__(self, line_number: int, line: str) -> None:
        """Describe a setting without a key.

        Args:
            line_number: The 1-based number of the offending line.
            line: The offending line, as written.
        """
        super().__init__(
            line_number, line, "write a key before '=', as in 'port = 8080'"
        )


class DuplicateKeyError(ConfigSyntaxError):
    """A key is set twice in the same section."""

    def __init__(
        self, line_number: int, line: str, section: str, key: str, first_line: int
    ) -> None:
        """Describe a repeated key.

        Args:
            line_number: The 1-based number of the repeated setting.
            line: The repeated setting, as written.
            section: The section both settings belong to.
            key: The repeated key.
            first_line: The line that set the key first.
        """
        problem = (
            f"the key {key!r} is set twice in [{section}], first on line {first_line}: "
            "keep one of them"
        )
        super().__init__(line_number, line, problem)
        self.section = section
        self.key = key


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
class _Setting:
    """A known key's parsed value, with the line that set it."""

    line_number: int
    value: SettingValue


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
    try:
        number = int(amount)
    except ValueError as error:  # more digits than int() converts (4300 by default)
        raise InvalidValueError(value, _DURATION_FORM) from error
    milliseconds = number * _MILLISECONDS_PER_UNIT[unit or "s"]
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
    """Build a parser for whole numbers from ``low`` to ``high`` inclusive.

    The number is read as ``int()`` reads it: a sign, ``_`` between digits and the
    digits of every script are accepted.
    """

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
        raise ConfigSyntaxError(line_number, line)
    key = key.strip().lower()
    if section is None:
        raise OrphanSettingError(line_number, line, key)
    if not key:
        raise EmptyKeyError(line_number, line)
    return key, value.strip()


def _store_setting(
    settings: dict[str, _Setting], section: str, line_number: int, line: str
) -> None:
    """Parse a setting of a known section; skip unknown keys with a warning.

    Raises:
        DuplicateKeyError: If the key was already set in this section.
        InvalidValueError: If the value does not have the form its key requires.
    """
    key, value = _split_setting(line_number, line, section)
    field = _SCHEMA[section].get(key)
    if field is None:
        logger.warning(
            "Ignoring unknown key %r in [%s] on line %d", key, section, line_number
        )
        return
    if (first := settings.get(key)) is not None:
        raise DuplicateKeyError(line_number, line, section, key, first.line_number)
    try:
        parsed = field.parse(value)
    except InvalidValueError as error:
        where = f"line {line_number}, [{section}] {key}"
        raise InvalidValueError(value, error.expected, where) from error
    settings[key] = _Setting(line_number, parsed)


def _read_settings(text: str) -> dict[str, dict[str, _Setting]]:
    """Parse the known keys of the known sections, line by line.

    Raises:
        ConfigSyntaxError: If a line is malformed or a key is set twice.
        InvalidValueError: If a value does not have the form its key requires.
    """
    settings: dict[str, dict[str, _Setting]] = {name: {} for name in _SCHEMA}
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
        if section in _SCHEMA:
            _store_setting(settings[section], section, line_number, stripped)
        else:  # a setting outside the known sections must still be well-formed
            _split_setting(line_number, stripped, section)
    return settings


def _complete_section(name: str, settings: dict[str, _Setting]) -> SectionSettings:
    """Check that a section has its required keys and fill in the defaults.

    The defaults come first and the settings that have none (the hosts) after them.

    Raises:
        MissingKeyError: If a required key is absent.
    """
    section: SectionSettings = {}
    for key, field in _SCHEMA[name].items():
        if field.default is not None:
            section[key] = field.default
        elif key not in settings:
            raise MissingKeyError(name, key, field.expected)
    return section | {key: setting.value for key, setting in settings.items()}


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
        InvalidValueError: If a value does not have the form its key requires.
        MissingKeyError: If a required key (each section's ``host``) is absent.
    """
    settings = _read_settings(text)
    config = {name: _complete_section(name, settings[name]) for name in _SCHEMA}
    logger.debug("Loaded configuration for sections %s", ", ".join(config))
    return config
