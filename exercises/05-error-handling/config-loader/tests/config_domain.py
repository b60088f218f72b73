r"""Generators of configuration texts drawn from all that the legacy loader accepts.

What the legacy code accepts, read line by line from ``src/config_loader.py``:

- any ``str``; ``str.splitlines()`` cuts it at every line boundary it knows (``"\r\n"``,
  ``"\x85"``, ``"\u2028"``...), and ``str.strip()`` trims each line of all Unicode
  whitespace;
- ``[name]`` headers with spaces inside the brackets, names in any case (``lower()``, so
  the Kelvin sign reads as ``k`` but the long s, U+017F, stays itself); ``key = value``
  settings with spaces around ``=`` or none; comments after ``#`` or ``;``;
- ports, workers and pool sizes as ``int()`` reads them (sign, leading zeros, ``_``
  between digits, the digits of every script, at most 4300 digits), from 1 to 65535, 64
  and 100;
- durations matched by ``[0-9]+(ms|s|m|h)?`` (ASCII digits only), in any case, from 1 ms
  to 86,400,000 ms;
- hostnames of at most 253 characters whose labels are 1 to 63 of ``[a-z0-9-]`` (after
  ``lower()``), with no ``-`` at either end of a label;
- ``true/yes/on/1`` and ``false/no/off/0`` in any case.

Each generator draws each limit and one past it, and the spellings around it, often.
Strategies are built once, at import: hypothesis then only draws from them.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from collections.abc import Callable
from typing import Final

from hypothesis import strategies as st

from autograder.testing import (
    CASE_SPECIALS,
    LINE_BREAKS,
    WHITESPACE,
    any_text,
    blank_variants,
    boundary_ints,
    line_breaks,
)

__all__ = [
    "DURATION_LIMITS",
    "KINDS",
    "NUMBER_LIMITS",
    "config_texts",
    "duration_texts",
    "host_of_length",
    "int_texts",
    "line_text",
    "plain_config_texts",
    "recased",
    "value_texts",
]

KINDS: Final = {
    "server": {"host": "host", "port": "port", "debug": "bool", "workers": "workers"},
    "database": {"host": "host", "port": "port", "timeout": "duration", "pool_size": "pool"},
}
"""The known sections, their keys and the kind of value each key takes."""

NUMBER_LIMITS: Final = {"port": (1, 65535), "workers": (1, 64), "pool": (1, 100)}
"""The range of each whole-number kind."""

DURATION_LIMITS: Final = {"ms": 86_400_000, "s": 86_400, "m": 1_440, "h": 24, "": 86_400}
"""The largest amount of each duration unit (no unit means seconds): 24 hours."""

_BOOL_WORDS: Final = ("true", "yes", "on", "1", "false", "no", "off", "0")
_BOOL_NEAR_MISSES: Final = ("01", "y", "n", "2", "tru", "enabled", "yes!", "1.0", "+1", "")
_NUMBER_NEAR_MISSES: Final = ("", "0x50", "8.0", "8 0", "1e3", "_80", "80_", "8__0", "--1")
_NUMBER_LOOKALIKES: Final = (
    *("\N{SUPERSCRIPT TWO}", "\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT TWO}"),  # isdigit(), not int()
    *("\N{CIRCLED DIGIT ONE}", "\N{VULGAR FRACTION ONE HALF}"),
    "\N{ARABIC-INDIC DIGIT THREE}\N{SUPERSCRIPT TWO}",
    "\N{FULLWIDTH DIGIT EIGHT}",  # int() reads these three
    "\N{ARABIC-INDIC DIGIT EIGHT}\N{ARABIC-INDIC DIGIT ZERO}" * 2,
    "\N{MATHEMATICAL BOLD DIGIT EIGHT}\N{MATHEMATICAL BOLD DIGIT ZERO}",
)
_HUGE_NUMBERS: Final = ("0" * 4299 + "1", "1" * 4301, "0" * 4300 + "7")
_DURATION_NEAR_MISSES: Final = ("1.5s", "10 s", "5d", "5sec", "+5s", "-1s", "s", "ms", "1_0s")
_HOST_NEAR_MISSES: Final = ("", ".", "a..b", "x.", ".x", "a_b", "-a", "a-", "a b", "a=b")
_ZEROS: Final = (
    "\N{ARABIC-INDIC DIGIT ZERO}",
    "\N{EXTENDED ARABIC-INDIC DIGIT ZERO}",
    "\N{DEVANAGARI DIGIT ZERO}",
    "\N{THAI DIGIT ZERO}",
    "\N{FULLWIDTH DIGIT ZERO}",
    "\N{MATHEMATICAL BOLD DIGIT ZERO}",
    "\N{NKO DIGIT ZERO}",
    "\N{ADLAM DIGIT ZERO}",
)
"""The digit zero of a few scripts; Unicode encodes each script's digits 0-9 in a row."""
_SCRIPT_ZEROS: Final = st.one_of(
    st.sampled_from(_ZEROS),
    st.characters(categories=["Nd"]).map(
        lambda digit: chr(ord(digit) - unicodedata.decimal(digit))
    ),
)
"""The digit zero of any script."""
_LOOKALIKES: Final = {
    char: other
    for char in string.ascii_letters
    for other in CASE_SPECIALS
    if char.lower() in {other.lower(), other.upper().lower()}
}
"""ASCII letters a case mapping makes of a special: ``k`` from the Kelvin sign (``lower()``),
``s`` and ``i`` from the long s and the dotless i (``upper()``, then ``lower()``)."""


def _lookalike(char: str) -> str:
    return _LOOKALIKES.get(char, char)


def _alternating(text: str) -> str:
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(text))


_CASINGS: Final[tuple[Callable[[str], str], ...]] = (
    *(str,) * 16,
    str.lower,
    str.upper,
    str.title,
    str.swapcase,
    _alternating,
    lambda text: "".join(map(_lookalike, text)),
    lambda text: "".join(map(_lookalike, text.upper())),
)


def recased(strategy: st.SearchStrategy[str] | str) -> st.SearchStrategy[str]:
    """Draw a text (or values of a strategy) as written, in another case, or with lookalikes.

    Catches: ``casefold()`` where the legacy used ``lower()`` (the long s differs), and a
    comparison that ignores case where the legacy's did not (or the reverse).

    Args:
        strategy: The text, or a strategy of the texts, to vary.

    Returns:
        The strategy.
    """
    if isinstance(strategy, str):
        return st.sampled_from([casing(strategy) for casing in _CASINGS])
    return st.tuples(strategy, st.sampled_from(_CASINGS)).map(lambda pair: pair[1](pair[0]))


_INLINE_SPACES: Final = tuple(c for c in WHITESPACE if c not in "".join(LINE_BREAKS))
_LAYOUTS: Final = (
    *[("",) * 6] * 12,
    *[("", "", " ", " ", "", "")] * 6,
    *(
        tuple(space if i == at else "" for i in range(6))
        for space in _INLINE_SPACES
        for at in range(6)
    ),
    ("\t", " ", "  ", "\t", " ", "\u3000"),
)
"""Whitespace before and after a line, its key and its value: none, the usual ' = ', or one
space of any kind (that breaks no line) at one of the six places."""


def _laid_out(layout: tuple[str, ...], key: str, value: str) -> str:
    before, key_before, key_after, value_before, value_after, after = layout
    return f"{before}{key_before}{key}{key_after}={value_before}{value}{value_after}{after}"


def _inline(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Pad with whitespace that does not break the line, or none, on either side."""
    pads = st.sampled_from(_LAYOUTS)
    return st.tuples(pads, strategy).map(lambda pair: pair[0][0] + pair[1] + pair[0][5])


@functools.cache
def line_text(max_size: int = 10) -> st.SearchStrategy[str]:
    """Draw text from all of Unicode that holds no line boundary: the rest of one line.

    Args:
        max_size: Most characters.

    Returns:
        The strategy.
    """
    return any_text(max_size=max_size).map(lambda text: "".join(text.splitlines()))


def _spell(number: int, spelling: tuple[str, str, int], zero: str = "0") -> str:
    """Spell ``number`` with leading zeros, a sign, a ``_`` and the digits of ``zero``."""
    zeros, sign, underscore = spelling
    digits = zeros + str(abs(number))
    if 0 < underscore < len(digits):
        digits = f"{digits[:underscore]}_{digits[underscore:]}"
    if zero != "0":
        digits = "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in digits)
    return ("-" if number < 0 else sign) + digits


_SPELLINGS: Final = st.sampled_from(
    (*[("", "", 0)] * 6, ("0", "", 0), ("00", "", 0), ("", "+", 0), ("", "", 1), ("0", "+", 2))
)


def _spelt(numbers: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    """Whole numbers as ``int()`` reads them: sign, zeros, ``_`` and any script's digits."""
    ascii_digits = st.tuples(numbers, _SPELLINGS).map(lambda parts: _spell(*parts))
    any_script = st.tuples(numbers, _SPELLINGS, _SCRIPT_ZEROS).map(lambda parts: _spell(*parts))
    return st.one_of(ascii_digits, ascii_digits, ascii_digits, any_script)


@functools.cache
def int_texts(low: int, high: int) -> st.SearchStrategy[str]:
    """Draw whole numbers around ``low`` and ``high`` as ``int()`` reads them, and near misses.

    Also numbers of 4300 and 4301 digits (``int()`` refuses more than 4300) and numerals
    that ``isdigit()`` accepts but ``int()`` does not.

    Args:
        low: The smallest valid number.
        high: The largest valid number.

    Returns:
        The strategy.
    """
    spelt = _spelt(boundary_ints(low, high))
    misses = st.sampled_from(_NUMBER_NEAR_MISSES + _NUMBER_LOOKALIKES + _HUGE_NUMBERS)
    return st.one_of(spelt, spelt, spelt, misses)


def _amounts(unit: str) -> st.SearchStrategy[str]:
    numbers = boundary_ints(1, DURATION_LIMITS[unit]).filter(lambda n: n >= 0)
    plain = numbers.map(str)
    scripts = st.tuples(numbers, _SPELLINGS, _SCRIPT_ZEROS).map(lambda parts: _spell(*parts))
    return st.one_of(plain, plain, _spelt(numbers), scripts)  # signs, '_', scripts: refused


_UNITS: Final = st.one_of(*map(recased, sorted(DURATION_LIMITS)))
_DURATIONS: Final = st.one_of(
    *(st.tuples(_amounts(unit), recased(unit)).map("".join) for unit in sorted(DURATION_LIMITS)),
    st.tuples(_spelt(boundary_ints(0, 90)), _UNITS).map("".join),
)


@functools.cache
def duration_texts() -> st.SearchStrategy[str]:
    """Draw durations around every unit's limit, in any case, and near misses.

    Returns:
        The strategy.
    """
    huge = st.sampled_from(("0" * 4299 + "1s", "0" * 4301 + "1ms"))
    return st.one_of(_DURATIONS, _DURATIONS, st.sampled_from(_DURATION_NEAR_MISSES), huge)


def host_of_length(length: int, label: int = 63) -> str:
    """Build a hostname of exactly ``length`` characters, of labels of ``label`` characters.

    Args:
        length: The hostname's length.
        label: The length of its labels (the last one may be shorter).

    Returns:
        Labels of ``a`` joined by dots, e.g. ``aaa.aaa.b``: the last label ends in ``b``.
    """
    labels: list[str] = []
    left = length
    while left > 0:
        size = min(label, left)
        labels.append("a" * size)
        left -= size + 1
    host = ".".join(labels)
    return host[:-1] + "b" if host else host


_LABEL: Final = st.one_of(
    st.sampled_from((0, 1, 62, 63, 64)).map(lambda size: "a" * size),
    st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8),
)
_HOSTS: Final = st.one_of(
    st.sampled_from(("checkout.shop.example", "db-1.internal", "localhost", "10.0.0.7")),
    st.lists(_LABEL, min_size=1, max_size=4).map(".".join),
    st.builds(
        host_of_length, st.sampled_from((1, 63, 64, 252, 253, 254)), st.sampled_from((62, 63, 64))
    ),
)
_HOSTNAMES: Final = st.one_of(
    recased(_HOSTS), recased(_HOSTS), st.sampled_from(_HOST_NEAR_MISSES), line_text(8)
)
_BOOLS: Final = st.one_of(
    recased(st.sampled_from(_BOOL_WORDS)),
    st.sampled_from(_BOOL_NEAR_MISSES),
    int_texts(0, 1),
)


def value_texts(kind: str) -> st.SearchStrategy[str]:
    """Draw values of one kind (``host``, ``port``, ``bool``...), edges and near misses first.

    Args:
        kind: A kind of ``KINDS``.

    Returns:
        The strategy.
    """
    if kind in NUMBER_LIMITS:
        return int_texts(*NUMBER_LIMITS[kind])
    if kind == "duration":
        return duration_texts()
    return {"bool": _BOOLS, "host": _HOSTNAMES}.get(kind, _REMARKS)


@functools.cache
def _valid_values(kind: str) -> st.SearchStrategy[str]:
    """Values of one kind that the legacy code accepts: edges, but no near misses."""
    if kind in NUMBER_LIMITS:
        low, high = NUMBER_LIMITS[kind]
        numbers = (low, high, (low + high) // 2)
        spellings = (("", "", 0), ("0", "+", 0), ("", "", 1))
        pool = [
            _spell(n, way, zero) for n in numbers for way in spellings for zero in ("0", *_ZEROS)
        ]
        return st.one_of(st.sampled_from(pool), _spelt(st.integers(low, high)))
    if kind == "duration":
        return st.sampled_from(("24h", "1ms", "500MS", "30", "1440m", "2M", "86400000ms"))
    if kind == "remark":
        return _REMARKS
    words = _BOOL_WORDS if kind == "bool" else ("api.example", "db-1.internal", host_of_length(253))
    return st.sampled_from([casing(word) for word in words for casing in _CASINGS])


@functools.cache
def _setting(key: str, *, tricky: bool) -> st.SearchStrategy[str]:
    """A ``key = value`` line, with any (inline) spaces around key, ``=`` and value."""
    keys = recased(key)
    kind = next((kinds[key] for kinds in KINDS.values() if key in kinds), "remark")
    values = value_texts(kind) if tricky else _valid_values(kind)
    parts = st.tuples(st.sampled_from(_LAYOUTS), keys, values)
    return parts.map(lambda parts: _laid_out(*parts))


@functools.cache
def _header(name: str) -> st.SearchStrategy[str]:
    parts = st.tuples(st.sampled_from(_LAYOUTS), recased(name))
    return parts.map(
        lambda parts: "{0}[{1}{3}{2}]{5}".format(*parts[0][:3], parts[1], *parts[0][3:])
    )


_REMARKS: Final = st.one_of(
    st.sampled_from(("", " managed by ops", "=", "[server]", " host = x", "\x1f", "é ß")),
    line_text(),
)
_NOISE: Final = st.one_of(
    blank_variants(),
    _inline(st.tuples(st.sampled_from("#;"), _REMARKS).map("".join)),
    st.tuples(st.sampled_from(("region", "hosts", "ttl")), _REMARKS).map("=".join),
)
"""Lines the loader skips or ignores: blanks, comments and unknown keys."""

_BROKEN: Final = st.one_of(
    line_text().filter(lambda line: "=" not in line),
    _setting("", tricky=False),
    any_text(max_size=12),
)
"""A line the loader rejects wherever it stands, or any text at all."""

_ALL_KEYS: Final = sorted({key for keys in KINDS.values() for key in keys})


@functools.cache
def _section(name: str, tricky: frozenset[str]) -> st.SearchStrategy[list[str]]:
    return _section_lines(name, tricky)


@st.composite
def _section_lines(draw: st.DrawFn, name: str, tricky: frozenset[str]) -> list[str]:
    """The lines of one known section; the keys in ``tricky`` get edge values."""
    keys = [key for key in KINDS[name] if key == "host" or draw(st.integers(0, 2))]
    settings = [draw(_setting(key, tricky=key in tricky)) for key in keys]  # 1 in 3 left out
    lines = [draw(_header(name)), *draw(st.permutations(settings))]
    lines.extend(draw(st.lists(_NOISE, max_size=2)))
    return lines


@functools.cache
def _line_ends(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(line_breaks(), min_size=count, max_size=count)


def _joined(draw: st.DrawFn, lines: list[str]) -> str:
    """Join lines with a line boundary of any kind each; the last line may have none."""
    ends = draw(_line_ends(len(lines)))
    last_unended = draw(st.booleans())
    if ends and last_unended:
        ends[-1] = ""
    return "".join(line + end for line, end in zip(lines, ends, strict=True))


def _add_mistake(draw: st.DrawFn, lines: list[str]) -> None:
    """Drop a line, repeat one, insert a broken one, or put a setting before all headers."""
    mistake = draw(st.sampled_from(("drop", "twice", "broken", "orphan")))
    at = draw(st.integers(0, len(lines) - 1))
    if mistake == "drop":
        del lines[at]
    elif mistake == "twice":
        lines.insert(draw(st.integers(at, len(lines))), lines[at])
    elif mistake == "broken":
        lines.insert(at, draw(_BROKEN))
    else:
        lines.insert(0, draw(_setting(draw(st.sampled_from(_ALL_KEYS)), tricky=False)))


@st.composite
def config_texts(draw: st.DrawFn, *, problems: int = 2, least: int = 0) -> str:
    """Draw a configuration text: often valid, else with up to ``problems`` mistakes.

    Mistakes are edge values (each limit and one past it, near misses), a section header
    or host left out, a key set twice, a broken line, or a setting before all headers.

    Args:
        draw: Hypothesis's draw function.
        problems: The most mistakes a text may hold.
        least: The fewest mistakes (an edge value may still be valid).

    Returns:
        The text.
    """
    tricky = frozenset(draw(st.lists(st.sampled_from(_ALL_KEYS), max_size=problems)))
    sections = [draw(_section(name, tricky)) for name in KINDS]
    if draw(st.booleans()):
        extra = draw(st.lists(st.one_of(_NOISE, _BROKEN), max_size=2))
        sections.append([draw(_header("cache")), draw(_setting("ttl", tricky=False)), *extra])
    lines = [line for section in draw(st.permutations(sections)) for line in section]
    for _ in range(draw(st.integers(max(least - len(tricky), 0), problems - len(tricky)))):
        _add_mistake(draw, lines)
    return _joined(draw, lines)


_PLAIN_VALUES: Final = {
    "host": ("api.example", "db.example", "10.0.0.7"),
    "port": ("1", "8443", "65535", "0"),
    "bool": ("true", "off", "1"),
    "workers": ("1", "16", "64"),
    "pool": ("5", "100", "101"),
    "duration": ("500ms", "2m", "30"),
}


@st.composite
def plain_config_texts(draw: st.DrawFn) -> str:
    """Draw a plain ASCII configuration: ``key = value`` lines, one per line, few mistakes.

    For tests of what carries over between calls, where the edges of the input domain
    would only slow the search down (other tests cover them).

    Args:
        draw: Hypothesis's draw function.

    Returns:
        The text.
    """
    lines: list[str] = []
    for name, kinds in KINDS.items():
        lines.append(f"[{name}]")
        for key, kind in kinds.items():
            if draw(st.integers(0, 3)):  # each key, the hosts too, is left out 1 in 4
                lines.append(f"{key} = {draw(st.sampled_from(_PLAIN_VALUES[kind]))}")
    return "\n".join(draw(st.permutations(lines)) if draw(st.integers(0, 5)) == 0 else lines)
