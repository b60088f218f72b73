"""The domain strategies draw the edges they promise, early: within a kata's first examples.

Each test samples a strategy as a kata's suite would run it (a fixed seed, 100 examples or
so) and checks that every promised edge is among them; the constants are checked against
a scan of all of Unicode.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from decimal import Context, Decimal, InvalidOperation, localcontext

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from autograder.behaviour import domains
from autograder.behaviour.domains import (
    CASE_SPECIALS,
    LINE_BREAKS,
    WHITESPACE,
    any_character,
    any_text,
    blank_variants,
    boundary_ints,
    case_variants,
    decimal_strings,
    decimals,
    joined_lines,
    line_breaks,
    padded,
    sized_text,
    unicode_digits,
    unicode_spaces,
    words,
)

EXAMPLES = 100  # what a kata's suite runs per property
ALL_CHARACTERS = [chr(code) for code in range(sys.maxunicode + 1)]
CENT = Decimal("0.01")
MILLION = Decimal("1000000.00")


def sample[T](strategy: st.SearchStrategy[T], examples: int = EXAMPLES) -> list[T]:
    """The values a derandomized test with ``examples`` examples is given, in order."""
    seen: list[T] = []

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: T) -> None:
        seen.append(value)

    collect()
    return seen


def occurs[T](values: list[T], wanted: Callable[[T], bool]) -> bool:
    return any(wanted(value) for value in values)


def test_the_public_names_are_exported_both_ways() -> None:
    assert set(domains.__all__) == {name for name in vars(domains) if not name.startswith("_")}


def test_line_breaks_are_every_boundary_splitlines_knows() -> None:
    boundaries = {c for c in ALL_CHARACTERS if len(f"a{c}b".splitlines()) == 2}
    assert {b for b in LINE_BREAKS if len(b) == 1} == boundaries
    assert "\r\n" in LINE_BREAKS
    assert set(sample(line_breaks())) == set(LINE_BREAKS)


def test_whitespace_is_what_strip_removes() -> None:
    assert set(WHITESPACE) == {c for c in ALL_CHARACTERS if f"{c}x{c}".strip() == "x"}
    assert set(WHITESPACE) == {c for c in ALL_CHARACTERS if c.isspace()}
    assert len(set(WHITESPACE)) == len(WHITESPACE)
    assert set(sample(unicode_spaces(), 300)) == set(WHITESPACE)
    assert not set("".join(LINE_BREAKS)) & set(sample(unicode_spaces(breaks=False), 300))


def _round_trips(c: str) -> bool:
    simple = len(c.upper()) == len(c.lower()) == 1 and c.lower() == c.casefold()
    inverse = c.upper().lower() == c.lower() and c.lower().upper() == c.upper()
    return simple and inverse and c in {c.upper(), c.lower()}


@pytest.mark.parametrize("character", CASE_SPECIALS)
def test_each_case_special_does_not_round_trip(character: str) -> None:
    assert not _round_trips(character), unicodedata.name(character)


def test_unicode_digits_mix_ascii_other_scripts_and_lookalikes() -> None:
    drawn = sample(unicode_digits())
    assert occurs(drawn, lambda c: c in "0123456789")
    assert occurs(drawn, lambda c: c.isdecimal() and not c.isascii())
    assert occurs(drawn, lambda c: c.isdigit() and not c.isdecimal())  # "²": int() refuses
    assert occurs(drawn, lambda c: c.isnumeric() and not c.isdigit())  # "½"
    assert all(c.isnumeric() for c in drawn)


def test_any_text_reaches_every_edge_in_small_examples() -> None:
    drawn = sample(any_text())
    text = "".join(drawn)
    assert all(len(value) <= 20 for value in drawn)
    assert len({b for b in LINE_BREAKS if b in text}) >= len(LINE_BREAKS) - 2
    longer = "".join(sample(any_text(), 300))
    assert {b for b in LINE_BREAKS if b in longer} == set(LINE_BREAKS)
    assert len(set(text) & set(WHITESPACE) - set("\t\n\r ")) >= 5
    assert occurs(list(text), lambda c: c.isdecimal() and not c.isascii())
    assert occurs(list(text), lambda c: c.isdigit() and not c.isdecimal())
    assert len(set(text) & set(CASE_SPECIALS)) >= 3
    assert occurs(list(text), lambda c: ord(c) > 0xFFFF)
    assert "" in drawn


def test_any_text_pads_delimiters_with_every_kind_of_whitespace() -> None:
    drawn = sample(any_text(delimiters=";"))

    def spaced(value: str) -> bool:
        at = value.find(";")
        return 0 < at < len(value) - 1 and value[at - 1].isspace() and value[at + 1].isspace()

    assert occurs(drawn, spaced)
    assert occurs(drawn, lambda value: ";" in value and not spaced(value))
    assert occurs(drawn, lambda value: any(f"{c};" in value for c in WHITESPACE if c > "~"))


def test_any_text_keeps_its_size_bounds() -> None:
    assert all(3 <= len(value) <= 5 for value in sample(any_text(min_size=3, max_size=5)))


def test_any_character_without_spaces_survives_strip() -> None:
    drawn = sample(any_character(spaces=False), 300)
    assert all(c.strip() == c and len(c) == 1 for c in drawn)
    assert occurs(drawn, lambda c: c in CASE_SPECIALS)


def test_words_are_alphanumeric_in_every_script() -> None:
    drawn = sample(words(extra=":-"))
    assert all(1 <= len(word) <= 12 for word in drawn)
    assert all(
        word.replace(":", "").replace("-", "").isalnum() for word in drawn if word.strip(":-")
    )
    assert occurs(drawn, lambda word: not word.isascii())
    assert occurs(drawn, lambda word: any(c.isdecimal() and not c.isascii() for c in word))
    assert occurs(drawn, lambda word: any(c in CASE_SPECIALS for c in word))
    assert occurs(drawn, lambda word: ":" in word or "-" in word)


def test_blank_variants_are_empty_once_stripped() -> None:
    drawn = sample(blank_variants())
    assert all(not value.strip() for value in drawn)
    assert "" in drawn
    assert occurs(drawn, lambda value: any(c > "~" for c in value))


def test_padded_adds_only_whitespace_of_every_kind() -> None:
    drawn = sample(padded(st.just("x")))
    assert all(value.strip() == "x" for value in drawn)
    assert "x" in drawn
    assert occurs(drawn, lambda value: value[0] > "~" and value[-1] > "~")
    inline = sample(padded(st.just("x"), spaces=unicode_spaces(breaks=False)))
    assert all(len(value.splitlines()) == 1 for value in inline)


def test_case_variants_change_only_the_case() -> None:
    text = "Straße ﬂoß"
    drawn = sample(case_variants(text))
    assert {text.upper(), text.lower(), text.casefold(), text.title()} <= set(drawn)
    assert occurs(drawn, lambda value: value not in {text.upper(), text.lower(), text})
    assert all(value.casefold() == text.casefold() for value in drawn)


def test_sized_text_draws_both_sides_of_the_limit() -> None:
    lengths = [len(value) for value in sample(sized_text(40))]
    assert {0, 39, 40, 41} <= set(lengths)
    assert max(lengths) > 41
    assert all(value.strip() == value for value in sample(sized_text(40)))


def test_joined_lines_use_every_line_boundary() -> None:
    drawn = sample(joined_lines(st.just("x")))
    assert all(set(value.splitlines()) == {"x"} for value in drawn)
    joined = "".join(drawn)
    assert {b for b in LINE_BREAKS if f"x{b}x" in joined} == set(LINE_BREAKS)
    assert "x" in drawn
    assert occurs(drawn, lambda value: value.endswith("x") and len(value.splitlines()) > 1)
    assert occurs(drawn, lambda value: value[-1] != "x")


def test_boundary_ints_draw_the_limits_one_past_and_far_outside() -> None:
    drawn = sample(boundary_ints(0, 100))
    assert {-1, 0, 1, 99, 100, 101} <= set(drawn)
    assert occurs(drawn, lambda n: n > 2**63)
    assert occurs(drawn, lambda n: n < -(2**63))
    assert occurs(drawn, lambda n: 1 < n < 99)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), value
    return exponent


def _tie_after(value: Decimal, places: int = 2) -> int | None:
    """For an exact tie at half of ``10**-places``, the parity of the digit before it."""
    if not value.is_finite():
        return None
    with localcontext(Context(prec=200)):
        scaled = value.scaleb(places)
        if (scaled * 2) % 2 != 1:
            return None
        return int(scaled) % 2


def _is_tie(value: Decimal) -> bool:
    return _tie_after(value) is not None


def test_decimals_draw_ties_near_ties_and_the_limits() -> None:
    drawn = sample(decimals(places=2, min_value=CENT, max_value=MILLION))
    finite = [value for value in drawn if value.is_finite()]
    assert occurs(finite, lambda v: _tie_after(v) == 0)  # 0.125: half-even rounds down
    assert occurs(finite, lambda v: _tie_after(v) == 1)  # 0.135: every half mode rounds up
    assert occurs(finite, lambda v: len(v.as_tuple().digits) > 20 and not _is_tie(v))
    assert MILLION in finite
    assert occurs(finite, lambda v: MILLION < v <= MILLION + CENT)
    assert occurs(finite, lambda v: v < CENT)
    assert occurs(finite, lambda v: v.is_signed() and v.is_zero())
    assert occurs(finite, lambda v: abs(v) > 10**20)
    assert occurs(finite, lambda v: v == v.quantize(CENT) and _exponent(v) < -2)  # 1.500
    assert occurs(drawn, Decimal.is_nan)
    assert occurs(drawn, Decimal.is_infinite)


def test_decimals_inside_stay_between_the_limits() -> None:
    drawn = sample(
        decimals(min_value=CENT, max_value=MILLION, outside=False, allow_nonfinite=False)
    )
    assert all(CENT <= value <= MILLION for value in drawn)
    assert {CENT, MILLION} <= set(drawn)
    assert occurs(drawn, _is_tie)


def test_decimal_strings_are_read_back_by_decimal() -> None:
    drawn = sample(decimal_strings(places=2, max_value=MILLION, near_misses=False), 200)
    values = [Decimal(text) for text in drawn]  # raises for a text Decimal() refuses
    assert MILLION in values
    assert occurs(drawn, lambda text: "e" in text.lower() and "inf" not in text.lower())
    assert occurs(drawn, lambda text: text.startswith("+"))
    assert occurs(drawn, lambda text: "_" in text)
    assert occurs(drawn, lambda text: any(c.isdecimal() and not c.isascii() for c in text))
    assert occurs(drawn, lambda text: text.lstrip("+-").startswith("0") and "." not in text[:2])


def test_decimal_strings_include_near_misses() -> None:
    def refused(text: str) -> bool:
        try:
            Decimal(text)
        except InvalidOperation:
            return True
        return False

    assert occurs(sample(decimal_strings()), refused)
