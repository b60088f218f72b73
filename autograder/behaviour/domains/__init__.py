r"""Hypothesis strategies that cover a legacy function's whole input domain, edges first.

A refactor that slips usually changes behaviour at one edge only: a tie at half a cent, a
text one past a stated limit, a line boundary other than ``"\n"``, an Arabic-Indic digit,
a no-break space. Generators that stay in a convenient range (ASCII words, prices with two
decimals) never reach those edges, so the slip passes. Each strategy here draws from all
that the legacy accepts, weighted so that the edges occur within the first few dozen
examples, and its docstring names the class of slip it exists to catch.

- rounding mode, float arithmetic for ``Decimal``: ``decimals``, ``decimal_strings``;
- a stated limit (a length, a range): ``sized_text``, ``boundary_ints``,
  ``decimals(min_value=..., max_value=...)``;
- text outside a narrow alphabet: ``any_text``, ``any_character``, ``line_breaks``,
  ``joined_lines``, ``unicode_spaces``, ``unicode_digits``, ``padded``, ``blank_variants``,
  ``words``;
- case: ``case_variants``, with ``words`` or ``any_text``, which draw ``CASE_SPECIALS``.

They compose::

    memos = padded(sized_text(40))                  # limit slips, strip slips
    ledger = joined_lines(any_text(delimiters=";"))  # line-boundary and delimiter slips
    amounts = decimal_strings(places=2, max_value=Decimal("1000000.00"))

Argument mutation and state carried over between calls are not input-domain slips:
``autograder.testing`` catches them by comparing argument state and with stateful tests.
"""

from autograder.behaviour.domains._characters import (
    CASE_SPECIALS,
    LINE_BREAKS,
    WHITESPACE,
    any_character,
    line_breaks,
    unicode_digits,
    unicode_spaces,
    words,
)
from autograder.behaviour.domains._numbers import boundary_ints, decimal_strings, decimals
from autograder.behaviour.domains._text import (
    any_text,
    blank_variants,
    case_variants,
    joined_lines,
    padded,
    sized_text,
)

__all__ = [
    "CASE_SPECIALS",
    "LINE_BREAKS",
    "WHITESPACE",
    "any_character",
    "any_text",
    "blank_variants",
    "boundary_ints",
    "case_variants",
    "decimal_strings",
    "decimals",
    "joined_lines",
    "line_breaks",
    "padded",
    "sized_text",
    "unicode_digits",
    "unicode_spaces",
    "words",
]
