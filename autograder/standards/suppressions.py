"""Find suppression comments, judge whether each is justified, and neutralise them.

Suppressions never silence a graded check: the tools run on a copy of the learner's code in
which every directive has been defused (``noqa`` becomes ``no_a``, and so on), keeping
every line and column where it was. A suppression without a rule code and a reason is
also reported as a finding of its own.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from enum import StrEnum

from autograder.report.model import Finding
from autograder.submission import SourceFile

__all__ = ["Suppression", "SuppressionKind", "find_suppressions", "neutralise", "unjustified"]

_MIN_REASON_CHARS = 8
_SEPARATORS = " \t-:#\u2013\u2014"  # spaces, hyphen, colon, hash, en and em dashes


class SuppressionKind(StrEnum):
    """Which tool a suppression speaks to."""

    LINT = "lint"  # ruff / flake8: noqa, and isort: skip
    TYPE = "type"  # mypy / pyright
    FORMAT = "format"  # ruff format / black: fmt: off / skip


@dataclass(frozen=True, slots=True)
class Suppression:
    """One suppression directive in a comment.

    Attributes:
        kind: The tool it speaks to.
        line: 1-based line.
        column: 1-based column of the comment.
        text: The directive as written.
        justified: Whether it names rule codes and gives a reason.
        whole_file: Whether it silences a whole file (never justified).
        problem: What is wrong with it unless it is justified, and what to do.
    """

    kind: SuppressionKind
    line: int
    column: int
    text: str
    justified: bool
    whole_file: bool
    problem: str


_UNEXPLAINED = (
    "has no rule code and reason: fix the finding, or name the code and say why it cannot be fixed"
)
_WHOLE_FILE = "silences a whole file: remove it and fix the findings"


@dataclass(frozen=True, slots=True)
class _Directive:
    kind: SuppressionKind
    pattern: re.Pattern[str]
    whole_file: bool
    defuse: tuple[str, str]  # a word of the directive, and what it becomes (same length)
    problem: str


_DIRECTIVES = (
    _Directive(
        SuppressionKind.LINT,
        re.compile(r"#\s*(?:ruff|flake8)\s*:\s*noqa\b.*", re.IGNORECASE),
        whole_file=True,
        defuse=("noqa", "no_a"),
        problem=_WHOLE_FILE,
    ),
    _Directive(
        SuppressionKind.LINT,
        re.compile(
            r"#\s*noqa\b(?::\s*(?P<codes>[A-Z]+\d+(?:[,\s]+[A-Z]+\d+)*))?(?P<rest>.*)",
            re.IGNORECASE,
        ),
        whole_file=False,
        defuse=("noqa", "no_a"),
        problem=_UNEXPLAINED,
    ),
    _Directive(  # isort's directives, which ruff's I001 honours: they name no rule
        SuppressionKind.LINT,
        re.compile(r"#\s*(?:ruff\s*:\s*)?isort\s*:\s*(?:skip_file|skip|off)\b.*"),
        whole_file=False,
        defuse=("isort", "isor_"),
        problem="stops import sorting: remove it and let 'ruff check --fix' sort the imports",
    ),
    _Directive(
        SuppressionKind.TYPE,
        re.compile(r"#\s*type\s*:\s*ignore\b(?:\[(?P<codes>[^\]]*)\])?(?P<rest>.*)"),
        whole_file=False,
        defuse=("type", "typ_"),
        problem=_UNEXPLAINED,
    ),
    _Directive(
        SuppressionKind.TYPE,
        re.compile(r"#\s*(?:mypy|pyright|pyre)\s*:.*"),
        whole_file=True,
        defuse=(":", "_"),
        problem=_WHOLE_FILE,
    ),
    _Directive(
        SuppressionKind.FORMAT,
        re.compile(r"#\s*(?:fmt|yapf)\s*:\s*(?:off|skip|disable)\b.*"),
        whole_file=False,
        defuse=(":", "_"),
        problem="hides code from the formatter: remove it and let 'ruff format' lay out the code",
    ),
)


def _comments(text: str) -> list[tokenize.TokenInfo]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [token for token in tokens if token.type == tokenize.COMMENT]


def _segments(comment: str) -> list[tuple[int, str]]:
    """Split ``# a  # b`` into ``[(0, "# a  "), (5, "# b")]``: one directive per segment."""
    starts = [index for index, char in enumerate(comment) if char == "#"]
    ends = [*starts[1:], len(comment)]
    return [(start, comment[start:end]) for start, end in zip(starts, ends, strict=True)]


def _justified(match: re.Match[str], after: str) -> bool:
    """A justified directive names its codes and then says why, in its own comment or the next."""
    codes = match.groupdict().get("codes")
    rest = ((match.groupdict().get("rest") or "") + after).strip(_SEPARATORS)
    return bool(codes) and len(rest) >= _MIN_REASON_CHARS and any(c.isalpha() for c in rest)


def find_suppressions(text: str) -> tuple[Suppression, ...]:
    """List every suppression directive in a module's comments.

    Args:
        text: The module's source.

    Returns:
        The suppressions, in source order.
    """
    found: list[Suppression] = []
    for token in _comments(text):
        for offset, segment in _segments(token.string):
            after = token.string[offset + len(segment) :]
            for directive in _DIRECTIVES:
                match = directive.pattern.match(segment)
                if match is None:
                    continue
                found.append(
                    Suppression(
                        kind=directive.kind,
                        line=token.start[0],
                        column=token.start[1] + offset + 1,
                        text=segment.strip(),
                        justified=not directive.whole_file and _justified(match, after),
                        whole_file=directive.whole_file,
                        problem=directive.problem,
                    )
                )
                break
    return tuple(found)


def neutralise(text: str) -> str:
    """Defuse every directive, keeping every line and column in place.

    Args:
        text: The module's source.

    Returns:
        The same source, in which no tool will honour a suppression.
    """
    lines = io.StringIO(text).readlines()  # split where tokenize does: at "\n" only
    for token in _comments(text):
        row, column = token.start
        comment = token.string
        for offset, segment in _segments(comment):
            directive = next((d for d in _DIRECTIVES if d.pattern.match(segment)), None)
            if directive is not None:
                old, new = directive.defuse
                fixed = re.sub(re.escape(old), new, segment, count=1, flags=re.IGNORECASE)
                comment = comment[:offset] + fixed + comment[offset + len(segment) :]
        line = lines[row - 1]
        lines[row - 1] = line[:column] + comment + line[column + len(token.string) :]
    return "".join(lines)


def unjustified(source: SourceFile, kinds: frozenset[SuppressionKind]) -> tuple[Finding, ...]:
    """Report each suppression of the given kinds that is not justified.

    Args:
        source: The module.
        kinds: The kinds to judge.

    Returns:
        One ``KZ-SUPPRESSION`` finding per unjustified suppression, in source order.
    """
    return tuple(
        Finding(
            rule="KZ-SUPPRESSION",
            path=source.path,
            line=suppression.line,
            column=suppression.column,
            message=f"'{suppression.text}' {suppression.problem}",
        )
        for suppression in find_suppressions(source.text)
        if suppression.kind in kinds and not suppression.justified
    )
