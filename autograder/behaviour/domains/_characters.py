"""Strategies for single characters: line boundaries, spaces, digits, case specials."""

from __future__ import annotations

import itertools
import string
from typing import Final

from hypothesis import strategies as st

__all__ = [
    "CASE_SPECIALS",
    "LINE_BREAKS",
    "WHITESPACE",
    "any_character",
    "edge_characters",
    "line_breaks",
    "unicode_digits",
    "unicode_spaces",
    "words",
]

LINE_BREAKS: Final = (
    *("\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85"),
    *("\N{LINE SEPARATOR}", "\N{PARAGRAPH SEPARATOR}"),
)
"""Every line boundary ``str.splitlines`` knows, ``"\\r\\n"`` included."""

WHITESPACE: Final = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\N{NO-BREAK SPACE}\N{OGHAM SPACE MARK}"
    + "".join(map(chr, range(0x2000, 0x200B)))  # EN QUAD to HAIR SPACE
    + "\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}\N{NARROW NO-BREAK SPACE}"
    + "\N{MEDIUM MATHEMATICAL SPACE}\N{IDEOGRAPHIC SPACE}"
)
"""Every character that ``str.strip()``, ``str.split()`` and ``str.isspace()`` see as space."""

CASE_SPECIALS: Final = (
    "\N{LATIN SMALL LETTER SHARP S}"  # upper() is "SS"
    "\N{LATIN CAPITAL LETTER SHARP S}"  # lower() is "ß", casefold() is "ss"
    "\N{LATIN SMALL LIGATURE FL}"  # lower() keeps it, casefold() is "fl"
    "\N{LATIN SMALL LIGATURE FI}"
    "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}"  # lower() is two characters
    "\N{LATIN SMALL LETTER DOTLESS I}"  # upper() is "I"
    "\N{LATIN SMALL LETTER LONG S}"  # upper() is "S"
    "\N{GREEK SMALL LETTER FINAL SIGMA}"  # casefold() is the ordinary small sigma
    "\N{LATIN CAPITAL LETTER D WITH SMALL LETTER Z WITH CARON}"  # title case
    "\N{KELVIN SIGN}"  # lower() is "k"
    "\N{ANGSTROM SIGN}"
    "\N{LATIN SMALL LETTER N PRECEDED BY APOSTROPHE}"
    "\N{MICRO SIGN}"  # upper() is GREEK CAPITAL LETTER MU
)
"""Characters whose case mapping changes the length, the script, or lower() vs casefold()."""

_DIGIT_LOOKALIKES: Final = (
    "\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT ONE}\N{CIRCLED DIGIT ONE}"  # isdigit(), not int()
    "\N{VULGAR FRACTION ONE HALF}\N{ROMAN NUMERAL TWELVE}"  # isnumeric() only
)


def line_breaks() -> st.SearchStrategy[str]:
    r"""Draw a line boundary: each one ``str.splitlines`` knows, ``"\r\n"`` included.

    Catches: ``split("\n")`` where the legacy used ``splitlines()`` (or the reverse), and
    code that assumes every line ends in ``"\n"``.

    Returns:
        The strategy.
    """
    return st.sampled_from(LINE_BREAKS)


def unicode_spaces(*, breaks: bool = True) -> st.SearchStrategy[str]:
    r"""Draw one whitespace character of any kind: what ``str.strip()`` removes.

    Catches: ``strip(" ")``, ``strip(string.whitespace)`` or ``[ \t]`` in a pattern where
    the legacy used ``strip()``, ``split()`` or ``isspace()``.

    Args:
        breaks: Include the whitespace characters that also break lines.

    Returns:
        The strategy.
    """
    line_ends = set("".join(LINE_BREAKS))
    return st.sampled_from([c for c in WHITESPACE if breaks or c not in line_ends])


def _pool(*groups: str) -> tuple[str, ...]:
    """One tuple in which each group has the same share, whatever its size."""
    size = max(map(len, groups))
    return tuple(c for group in groups for c in itertools.islice(itertools.cycle(group), size))


def unicode_digits() -> st.SearchStrategy[str]:
    """Draw one character that some digit test accepts.

    ASCII digits; any Unicode decimal digit (category Nd, which ``int()`` and ``Decimal()``
    accept and ``[0-9]`` does not); numerals that ``isdigit()`` or ``isnumeric()`` accept
    but ``int()`` refuses (superscripts, circled digits, fractions, Roman numerals).

    Catches: ``[0-9]`` or ``string.digits`` where the legacy called ``int()``, and
    ``isdigit()`` where it called ``isdecimal()`` (or the reverse).

    Returns:
        The strategy.
    """
    common = st.sampled_from(_pool(string.digits, _DIGIT_LOOKALIKES))
    return st.one_of(common, common, st.characters(categories=["Nd"]))


def any_character(*, spaces: bool = True) -> st.SearchStrategy[str]:
    """Draw one character from all of Unicode (but lone surrogates), edges weighted up.

    One in four draws is any code point; the others are, in equal shares, ASCII letters,
    ASCII digits and numerals, ``CASE_SPECIALS``, line boundaries, other whitespace (or,
    without ``spaces``, ASCII punctuation) and decimal digits of any script.

    Args:
        spaces: Include whitespace; without it every character survives ``strip()``.

    Returns:
        The strategy.
    """
    anything = st.characters(exclude_categories=["Cs"])
    if not spaces:
        anything = anything.filter(lambda c: not c.isspace())
    edges = edge_characters(spaces=spaces)
    return st.one_of(edges, edges, edges, anything)


def edge_characters(*, spaces: bool) -> st.SearchStrategy[str]:
    """Draw an edge character: each group below, and any script's digits, equally often.

    The groups: ASCII letters, ASCII digits and numerals, case specials, and line
    boundaries and whitespace (or, without ``spaces``, ASCII punctuation).
    """
    groups = [string.ascii_letters, string.digits + _DIGIT_LOOKALIKES, CASE_SPECIALS]
    if spaces:
        groups += ["".join(b for b in LINE_BREAKS if len(b) == 1), WHITESPACE]
    else:
        groups.append(string.punctuation)
    pool = st.sampled_from(_pool(*groups))
    return st.one_of(*[pool] * len(groups), st.characters(categories=["Nd"]))


def words(*, extra: str = "", min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Draw a word of letters and digits in any script, case specials and ``extra``.

    What ``str.isalnum()`` accepts (plus ``extra``): ASCII and other letters, Unicode
    digits and numerals, ``CASE_SPECIALS``; for names and codes that must be valid
    (``any_text()`` draws mostly invalid ones).

    Catches: ``[a-z0-9]`` or ``[A-Za-z]`` where the legacy used ``isalnum()`` or
    ``isalpha()``, and case slips (with ``case_variants``).

    Args:
        extra: Other characters the words may hold, e.g. ``"-:"``.
        min_size: Fewest characters.
        max_size: Most characters.

    Returns:
        The strategy.
    """
    groups = [string.ascii_letters, string.digits + _DIGIT_LOOKALIKES, CASE_SPECIALS, extra]
    pool = st.sampled_from(_pool(*filter(None, groups)))
    letters, digits = st.characters(categories=["L"]), st.characters(categories=["Nd"])
    chars = st.one_of(pool, pool, pool, letters, digits)
    return st.lists(chars, min_size=min_size, max_size=max_size).map("".join)
