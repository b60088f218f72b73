"""Strategies for text: all of Unicode, padded, in other cases, at limits, in lines."""

from __future__ import annotations

from typing import Final

from hypothesis import strategies as st

from autograder.behaviour.domains._characters import edge_characters, line_breaks, unicode_spaces

__all__ = [
    "any_text",
    "blank_variants",
    "case_variants",
    "joined_lines",
    "padded",
    "sized_text",
]

_MOST_PIECES: Final = 6


@st.composite
def _sprinkled(
    draw: st.DrawFn,
    base: st.SearchStrategy[str],
    pieces: st.SearchStrategy[str],
    *,
    insert: bool = False,
) -> str:
    """A text from ``base`` with a few ``pieces`` put in (or over characters) at random.

    Drawing the bulk natively and the edges apart is several times faster than drawing
    every character from a weighted mix, and the edges still occur in small examples.
    """
    text = draw(base)
    for piece in draw(st.lists(pieces, max_size=_MOST_PIECES)):
        if not (text or insert):
            break
        at = draw(st.integers(0, len(text) if insert else len(text) - 1))
        text = text[:at] + piece + text[at + (0 if insert else len(piece)) :]
    return text


def any_text(
    *, min_size: int = 0, max_size: int = 20, delimiters: str = ""
) -> st.SearchStrategy[str]:
    r"""Draw text from all of Unicode, with the edges that text-handling code trips on.

    Line boundaries (``"\r\n"`` too), Unicode whitespace and digits, ``CASE_SPECIALS``, and
    each delimiter with whitespace of any kind, or none, on either side (``" ;\t"``).

    Catches: alphabet slips (a pattern, split or strip narrower or wider than the
    legacy's), and ``split("; ")`` where the legacy split on ``";"`` and stripped.

    Args:
        min_size: Fewest characters.
        max_size: Most characters.
        delimiters: Characters the code under test splits on, each drawn padded.

    Returns:
        The strategy.
    """
    base = st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size)
    pieces = [edge_characters(spaces=True), edge_characters(spaces=True), line_breaks()]
    if delimiters:
        pieces.append(padded(st.sampled_from(delimiters)))
    return _sprinkled(base, st.one_of(*pieces), insert=True).map(lambda text: text[:max_size])


def blank_variants() -> st.SearchStrategy[str]:
    r"""Draw a string that is empty once stripped: ``""``, ``" "``, ``"\u3000\r\n"``...

    Catches: ``if not text`` where the legacy tested ``if not text.strip()``, and
    ``== " "`` checks for blank input.

    Returns:
        The strategy.
    """
    return st.lists(unicode_spaces(), max_size=4).map("".join)


def padded(
    strategy: st.SearchStrategy[str], *, spaces: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    """Draw values of ``strategy`` with whitespace of any kind, or none, before and after.

    Catches: stripping too little, too much or at the wrong moment (cutting to a limit
    before stripping, stripping ASCII spaces only).

    Args:
        strategy: The strings to pad.
        spaces: One whitespace character per draw; ``unicode_spaces()`` by default.

    Returns:
        The strategy.
    """
    run = st.lists(unicode_spaces() if spaces is None else spaces, max_size=3).map("".join)
    return st.tuples(run, strategy, run).map("".join)


def case_variants(text: str) -> st.SearchStrategy[str]:
    """Draw ``text`` in another case: lower, upper, casefolded, title, swapped or mixed.

    Most telling on ``CASE_SPECIALS``: ``"ß".upper()`` is ``"SS"``, and ``"ﬂ".lower()``
    stays ``"ﬂ"`` where ``casefold()`` gives ``"fl"``.

    Catches: ``casefold()`` where the legacy used ``lower()`` (or the reverse), and a
    case-sensitive comparison where the legacy ignored case.

    Args:
        text: The text to vary.

    Returns:
        The strategy.
    """
    whole = [text, text.lower(), text.upper(), text.casefold(), text.title(), text.swapcase()]
    mixed = st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda ups: "".join(c.upper() if up else c.lower() for c, up in zip(text, ups, strict=True))
    )
    return st.one_of(st.sampled_from(whole), mixed)


def sized_text(
    limit: int, *, characters: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    """Draw text of length ``limit - 1``, ``limit``, ``limit + 1``, 0, 1, far past, or any.

    Catches: limit slips: ``<`` for ``<=``, ``[: limit - 1]``, and limits that no
    convenient generator ever reaches.

    Args:
        limit: The length the brief states ("memos are cut to 40 characters").
        characters: One character per draw; by default ``any_character(spaces=False)``, so
            that ``strip()`` never shortens a text drawn at the limit (wrap the result in
            ``padded()`` to add whitespace around it).

    Returns:
        The strategy.
    """
    # Each edge has branches of its own: within one run, hypothesis mutates earlier
    # examples, so an edge that is one value of a sampled_from can be missed altogether.
    at, past, before = st.just(limit), st.just(limit + 1), st.just(max(limit - 1, 0))
    others = st.sampled_from(sorted({0, 1, 2 * limit + 1}))
    sizes = st.one_of(at, past, before, at, past, others, st.integers(0, 2 * limit + 2))
    if characters is not None:
        return sizes.flatmap(lambda n: st.text(characters, min_size=n, max_size=n))
    visible = st.characters(exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"])
    edges = edge_characters(spaces=False)
    return sizes.flatmap(lambda n: _sprinkled(st.text(visible, min_size=n, max_size=n), edges))


def joined_lines(
    lines: st.SearchStrategy[str], *, min_size: int = 1, max_size: int = 6
) -> st.SearchStrategy[str]:
    r"""Draw values of ``lines`` joined by line boundaries of every kind.

    Each gap gets its own boundary (``"\n"``, ``"\r\n"``, ``"\x85"``, ``"\u2028"``...), and
    the text ends with one or not.

    Catches: ``split("\n")`` for ``splitlines()``, a last line without a line break that
    is dropped, and ``"\r"`` left at the end of each line.

    Args:
        lines: One line (it may hold line boundaries of its own: that is the domain too).
        min_size: Fewest lines.
        max_size: Most lines.

    Returns:
        The strategy.
    """
    ended = st.tuples(lines, line_breaks()).map("".join)
    first = st.lists(ended, min_size=max(min_size - 1, 0), max_size=max(max_size - 1, 0))
    last = st.one_of(lines, ended) if min_size else st.one_of(lines, ended, st.just(""))
    return st.tuples(first.map("".join), last).map("".join)
