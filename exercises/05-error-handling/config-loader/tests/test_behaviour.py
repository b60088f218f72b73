"""Behaviour suite for the config-loader kata.

The legacy loader defines the behaviour: which texts load, to which typed values, and
which are rejected with a ValueError. A refactor may raise more specific ValueError
subclasses with better messages, but must accept and reject exactly the same texts.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from autograder.testing import Raised, Returned, assert_same_behaviour, outcome

SERVER_KEYS = ("host", "port", "debug", "workers")
DATABASE_KEYS = ("host", "port", "timeout", "pool_size")

VALID_DURATIONS = st.builds(
    "{}{}".format,
    st.integers(1, 90),
    st.sampled_from(["", "ms", "s", "m", "h", "MS", "S", "M"]),
)
VALID_VALUES = {
    "host": st.sampled_from(
        ["checkout.shop.example", "DB-1.Internal", "localhost", "10.0.0.7", "a" * 63]
    ),
    "port": st.integers(1, 65535).map(str),
    "debug": st.sampled_from(["true", "YES", "On", "1", "False", "no", "OFF", "0"]),
    "workers": st.integers(1, 64).map(str),
    "timeout": VALID_DURATIONS,
    "pool_size": st.integers(1, 100).map(str),
}
TRICKY_NUMBERS = st.one_of(
    st.integers(-3, 70_000).map(str),
    st.sampled_from(["", "0", "+80", "-1", "8 0", "0x50", "eighty", "8.0", "007"]),
)
TRICKY_VALUES = {
    "host": st.one_of(
        st.text(alphabet="aZ9-._", max_size=8),
        st.sampled_from(["-bad.example", "bad-.example", "a..b", "x.", "a" * 64, ""]),
    ),
    "port": TRICKY_NUMBERS,
    "debug": st.sampled_from(["y", "n", "2", "", "tru", "enabled", "TRUE", "oFf"]),
    "workers": TRICKY_NUMBERS,
    "timeout": st.one_of(
        st.builds(
            "{}{}".format,
            st.integers(0, 100_000),
            st.sampled_from(["", "ms", "s", "m", "h", "d", "sec", " s"]),
        ),
        st.sampled_from(["86400", "86401", "1440m", "24h", "25h", "1.5s", "-1s", ""]),
    ),
    "pool_size": TRICKY_NUMBERS,
}
KEY_SPELLINGS = st.sampled_from([str.lower, str.upper, str.title])
LINE_LAYOUTS = st.sampled_from(["{} = {}", "{}={}", "  {}   =\t{}  "])
DROP_BELOW = dict.fromkeys(VALID_VALUES, 4) | {"host": 1}


@st.composite
def _section_lines(
    draw: st.DrawFn, name: str, keys: tuple[str, ...], tricky_key: str | None
) -> list[str]:
    """Draw the lines of one section: a header, some settings, maybe noise."""
    lines = ["[" + draw(KEY_SPELLINGS)(name) + "]"]
    # The required host is left out 1 time in 12, every other key 1 time in 3.
    chosen = [key for key in keys if draw(st.integers(0, 11)) >= DROP_BELOW[key]]
    for key in draw(st.permutations(chosen)):
        values = TRICKY_VALUES if key == tricky_key else VALID_VALUES
        value = draw(values[key])
        lines.append(draw(LINE_LAYOUTS).format(draw(KEY_SPELLINGS)(key), value))
    noise = ["# managed by ops", "; legacy comment", "", "region = eu-west-1"]
    lines.extend(draw(st.lists(st.sampled_from(noise), max_size=2)))
    return lines


@st.composite
def config_texts(draw: st.DrawFn) -> str:
    """Draw a config text: mostly valid, with at most one tricky value per section."""
    tricky = draw(st.none() | st.sampled_from([*SERVER_KEYS, "timeout", "pool_size"]))
    sections = [
        draw(_section_lines("server", SERVER_KEYS, tricky)),
        draw(_section_lines("database", DATABASE_KEYS, tricky)),
    ]
    if draw(st.booleans()):
        sections.append(["[cache]", "ttl = " + draw(VALID_DURATIONS)])
    ordered = draw(st.permutations(sections))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(line for section in ordered for line in section)


BASE_CONFIG = "[server]\nhost = api.example\n[database]\nhost = db.example\n"
LINE_FRAGMENTS = st.sampled_from(
    [
        "[server]",
        "[DataBase]",
        "[cache]",
        "[]",
        "[server",
        "host = api.example",
        "HOST=db.example",
        "host = a=b",
        "port = 8080",
        "port = 99999",
        "timeout = 5m",
        "timeout = 0s",
        "debug = maybe",
        "debug = on",
        "workers = 8",
        "pool_size = 0",
        "ttl = 30",
        "= 5",
        "just some words",
        "# comment",
        "; note",
        "",
    ]
)


def _raised(result: Returned | Raised, what: str) -> Raised:
    """Return the exception of a call that must have raised a ValueError."""
    assert isinstance(result, Raised), f"{what}: expected a ValueError, got {result}"
    assert result.is_a("ValueError"), (
        f"{what}: raised {result.type_name}, which is not a ValueError (subclass)"
    )
    return result


@given(config_texts())
def test_load_config_matches_legacy(learner, legacy, text):
    """Loading a realistic config gives the same values or error type as the legacy."""
    assert_same_behaviour(
        outcome(learner.load_config, text), outcome(legacy.load_config, text)
    )


@given(st.sampled_from(["", "before", "after"]), st.lists(LINE_FRAGMENTS, max_size=10))
def test_any_mix_of_lines_matches_legacy(learner, legacy, base, lines):
    """Any mix of headers, settings, comments and junk lines behaves as in the legacy."""
    text = "\n".join(lines)
    if base:
        text = BASE_CONFIG + text if base == "before" else text + "\n" + BASE_CONFIG
    assert_same_behaviour(
        outcome(learner.load_config, text), outcome(legacy.load_config, text)
    )


@given(
    st.one_of(
        TRICKY_VALUES["timeout"],
        st.text(alphabet="0123456789msh MS.+-", max_size=8),
    )
)
def test_parse_duration_matches_legacy(learner, legacy, value):
    """parse_duration returns the same seconds, or raises the same error type."""
    assert_same_behaviour(
        outcome(learner.parse_duration, value), outcome(legacy.parse_duration, value)
    )


def test_minimal_config_gets_defaults(learner):
    """A config with only the two hosts gets every other setting from the defaults."""
    result = learner.load_config(BASE_CONFIG)
    expected = {
        "server": {"host": "api.example", "port": 8080, "debug": False, "workers": 4},
        "database": {
            "host": "db.example",
            "port": 5432,
            "timeout": 30.0,
            "pool_size": 10,
        },
    }
    assert result == expected, f"expected the defaults {expected}, got {result}"
    timeout = result["database"]["timeout"]
    assert type(timeout) is float, f"timeout must be a float, got {timeout!r}"


def test_durations_are_seconds(learner):
    """Durations accept ms, s, m and h (seconds by default) from 1ms up to 24h."""
    cases = {"500ms": 0.5, "45": 45.0, " 2M ": 120.0, "24h": 86400.0, "1ms": 0.001}
    for text, seconds in cases.items():
        got = learner.parse_duration(text)
        assert got == seconds, (
            f"parse_duration({text!r}) should be {seconds}, got {got}"
        )
    for text in ["0s", "25h", "1.5s", "10 s", "5d", ""]:
        _raised(outcome(learner.parse_duration, text), f"parse_duration({text!r})")


def test_boolean_spellings(learner):
    """debug accepts true/false, yes/no, on/off and 1/0 in any letter case."""
    for word, flag in [("Yes", True), ("on", True), ("1", True), ("OFF", False)]:
        config = learner.load_config(BASE_CONFIG + f"[server]\ndebug = {word}\n")
        got = config["server"]["debug"]
        assert got is flag, f"debug = {word} should give {flag}, got {got!r}"
    broken = BASE_CONFIG + "[server]\ndebug = enabled\n"
    _raised(outcome(learner.load_config, broken), "debug = enabled")


def test_hostnames_are_lowercased_and_checked(learner):
    """Hostnames come back in lower case; malformed ones are rejected."""
    config = learner.load_config(
        "[server]\nhost = API.Shop.Example\n[database]\nhost=db"
    )
    got = config["server"]["host"]
    assert got == "api.shop.example", f"expected 'api.shop.example', got {got!r}"
    longest = "a" * 63 + ".example"
    config = learner.load_config(f"[server]\nhost = {longest}\n[database]\nhost=db")
    assert config["server"]["host"] == longest, "a 63-character label is allowed"
    too_long = "a" * 64 + ".example"
    for host in ["-api.example", "api-.example", "api..example", "api_1", too_long]:
        text = f"[server]\nhost = {host}\n[database]\nhost = db\n"
        _raised(outcome(learner.load_config, text), f"host = {host}")


def test_unknown_sections_and_keys_are_ignored(learner):
    """Unknown sections and keys are skipped, but their lines must still be well-formed."""
    extra = "[server]\nregion = eu-west-1\n[cache]\nttl = banana\n"
    got = learner.load_config(BASE_CONFIG + extra)
    want = learner.load_config(BASE_CONFIG)
    assert got == want, f"unknown settings changed the result: {got} != {want}"
    for line in ["ttl 30", "= 30"]:
        text = BASE_CONFIG + "[cache]\n" + line + "\n"
        _raised(outcome(learner.load_config, text), f"line {line!r} in [cache]")


def test_numbers_at_their_limits(learner):
    """Ports run from 1 to 65535, workers from 1 to 64 and pool_size from 1 to 100."""
    limits = {
        ("server", "port"): (1, 65535),
        ("server", "workers"): (1, 64),
        ("database", "pool_size"): (1, 100),
    }
    for (section, key), (low, high) in limits.items():
        for number in (low, high):
            text = BASE_CONFIG + f"[{section}]\n{key} = {number}\n"
            got = learner.load_config(text)[section][key]
            assert got == number, (
                f"{key} = {number} should load as {number}, got {got!r}"
            )
        for number in (low - 1, high + 1):
            text = BASE_CONFIG + f"[{section}]\n{key} = {number}\n"
            _raised(outcome(learner.load_config, text), f"{key} = {number}")


def test_missing_key_error_names_the_key(learner):
    """A config without the database host raises a ValueError that names 'host'."""
    error = _raised(
        outcome(learner.load_config, "[server]\nhost = api\n[database]\nport = 5433\n"),
        "missing database host",
    )
    assert "host" in error.message, f"the message should name 'host': {error.message!r}"


def test_invalid_value_error_names_the_key(learner):
    """An out-of-range pool_size raises a ValueError whose message names the key."""
    text = BASE_CONFIG + "[database]\npool_size = 500\n"
    error = _raised(outcome(learner.load_config, text), "pool_size = 500")
    assert "pool_size" in error.message, (
        f"the message should name the key 'pool_size': {error.message!r}"
    )


def test_syntax_errors_quote_the_line(learner):
    """A malformed or repeated line raises a ValueError that quotes the culprit."""
    broken = "[server]\nhost = api\nport 8080\n[database]\nhost = db\n"
    error = _raised(outcome(learner.load_config, broken), "line 'port 8080'")
    assert "port 8080" in error.message, (
        f"the message should quote the line 'port 8080': {error.message!r}"
    )
    twice = "[server]\nhost = api\nworkers = 2\nworkers = 3\n[database]\nhost = db\n"
    error = _raised(outcome(learner.load_config, twice), "workers set twice")
    assert "workers" in error.message, (
        f"the message should name 'workers': {error.message!r}"
    )
    orphan = "timeout = 5s\n" + BASE_CONFIG
    error = _raised(outcome(learner.load_config, orphan), "a key before any [section]")
    assert "timeout" in error.message, (
        f"the message should name 'timeout': {error.message!r}"
    )
