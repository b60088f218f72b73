"""Render a report as a self-contained HTML fragment, for notebooks and web front ends.

``render_html`` is a pure function of a report, ordered like the terminal view (what to
fix first, first) but listing every finding. Every piece of report text is escaped; the
only markup is this module's own.
"""

from __future__ import annotations

from html import escape

from autograder.report.model import CheckResult, CheckStatus, Finding, Report, ReportStatus
from autograder.report.text import LessonUrl, LineKind, lesson_place, message_lines
from autograder.report.triage import ordered_findings, to_fix, to_fix_counts

__all__ = ["render_html"]

_VERDICTS = {
    ReportStatus.PASSED: ("Passed", "#1a7f37"),
    ReportStatus.FAILED: ("Not yet", "#9a6700"),
    ReportStatus.ERROR: ("Could not grade", "#8250df"),
}
_ICONS = {
    CheckStatus.PASSED: "✔",
    CheckStatus.FAILED: "✘",
    CheckStatus.ERROR: "!",
    CheckStatus.SKIPPED: "-",
}
_LINE_COLOURS = {LineKind.REMOVED: "#cf222e", LineKind.ADDED: "#1a7f37", LineKind.HINT: "#6e7781"}


def render_html(report: Report, *, lesson_url: LessonUrl | None = None) -> str:
    """Build the HTML view of a report.

    Args:
        report: The report.
        lesson_url: Turns a lesson id into the URL of its book section, shown as a link;
            without it, the view says which chapter to open.

    Returns:
        One ``<section>`` element, safe to embed in any page.
    """
    word, colour = _VERDICTS[report.status]
    verdict = f'<span style="color:{colour}">{word}</span>'
    parts = [
        '<section class="kaizen-report">',
        f"<h3>{escape(report.title)} · {verdict} · {report.score}/{report.max_score}</h3>",
    ]
    if report.message:
        parts.append(
            f'<div class="kaizen-message" style="border-left:4px solid {colour};'
            f'padding-left:0.5em"><strong>Your submission could not be graded.</strong>'
            f"<pre>{escape(report.message)}</pre></div>"
        )
    if counts := to_fix_counts(report):
        summary = " · ".join(f"{count} {severity.value}" for severity, count in counts.items())
        parts.append(f"<p>To fix: {summary}</p>")
    for index, check in enumerate(to_fix(report)):
        parts.append(_check(check, lesson_url, is_open=index == 0))
    parts.append("</section>")
    return "\n".join(parts)


def _check(check: CheckResult, lesson_url: LessonUrl | None, *, is_open: bool) -> str:
    summary = f"{_ICONS[check.status]} <code>{escape(check.id)}</code> · {escape(check.title)}"
    body = [f"<pre>{_message(check.message)}</pre>"]
    if check.counterexample:
        body.append("<p><strong>The smallest input that shows it:</strong></p>")
        body.append(f"<pre>{escape(check.counterexample)}</pre>")
    if check.findings:
        items = "".join(f"<li>{_finding(finding)}</li>" for finding in ordered_findings(check))
        body.append(f"<ul>{items}</ul>")
    if check.lesson:
        body.append(f"<p>Learn more: {_lesson(check.lesson, lesson_url)}</p>")
    state = " open" if is_open else ""
    return f"<details{state}><summary>{summary}</summary>{''.join(body)}</details>"


def _message(message: str) -> str:
    lines = []
    for line in message_lines(message):
        text = escape(line.text)
        colour = _LINE_COLOURS.get(line.kind)
        lines.append(f'<span style="color:{colour}">{text}</span>' if colour else text)
    return "\n".join(lines)


def _finding(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    rule = escape(finding.rule)
    if finding.url:
        rule = f'<a href="{escape(finding.url)}">{rule}</a>'
    return (
        f"<code>{escape(where)}</code> <code>{rule}</code> "
        f"<em>{finding.severity.value}</em> {escape(finding.message)}"
    )


def _lesson(lesson: str, lesson_url: LessonUrl | None) -> str:
    if lesson_url is None:
        return f"{escape(lesson_place(lesson))} of the course book"
    url = escape(lesson_url(lesson))
    return f'<a href="{url}">{url}</a>'
