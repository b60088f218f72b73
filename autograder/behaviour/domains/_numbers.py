"""Strategies for numbers: integers around limits, decimals around ties, and their spellings."""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable
from decimal import Context, Decimal
from typing import Final

from hypothesis import strategies as st

__all__ = ["boundary_ints", "decimal_strings", "decimals"]

_HUGE: Final = 10**30
_EXACT: Final = Context(prec=200)  # building a value never rounds it
_NONFINITE: Final = tuple(map(Decimal, ("NaN", "-NaN", "sNaN", "Infinity", "-Infinity")))
_NEAR_MISSES: Final = ("", ".", "-", "+", "1,000.00", "1.2.3", "1e", "1 000", "0x10", "1.5.")
_SPELLINGS: Final[tuple[Callable[[Decimal], str], ...]] = (
    str,
    str,
    lambda value: f"{value:f}",
    lambda value: f"{value:e}",
    Decimal.to_eng_string,
)


def boundary_ints(lo: int | None = None, hi: int | None = None) -> st.SearchStrategy[int]:
    """Draw integers at and around the stated limits, inside them, and far outside.

    Often draws ``lo`` and ``hi`` and the integers next to each, zero, one, minus one and
    values past 32 and 64 bits of either sign; otherwise any integer in the range or
    outside it: a legacy function's domain is every ``int`` a caller can pass.

    Catches: off-by-one range checks (``<`` for ``<=``), a limit checked on one side only,
    and overflow or sign slips.

    Args:
        lo: The smallest valid value the brief states, if any.
        hi: The largest valid value the brief states, if any.

    Returns:
        The strategy.
    """
    edges = {0, 1, -1, 2**31, -(2**31) - 1, 2**63, -(2**63) - 1, _HUGE, -_HUGE}
    for limit in (lo, hi):
        if limit is not None:
            edges |= {limit - 1, limit, limit + 1}
    inside = st.integers(lo, hi)
    return st.one_of(st.sampled_from(sorted(edges)), inside, st.integers())


def _unit(exponent: int) -> Decimal:
    return Decimal(1).scaleb(exponent, _EXACT)


def _generic_edges(places: int) -> list[Decimal]:
    quantum = _unit(-places)
    half = _EXACT.divide(quantum, 2)
    return [Decimal(0), Decimal("-0"), quantum, half, -half, Decimal(_HUGE), _unit(-30)]


def _limit_edges(places: int, limits: list[Decimal]) -> list[Decimal]:
    """Each limit, and one quantum, half a quantum and half and a hair either side."""
    quantum, hair = _unit(-places), _unit(-places - 18)
    half = _EXACT.divide(quantum, 2)
    edges = []
    for limit in limits:
        edges.append(limit)
        for step in (quantum, half, _EXACT.subtract(half, hair), _EXACT.add(half, hair)):
            edges += [_EXACT.subtract(limit, step), _EXACT.add(limit, step)]
    return edges


def _ties(places: int, lo: Decimal | None, hi: Decimal | None) -> st.SearchStrategy[Decimal]:
    """Exact ties at half a quantum: between the limits, and the first one past each."""
    scale = _unit(places)
    low = int(_EXACT.multiply(lo, scale)) - 1 if lo is not None else -(10**8)
    high = int(_EXACT.multiply(hi, scale)) + 1 if hi is not None else 10**8
    return st.integers(low, high).map(
        lambda k: _EXACT.multiply(_EXACT.add(Decimal(k), Decimal("0.5")), _unit(-places))
    )


def _widened(value: Decimal, extra: int) -> Decimal:
    """The same value with ``extra`` more trailing zeros: ``1.5`` becomes ``1.500``."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or not extra:
        return value
    return value.quantize(_unit(exponent - extra), context=_EXACT)


def decimals(
    *,
    places: int = 2,
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    outside: bool = True,
    allow_nonfinite: bool = True,
) -> st.SearchStrategy[Decimal]:
    """Draw decimals of every magnitude and exponent, with ties at half a quantum.

    Draws exact ties at half of ``10**-places`` (``2.675`` for cents) after odd and even
    digits, between the limits; values a hair (10 to 25 places further) either side of a
    tie, which only exact arithmetic rounds right; each limit, and one quantum, half a
    quantum and half a quantum and a hair either side of it; any value between the limits;
    zero, negative zero, huge and tiny values and any other decimal; equal values with more
    trailing zeros (``1.5`` and ``1.500``); NaN, sNaN and the infinities.

    Catches: rounding-mode slips (``ROUND_HALF_EVEN`` for ``ROUND_HALF_UP``), float
    arithmetic where the legacy used ``Decimal``, limit slips, and exponent slips
    (``Decimal("1.0")`` returned where the legacy returned ``Decimal("1.00")``).

    Args:
        places: Decimal places the legacy rounds to.
        min_value: The smallest valid value the brief states, if any.
        max_value: The largest valid value the brief states, if any.
        outside: Include values outside the limits (for a strategy of valid values,
            combine ``outside=False`` with ``allow_nonfinite=False``).
        allow_nonfinite: Include NaN, sNaN and the infinities.

    Returns:
        The strategy.
    """

    def within(value: Decimal) -> bool:
        above = min_value is None or value >= min_value
        return outside or (above and (max_value is None or value <= max_value))

    ties = _ties(places, min_value, max_value)
    near_ties = st.builds(
        lambda tie, far, sign: _EXACT.add(tie, sign * _unit(-places - far)),
        ties,
        st.integers(10, 25),
        st.sampled_from((-1, 1)),
    )
    limits = [value for value in (min_value, max_value) if value is not None]
    branches = [ties.filter(within)] * 2 + [near_ties.filter(within)] * 2
    if limits:
        around = [edge for edge in _limit_edges(places, limits) if within(edge)]
        exact = [st.just(limit) for limit in limits]  # own branches: see sized_text
        branches += exact * 2 + [st.sampled_from(around)] * 2
    branches.append(st.decimals(min_value, max_value, allow_nan=False, allow_infinity=False))
    if outside:
        branches.append(st.sampled_from(_generic_edges(places)))
        branches.append(st.decimals(-_HUGE, _HUGE, allow_nan=False, allow_infinity=False))
    finite = st.builds(_widened, st.one_of(*branches), st.sampled_from((0, 0, 1, 3)))
    if not allow_nonfinite:
        return finite
    return st.one_of(*[finite] * 7, st.sampled_from(_NONFINITE))


@st.composite
def _spelt(draw: st.DrawFn, value: Decimal) -> str:
    """``value`` as text that ``Decimal()`` reads back as an equal value."""
    text = draw(st.sampled_from(_SPELLINGS))(value)
    if draw(st.booleans()):
        text = text.lower() if draw(st.booleans()) else text.upper()
    if not value.is_finite():
        return text
    sign, rest = ("-", text[1:]) if text.startswith("-") else ("", text)
    plus = "+" if not sign and draw(st.booleans()) else ""
    text = sign + plus + draw(st.sampled_from(("", "", "0", "00"))) + rest
    gaps = [i for i in range(1, len(text)) if text[i - 1].isdigit() and text[i].isdigit()]
    if draw(st.booleans()) and gaps:
        at = draw(st.sampled_from(gaps))
        text = f"{text[:at]}_{text[at:]}"
    if draw(st.sampled_from((False, False, True))):
        digit = draw(st.characters(categories=["Nd"]))
        zero = ord(digit) - unicodedata.decimal(digit)
        text = "".join(chr(zero + int(c)) if c in string.digits else c for c in text)
    return text


def decimal_strings(  # noqa: PLR0913 - keyword-only options with defaults, as hypothesis strategies have
    *,
    places: int = 2,
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    outside: bool = True,
    allow_nonfinite: bool = True,
    near_misses: bool = True,
) -> st.SearchStrategy[str]:
    """Draw text spellings of ``decimals(...)``, and near misses ``Decimal()`` refuses.

    Each value is spelt with ``str()``, in plain, scientific or engineering notation, in
    either case, with or without ``+``, leading zeros or an underscore between digits, and
    sometimes in another script's digits (Arabic-Indic, Devanagari, fullwidth...): all of
    which ``Decimal()`` reads back exactly. Near misses: ``"1,000.00"``, ``"1.2.3"``, ``""``.

    Catches: what ``decimals()`` catches, and parsing slips: a ``[0-9.]+`` pattern or
    ``float()`` where the legacy called ``Decimal()``, an exponent or a sign refused.

    Args:
        places: Decimal places the legacy rounds to.
        min_value: The smallest valid value the brief states, if any.
        max_value: The largest valid value the brief states, if any.
        outside: Include values outside the limits.
        allow_nonfinite: Include spellings of NaN, sNaN and the infinities.
        near_misses: Include texts that look like numbers but are not.

    Returns:
        The strategy.
    """
    values = decimals(
        places=places,
        min_value=min_value,
        max_value=max_value,
        outside=outside,
        allow_nonfinite=allow_nonfinite,
    )
    texts = values.flatmap(_spelt)
    if not near_misses:
        return texts
    return st.one_of(*[texts] * 7, st.sampled_from(_NEAR_MISSES))
