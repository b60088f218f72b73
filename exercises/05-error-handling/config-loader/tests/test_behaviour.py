"""Behaviour suite for the config-loader kata.

The legacy loader defines the behaviour: which texts load, to which values of which exact
types, and which are rejected with a ``ValueError``. The generators of ``config_domain``
draw from all that it accepts (every line boundary, Unicode whitespace and digits, case
lookalikes, every limit and one past it), so a refactor must accept and reject exactly the
same texts. On top of that the brief's own promises are properties: each error is one of
its exception classes, and its message names the offending key or quotes the bad line
that the legacy code reports first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, cast

from config_domain import (
    DURATION_LIMITS,
    KINDS,
    NUMBER_LIMITS,
    config_texts,
    duration_texts,
    host_of_length,
    plain_config_texts,
    recased,
    value_texts,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, rule

from autograder.testing import (
    LINE_BREAKS,
    WHITESPACE,
    CodeProxy,
    DifferentialMachine,
    Outcome,
    Raised,
    any_text,
    assert_same_behaviour,
    joined_lines,
    outcome,
    padded,
    run_machine,
)

BASE: Final = "[server]\nhost = api.example\n[database]\nhost = db.example\n"
"""The smallest text that loads: both required hosts."""

LEGACY_ERRORS: Final = {
    "bad config: cannot parse line: ": ("the line", "ConfigError"),
    "bad config: key outside of a section: ": ("the key", "ConfigError"),
    "bad config: empty key: ": ("the line", "ConfigError"),
    "bad config: duplicate key: ": ("the key", "ConfigError"),
    "bad config: invalid value for ": ("the key", "InvalidValueError"),
    "bad config: missing ": ("the key", "MissingKeyError"),
}
"""Each legacy message's start: what its rest names, and the brief's class for the error."""


def _legacy_error(raised: Raised) -> tuple[str, str, str]:
    """Read a legacy error: what it names (the key, the line), the culprit, the class.

    Raises:
        AssertionError: For a message of no known form (a broken kata: tell the author).
    """
    for start, (what, class_name) in LEGACY_ERRORS.items():
        if raised.message.startswith(start):
            return what, raised.message.removeprefix(start), class_name
    msg = f"the legacy code raised {raised.message!r}, of no known form (tell the course author)"
    raise AssertionError(msg)


def _mentions(message: str, culprit: str) -> bool:
    """Tell whether a message names a key or quotes a line, as written or as ``repr``.

    Case is ignored (``HOST`` names the key ``host``), and so is the quoting: plain,
    ``repr()`` with either kind of quotes, or the culprit inside a quoted line. A name
    must stand on its own: ``hostname`` does not name the key ``host``.
    """
    spellings = {culprit, repr(culprit)[1:-1], repr(culprit + "'\"")[1:-4]}
    text = message.casefold()
    for spelling in (spelling.casefold() for spelling in spellings):
        before = r"(?<!\w)" if re.match(r"\w", spelling) else ""
        after = r"(?!\w)" if re.search(r"\w\Z", spelling) else ""
        if re.search(before + re.escape(spelling) + after, text):
            return True
    return False


def _load_both(learner: CodeProxy, legacy: CodeProxy, text: str) -> tuple[Outcome, Outcome]:
    return outcome(learner.load_config, text), outcome(legacy.load_config, text)


def _with_setting(section: str, key: str, value: str) -> str:
    """The smallest text that loads, with one more setting (instead of the host it sets)."""
    text = BASE.replace(f"[{section}]\nhost = ", f"[{section}]\nkeep = ") if key == "host" else BASE
    return f"{text}[{section}]\n{key} = {value}\n"


def _assert_brief_error(got: Outcome, want: Outcome) -> None:
    """Assert an error is the brief's class and names the key or line rejected first."""
    if not isinstance(want, Raised) or not isinstance(got, Raised):
        return  # assert_same_behaviour compares which texts load
    what, culprit, class_name = _legacy_error(want)
    assert got.is_a(class_name), (
        f"rejecting {what} {culprit!r} ({want.message!r} in the legacy code), your code "
        f"raised {got.type_name}, which is not a {class_name}: raise the exception class "
        "the brief names for this mistake (every one derives from ConfigError)"
    )
    assert _mentions(got.message, culprit), (
        f"your error message {got.message!r} does not name {what} {culprit!r}, which the "
        f"legacy code rejects first ({want.message!r}): check the lines in order, each "
        "value as soon as its line is read, and put the key or the line in the message"
    )


SETTINGS: Final = st.one_of(
    *(
        st.tuples(st.just(section), st.just(key), value_texts(kind))
        for section, kinds in KINDS.items()
        for key, kind in kinds.items()
    )
)
"""A known key and a value of its kind: each limit and one past it, lookalikes, misses."""


@given(setting=SETTINGS)
def test_every_value_is_read_as_in_legacy(
    learner: CodeProxy, legacy: CodeProxy, setting: tuple[str, str, str]
) -> None:
    """Each value is read to the same typed value, or rejected, as in the legacy code."""
    assert_same_behaviour(*_load_both(learner, legacy, _with_setting(*setting)))


@given(text=st.one_of(config_texts(), config_texts(problems=0)))
def test_load_config_matches_legacy(learner: CodeProxy, legacy: CodeProxy, text: str) -> None:
    """Configs load to the same values and types, or fail, as in the legacy code."""
    assert_same_behaviour(*_load_both(learner, legacy, text))


@settings(max_examples=25)  # the breadth only: test_every_line_layout_as_in_legacy has the edges
@given(parts=st.lists(st.just(BASE) | joined_lines(any_text(max_size=12), max_size=4), max_size=3))
def test_any_text_loads_as_in_legacy(
    learner: CodeProxy, legacy: CodeProxy, parts: list[str]
) -> None:
    """Any text at all, from all of Unicode, is accepted or rejected as in the legacy code."""
    assert_same_behaviour(*_load_both(learner, legacy, "\n".join(parts)))


@given(value=st.one_of(padded(duration_texts()), any_text()))
def test_parse_duration_matches_legacy(learner: CodeProxy, legacy: CodeProxy, value: str) -> None:
    """parse_duration returns the very same float, or rejects the text, as the legacy code."""
    assert_same_behaviour(
        outcome(learner.parse_duration, value), outcome(legacy.parse_duration, value)
    )


def _number_edges(low: int, high: int) -> list[str]:
    """Each limit and one past it, and the spellings of a limit that ``int()`` reads."""
    top = str(high)
    arabic = "".join(chr(ord("\N{ARABIC-INDIC DIGIT ZERO}") + int(c)) for c in top)
    fullwidth = "".join(chr(ord("\N{FULLWIDTH DIGIT ZERO}") + int(c)) for c in str(low))
    spellings = [f"+{top}", f"0{top}", f"{top[0]}_{top[1:]}", arabic, fullwidth, f"-{low}"]
    return [*map(str, (low - 1, low, high, high + 1)), *spellings, "\N{SUPERSCRIPT TWO}", "0x1"]


_BOOL_EDGES: Final = (
    *("true", "TRUE", "Yes", "oN", "1", "False", "NO", "off", "0"),
    *("01", "+1", "00", "-0", "\N{ARABIC-INDIC DIGIT ONE}", "\N{FULLWIDTH DIGIT ZERO}"),
    *("y", "n", "2", "tru", "yes!", "\N{FULLWIDTH LATIN SMALL LETTER T}rue", "o\N{KELVIN SIGN}"),
)
_DURATION_EDGES: Final = (
    *("5MS", "5Ms", "5S", "5M", "5H", "05s", "5", "1ms"),
    *("\N{ARABIC-INDIC DIGIT FIVE}s", "\N{FULLWIDTH DIGIT FIVE}", "+5s", "-5s", "5 s"),
    *("1_0s", "1.5s", "5sec", "5d", "s", "", "0" * 4299 + "1s", "0" * 4301 + "1ms"),
)
_HOST_EDGES: Final = (
    *(host_of_length(n) for n in (252, 253, 254)),
    *(host_of_length(n, label) for n in (63, 64, 200) for label in (62, 63, 64)),
    *("-a.example", "a-.example", "a.-b", "a.b-", "a-b.c--d", "a", "1.2.3.4", "a.", "a..b"),
    *("API.Example", "\N{KELVIN SIGN}.example", "ho\N{LATIN SMALL LETTER LONG S}t", "a_b"),
    *(
        "b\N{LATIN SMALL LETTER U WITH DIAERESIS}cher.example",
        "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}.x",
    ),
)


def _edge_cases() -> list[tuple[str, str, str]]:
    """Every limit the legacy code applies, one past it, and the spellings around it."""
    cases = [
        (section, key, value)
        for section, key, kind in [
            ("server", "port", "port"),
            ("server", "workers", "workers"),
            ("database", "pool_size", "pool"),
        ]
        for value in _number_edges(*NUMBER_LIMITS[kind])
    ]
    cases += [("database", "port", str(n)) for n in (0, 1, 65535, 65536)]
    cases += [("server", "debug", value) for value in _BOOL_EDGES]
    for unit, most in DURATION_LIMITS.items():
        cases += [("database", "timeout", f"{n}{unit}") for n in (0, 1, most, most + 1)]
    cases += [("database", "timeout", value) for value in _DURATION_EDGES]
    return cases + [("server", "host", host) for host in _HOST_EDGES]


def test_every_limit_and_spelling_as_in_legacy(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Each limit, one past it, and each spelling around it is read as in the legacy code."""
    for section, key, value in _edge_cases():
        got, want = _load_both(learner, legacy, _with_setting(section, key, value))
        try:
            assert_same_behaviour(got, want)
        except AssertionError as error:
            raise AssertionError(f"[{section}] {key} = {value}: {error}") from None


def _layout_cases() -> list[str]:
    """Texts that differ from a valid one in one edge of the line syntax only.

    Every line boundary between the lines; every kind of whitespace around and inside a
    header, around a key and around a value; case and case lookalikes in names; lines
    that the legacy code rejects even in a section it ignores.
    """
    inline = [c for c in WHITESPACE if c not in "".join(LINE_BREAKS)]
    padded_lines = [
        f"{pad}[{pad}server{pad}]{pad}\n{pad}workers{pad}={pad}2{pad}" for pad in inline
    ]
    names = ["[SERVER]\nHOST = x", "[\N{LATIN SMALL LETTER LONG S}erver]\nworkers = 2"]
    names += [
        "[server]\nwor\N{KELVIN SIGN}ers = 2",
        "[server]\nho\N{LATIN SMALL LETTER LONG S}t = x",
    ]
    names += ["[server]\nDEBUG = on", "[Server]\nport=1", "[ server ]\nworkers=", "[server]\n=1"]
    names += ["[cache]\njunk", "[cache]\n= 1", "[]\nx = 1", "[[server]]\nport = 1", "[server"]
    return [
        *(BASE.replace("\n", end) for end in LINE_BREAKS),
        *(f"{BASE}{lines}\n" for lines in padded_lines + names),
        *(f"{line}\n{BASE}" for line in ("port = 1", "junk", "= 1")),
        BASE + "port 1",
    ]


def test_every_line_layout_as_in_legacy(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Every line boundary, whitespace and letter case in the syntax is read as in the legacy."""
    for text in _layout_cases():
        got, want = _load_both(learner, legacy, text)
        try:
            assert_same_behaviour(got, want)
        except AssertionError as error:
            raise AssertionError(f"load_config({text!r}) {error}") from None


FIRST_MISTAKES: Final = (
    f"{BASE}[server]\nport = 0\njunk",
    f"{BASE}[server]\nport = 0\nport = 1",
    f"{BASE}[server]\nworkers = 0\nport = 0",
    f"{BASE}[database]\ntimeout = 0s\n[server]\nworkers = 0",
    "[server]\n[database]\nhost = db\nport = 0",
    "[server]\nport = 70000\n",
    f"{BASE}junk\nport = 0",
)
"""Texts with two mistakes (or a bad value and a missing host): the first must be named."""


@given(
    text=config_texts(problems=3, least=2) | SETTINGS.map(lambda setting: _with_setting(*setting))
)
@example(text=FIRST_MISTAKES[0])
@example(text=FIRST_MISTAKES[1])
@example(text=FIRST_MISTAKES[2])
@example(text=FIRST_MISTAKES[3])
@example(text=FIRST_MISTAKES[4])
@example(text=FIRST_MISTAKES[5])
@example(text=FIRST_MISTAKES[6])
def test_errors_are_the_brief_classes_and_name_the_culprit(
    learner: CodeProxy, legacy: CodeProxy, text: str
) -> None:
    """Each error is the brief's class and names the key or quotes the line rejected first.

    The legacy code fails this test: its errors are plain ValueErrors, the defect to fix.
    """
    _assert_brief_error(*_load_both(learner, legacy, text))


IGNORED_NAMES: Final = recased(
    st.sampled_from(
        ("cache", "region", "ports", "hosts", "serv", "ho\N{LATIN SMALL LETTER LONG S}t")
    )
    | st.sampled_from(("\N{LATIN SMALL LETTER U WITH DIAERESIS}berwachung", "d b", "x.y"))
).filter(lambda name: name.lower() not in {*KINDS, *KINDS["server"]})
"""Names that no known section or key has, in any case; some look like a known one."""


@settings(max_examples=12)
@given(name=IGNORED_NAMES, kind=st.sampled_from(["section", "key"]))
def test_ignored_sections_and_keys_are_logged(learner: CodeProxy, name: str, kind: str) -> None:
    """An ignored section or key is logged (with logging, not print), naming it.

    The legacy code fails this test: it prints, the defect to fix.
    """
    line = f"[{name}]\nttl = 1" if kind == "section" else f"[server]\n{name} = 1"
    logged = cast(
        "Callable[[str], tuple[str, list[str]]]",
        learner.import_module("config_logs").load_config_logged,
    )
    ended, messages = logged(f"{BASE}{line}\n")
    assert ended == "returned", f"{BASE}{line!r} should load, but load_config raised {ended}"
    culprit = name.strip().lower()
    assert any(_mentions(message, culprit) for message in messages), (
        f"load_config ignored the unknown {kind} {culprit!r} and logged "
        f"{messages or 'nothing'}: log each ignored section and key with logging (e.g. "
        "logger.warning), naming it, so that whoever edits the file learns why it had no effect"
    )


class RepeatedCalls(DifferentialMachine):
    """Loads texts, loads them again and parses durations, in any order, in one process."""

    texts = Bundle("texts")

    @rule(target=texts, text=plain_config_texts())
    def load(self, text: str) -> str:
        """Load a new text."""
        self.call("load_config", text)
        return text

    @rule(text=texts, extra=st.sampled_from(["", "\n", "\n[cache]\nttl = 1\n"]))
    def load_again(self, text: str, extra: str) -> None:
        """Load a text seen before, maybe with a harmless addition."""
        self.call("load_config", text + extra)

    @rule(value=st.sampled_from(["1ms", "24h", "25h", "2 m", "90"]))
    def duration(self, value: str) -> None:
        """Parse a duration between the loads."""
        self.call("parse_duration", value)


def test_repeated_and_interleaved_calls_match_legacy(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Loading texts again and between durations gives what the legacy code gives: no state."""
    run_machine(RepeatedCalls, learner, legacy, steps=8, examples=6)
