"""Render a report for a terminal with rich: the first thing to fix first."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from autograder.report.model import CheckResult, CheckStatus, Finding, Report, ReportStatus

__all__ = ["render_report"]

_ICONS = {
    CheckStatus.PASSED: ("✔", "green"),
    CheckStatus.FAILED: ("✘", "red"),
    CheckStatus.ERROR: ("!", "magenta"),
    CheckStatus.SKIPPED: ("-", "yellow"),
}
_FINDINGS_SHOWN_FIRST = 8
_FINDINGS_SHOWN_OTHERS = 3
_BAR_WIDTH = 30


def render_report(report: Report, *, next_step: str = "") -> RenderableType:
    """Build the terminal view of a report.

    Args:
        report: The report.
        next_step: A line on what to do next (e.g. how to get a hint), shown last.

    Returns:
        A renderable for ``rich.console.Console.print``.
    """
    parts: list[RenderableType] = [_header(report), _summary(report)]
    failing = report.failing()
    if failing:
        parts.append(_detail(failing[0], _FINDINGS_SHOWN_FIRST, first=True))
        parts.extend(_detail(check, _FINDINGS_SHOWN_OTHERS, first=False) for check in failing[1:])
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


def _detail(check: CheckResult, shown: int, *, first: bool) -> RenderableType:
    icon, style = _ICONS[check.status]
    body: list[RenderableType] = [Text(check.message)]
    if check.counterexample:
        body.append(Text("\nThe smallest input that shows it:", style="bold"))
        body.append(Text(check.counterexample, style="cyan"))
    body.extend(_finding_line(finding) for finding in check.findings[:shown])
    hidden = len(check.findings) - shown
    if hidden > 0:
        body.append(Text(f"… and {hidden} more", style="dim"))
    body.append(Text(f"Learn more: book/{check.lesson}", style="dim"))
    title = Text.assemble((f"{icon} ", style), (check.title, "bold"), f"  [{check.id}]")
    if first:
        title = Text.assemble(("Fix this first: ", "bold yellow"), title)
    return Panel(Group(*body), title=title, title_align="left", border_style=style)


def _finding_line(finding: Finding) -> Text:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    return Text.assemble((f"{where}  ", "bold"), (f"{finding.rule}  ", "magenta"), finding.message)
