"""Render a report for a terminal with rich: what to fix first, first.

``render_report`` is a pure function of a report: it returns a renderable and prints
nothing, so every front end with a rich console (the CLI, ``watch``) shows the same view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from autograder.report.model import (
    CheckResult,
    CheckStatus,
    Finding,
    Report,
    ReportStatus,
    Severity,
)
from autograder.report.text import LessonUrl, LineKind, lesson_place, message_lines
from autograder.report.triage import ordered_findings, to_fix, to_fix_counts

__all__ = ["render_report"]

_ICONS = {
    CheckStatus.PASSED: ("✔", "green"),
    CheckStatus.FAILED: ("✘", "red"),
    CheckStatus.ERROR: ("!", "magenta"),
    CheckStatus.SKIPPED: ("-", "yellow"),
}
_SEVERITY_STYLES = {
    Severity.ESSENTIAL: "bold red",
    Severity.ACTIONABLE: "yellow",
    Severity.INFORMATIVE: "blue",
}
_LINE_STYLES = {LineKind.REMOVED: "red", LineKind.ADDED: "green", LineKind.HINT: "dim"}
_FINDINGS_SHOWN_FIRST = 8
_FINDINGS_SHOWN_OTHERS = 3
_BAR_WIDTH = 30
_TITLE_FRAME = 6
"""Columns of a panel's top line that its title cannot use: corners, rules, padding."""
_ALL_HINT = "see them all with 'kaizen check --all'"
_BOOK_HINT = "open it with 'kaizen book --serve'"


def render_report(
    report: Report,
    *,
    next_step: str = "",
    show_all: bool = False,
    lesson_url: LessonUrl | None = None,
) -> RenderableType:
    """Build the terminal view of a report.

    Args:
        report: The report.
        next_step: A line on what to do next (e.g. how to get a hint), shown last.
        show_all: Show every finding of every check instead of the first few.
        lesson_url: Turns a lesson id into the URL of its book section, shown as a
            hyperlink; without it, the view says which chapter to open.

    Returns:
        A renderable for ``rich.console.Console.print``.
    """
    parts: list[RenderableType] = [_header(report)]
    if report.message:
        parts.extend([_fix_first_label(), _run_message(report.message)])
    if report.checks:
        parts.append(_summary(report))
    counts = to_fix_counts(report)
    if counts:
        parts.append(_counts_line(counts))
    for index, check in enumerate(to_fix(report)):
        first = index == 0 and not report.message
        if first:
            parts.append(_fix_first_label())
        limit = _FINDINGS_SHOWN_FIRST if first else _FINDINGS_SHOWN_OTHERS
        parts.append(_CheckPanel(check, _body(check, None if show_all else limit, lesson_url)))
    if next_step:
        parts.append(Text(next_step, style="bold"))
    return Group(*parts)


def _header(report: Report) -> RenderableType:
    verdicts = {
        ReportStatus.PASSED: ("PASSED", "bold green"),
        ReportStatus.FAILED: ("NOT YET", "bold yellow"),
        ReportStatus.ERROR: ("COULD NOT GRADE", "bold magenta"),
    }
    word, style = verdicts[report.status]
    filled = round(_BAR_WIDTH * report.score / report.max_score) if report.max_score else 0
    bar = Text("█" * filled, style="green") + Text("░" * (_BAR_WIDTH - filled), style="dim")
    line = Text.assemble((f"{report.title}  ", "bold"), (word, style), "   ", bar)
    line.append(f"  {report.score}/{report.max_score}")
    return line


def _fix_first_label() -> Text:
    return Text("Fix this first:", style="bold yellow")


def _run_message(message: str) -> RenderableType:
    title = Text("! Your submission could not be graded", style="bold magenta")
    return Panel(Text(message), title=title, title_align="left", border_style="magenta")


def _summary(report: Report) -> RenderableType:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("category")
    table.add_column("checks", justify="right")
    table.add_column("points", justify="right")
    table.add_column("")
    by_category: dict[str, list[CheckResult]] = defaultdict(list)
    for check in report.checks:
        by_category[check.category].append(check)
    for category, checks in by_category.items():
        passed = sum(check.status is CheckStatus.PASSED for check in checks)
        icon, style = _ICONS[CheckStatus.PASSED if passed == len(checks) else CheckStatus.FAILED]
        table.add_row(
            category,
            f"{passed}/{len(checks)}",
            f"{sum(c.score for c in checks)}/{sum(c.max_score for c in checks)}",
            Text(icon, style=style),
        )
    return table


def _counts_line(counts: dict[Severity, int]) -> Text:
    line = Text("To fix: ")
    for index, (severity, count) in enumerate(counts.items()):
        if index:
            line.append(" · ")
        line.append(f"{count} {severity.value}", style=_SEVERITY_STYLES[severity])
    return line


def _body(check: CheckResult, limit: int | None, lesson_url: LessonUrl | None) -> tuple[Text, ...]:
    body = [
        Text(line.text, style=_LINE_STYLES.get(line.kind, ""))
        for line in message_lines(check.message)
    ]
    if check.counterexample:
        body.append(Text("\nThe smallest input that shows it:", style="bold"))
        body.append(Text(check.counterexample, style="cyan"))
    findings = ordered_findings(check)
    shown = findings if limit is None else findings[:limit]
    body.extend(_finding_line(finding) for finding in shown)
    if hidden := len(findings) - len(shown):
        body.append(Text(f"… and {hidden} more: {_ALL_HINT}", style="dim"))
    if check.lesson:
        body.append(_lesson_line(check.lesson, lesson_url))
    return tuple(body)


def _finding_line(finding: Finding) -> Text:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    rule_style = Style.parse(_SEVERITY_STYLES[finding.severity])
    if finding.url:
        rule_style += Style(link=finding.url)
    return Text.assemble((f"{where}  ", "bold"), (finding.rule, rule_style), "  ", finding.message)


def _lesson_line(lesson: str, lesson_url: LessonUrl | None) -> Text:
    if lesson_url is None:
        return Text(f"Learn more in the book: {lesson_place(lesson)} ({_BOOK_HINT})", style="dim")
    url = lesson_url(lesson)
    return Text.assemble(("Learn more: ", "dim"), (url, Style(link=url, underline=True)))


@dataclass(frozen=True, slots=True)
class _CheckPanel:
    """A check's panel whose title keeps the check id whole at any width.

    The title is the id first, then the check's title, shortened with an ellipsis to fit;
    when even the id does not fit, the id moves to the first line of the panel.
    """

    check: CheckResult
    body: tuple[Text, ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        icon, style = _ICONS[self.check.status]
        room = options.max_width - _TITLE_FRAME
        title = Text.assemble((f"{icon} ", style), overflow="ellipsis", no_wrap=True)
        body = self.body
        if title.cell_len + cell_len(self.check.id) <= room:
            title.append(self.check.id, style="bold")
            title.append(f" · {self.check.title}")
        else:
            title.append(self.check.title)
            body = (Text(self.check.id, style="bold"), *body)
        yield Panel(Group(*body), title=title, title_align="left", border_style=style)
