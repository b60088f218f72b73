"""The report: its model, its JSON form, and how the terminal and HTML views show it."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from autograder.report.html import render_html
from autograder.report.model import (
    SCHEMA_VERSION,
    CheckResult,
    CheckStatus,
    Finding,
    Report,
    ReportStatus,
    Sandbox,
    Severity,
    Timing,
)
from autograder.report.render import render_report
from autograder.report.serialize import report_from_json, report_schema, report_to_json
from autograder.report.text import LineKind, lesson_place, message_lines
from autograder.report.triage import check_severity, ordered_findings, to_fix, to_fix_counts
from tests.conftest import REPO

GOLDEN = Path(__file__).resolve().parent / "golden"
BOOK = "https://book.example/kaizen"
DIFF_MESSAGE = (
    "returned a different dict than the legacy code:\n"
    "- {'total': Decimal('1.02')}\n"
    "?                      ^\n"
    "+ {'total': Decimal('1.01')}"
)


def _book_url(lesson: str) -> str:
    chapter, _, section = lesson.partition("#")
    return f"{BOOK}/{chapter}.html" + (f"#{section}" if section else "")


def finding(rule: str = "E501", severity: Severity = Severity.ACTIONABLE, line: int = 1) -> Finding:
    return Finding(
        rule=rule, path="m.py", line=line, column=1, message=f"fix {rule}", severity=severity
    )


def check(
    check_id: str = "style.lint",
    *,
    status: CheckStatus = CheckStatus.FAILED,
    title: str = "Clean code",
    message: str = "Some places to fix.",
    findings: tuple[Finding, ...] = (),
) -> CheckResult:
    return CheckResult(
        id=check_id,
        category=check_id.partition(".")[0],
        title=title,
        status=status,
        score=0,
        max_score=5,
        message=message,
        lesson="04-type-hints#annotations",
        findings=findings,
    )


def report(
    *checks: CheckResult, status: ReportStatus = ReportStatus.FAILED, message: str = ""
) -> Report:
    return Report(
        schema_version=SCHEMA_VERSION,
        kata="k",
        title="A kata",
        status=status,
        message=message,
        score=0,
        max_score=100,
        sandbox=Sandbox(mechanism="bwrap", isolated=True, note="n"),
        checks=checks,
        timing=Timing(total_seconds=1.5),
    )


def terminal(renderable: RenderableType, *, ansi: bool = False, width: int = 80) -> str:
    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=ansi, color_system="truecolor" if ansi else None
    )
    console.print(renderable)
    return out.getvalue()


def line_styles(renderable: RenderableType, needle: str) -> set[str]:
    """The colours of every piece of text on the rendered lines that contain ``needle``."""
    console = Console(width=100, color_system="truecolor", force_terminal=True)
    colours: set[str] = set()
    for line in console.render_lines(renderable, pad=False):
        if needle in "".join(segment.text for segment in line):
            colours |= {
                s.style.color.name for s in line if s.style and s.style.color and needle in s.text
            }
    return colours


# -- model and JSON ------------------------------------------------------------------------


def test_the_published_schema_is_the_models_schema() -> None:
    published = json.loads((REPO / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    assert published == report_schema(), (
        "regenerate it: kaizen dev schema > docs/report-schema.json"
    )
    assert published["title"].endswith(f"schema version {SCHEMA_VERSION}")


def test_the_contract_fields_are_in_the_schema_and_the_dead_ones_are_gone() -> None:
    schema = report_schema()
    assert {"schema_version", "kata", "status", "score", "max_score", "checks"} <= set(
        schema["required"]
    )
    assert "message" in schema["properties"]
    check_schema = schema["$defs"]["CheckResult"]
    assert {"id", "category", "status", "score", "max_score", "message"} <= set(
        check_schema["required"]
    )
    assert "required" not in check_schema["properties"]
    assert set(schema["$defs"]["Timing"]["properties"]) == {"total_seconds"}


def test_a_run_level_message_belongs_to_an_error_report_only() -> None:
    assert report(status=ReportStatus.ERROR, message="syntax error, line 2").message
    with pytest.raises(ValueError, match="cannot carry a run-level message"):
        report(status=ReportStatus.FAILED, message="syntax error, line 2")
    text = report_to_json(report(status=ReportStatus.ERROR, message="m")).replace(
        '"error"', '"failed"'
    )
    with pytest.raises(ValueError, match="cannot carry a run-level message"):
        report_from_json(text)


def test_a_report_of_another_schema_version_is_refused_with_what_to_do() -> None:
    text = report_to_json(report()).replace(f'"{SCHEMA_VERSION}"', '"1.0"', 1)
    with pytest.raises(ValueError, match=r"schema version 1\.0.*grade the submission again"):
        report_from_json(text)


_texts = st.text(max_size=20)
_findings = st.builds(
    Finding, rule=_texts, path=_texts, line=st.integers(0, 999), column=st.integers(0, 99),
    message=_texts, severity=st.sampled_from(Severity), url=_texts, lesson=_texts,
)  # fmt: skip
_checks = st.builds(
    CheckResult, id=_texts, category=_texts, title=_texts, status=st.sampled_from(CheckStatus),
    score=st.integers(0, 100), max_score=st.integers(0, 100), message=_texts, lesson=_texts,
    checklist=st.tuples(_texts), findings=st.lists(_findings, max_size=3).map(tuple),
    counterexample=_texts,
)  # fmt: skip


@given(
    checks=st.lists(_checks, max_size=4).map(tuple),
    status=st.sampled_from(ReportStatus),
    message=_texts,
    seconds=st.floats(0, 1e6, allow_nan=False),
)
def test_every_report_survives_the_json_round_trip(
    checks: tuple[CheckResult, ...], status: ReportStatus, message: str, seconds: float
) -> None:
    original = Report(
        schema_version=SCHEMA_VERSION, kata="k", title="t", status=status,
        message=message if status is ReportStatus.ERROR else "", score=1, max_score=2,
        sandbox=Sandbox(mechanism="process", isolated=False, note="n"), checks=checks,
        timing=Timing(total_seconds=seconds),
    )  # fmt: skip
    assert report_from_json(report_to_json(original)) == original


def test_golden_reports_round_trip_through_the_model() -> None:
    for path in sorted(GOLDEN.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["timing"] = {"total_seconds": 1.0}
        data["sandbox"] = {"mechanism": "bwrap", "isolated": True, "note": "n"}
        parsed = report_from_json(json.dumps(data))
        assert parsed.schema_version == SCHEMA_VERSION
        assert json.loads(report_to_json(parsed)) == data, path


# -- what to fix first ---------------------------------------------------------------------


def test_severity_orders_the_checks_and_findings_and_drives_the_summary() -> None:
    lint = check("style.lint", findings=(finding("E501"), finding("F401")))
    mypy = check(
        "typing.mypy",
        findings=(
            finding("ANN001", line=3),
            finding("mypy-arg-type", Severity.ESSENTIAL, line=9),
            finding("note", Severity.INFORMATIVE, line=1),
        ),
    )
    behaviour = check("behaviour.test_totals")
    graded = report(lint, mypy, behaviour, check("docs.docstrings", status=CheckStatus.PASSED))
    assert [c.id for c in to_fix(graded)] == ["typing.mypy", "behaviour.test_totals", "style.lint"]
    assert [f.rule for f in ordered_findings(mypy)] == ["mypy-arg-type", "ANN001", "note"]
    assert check_severity(lint) is Severity.ACTIONABLE
    assert check_severity(behaviour) is Severity.ESSENTIAL, "a failure without places matters most"
    assert list(to_fix_counts(graded).items()) == [
        (Severity.ESSENTIAL, 2),
        (Severity.ACTIONABLE, 3),
        (Severity.INFORMATIVE, 1),
    ]
    assert to_fix_counts(report(check(status=CheckStatus.PASSED))) == {}


def test_only_a_block_with_both_sides_is_a_diff() -> None:
    kinds = [line.kind for line in message_lines(DIFF_MESSAGE)]
    assert kinds == [LineKind.TEXT, LineKind.REMOVED, LineKind.HINT, LineKind.ADDED]
    indented = "returned [...]\n  (- legacy, + yours)\n    [1,\n  -  2]\n  …\n  +  2,\n  +  3]"
    kinds = [line.kind for line in message_lines(indented)]
    assert kinds == [LineKind.TEXT] * 3 + [LineKind.REMOVED, LineKind.TEXT] + [LineKind.ADDED] * 2
    unified = "returned:\n  @@ -1,2 +1,2 @@\n  -{'a': 1,\n  +{'a': 2,\n    'b': 2}"
    kinds = [line.kind for line in message_lines(unified)]
    assert kinds == [LineKind.TEXT, LineKind.TEXT, LineKind.REMOVED, LineKind.ADDED, LineKind.TEXT]
    pytest_message = "assert 0 == 6\n +  where 0 = total([1, 2, 3])\n +    where total = m.total"
    bullets = "Fix these:\n- the first\n- the second\n\n+ one more\nrun it with --all\n++i"
    for text in (pytest_message, bullets):
        assert {line.kind for line in message_lines(text)} == {LineKind.TEXT}, text
        assert "\n".join(line.text for line in message_lines(text)) == text


def test_a_lesson_without_a_link_is_named_by_chapter_and_section() -> None:
    assert lesson_place("04-type-hints#annotations") == "chapter 04-type-hints, section annotations"
    assert lesson_place("03-clean-code") == "chapter 03-clean-code"


# -- the terminal view ---------------------------------------------------------------------


def test_a_panel_title_keeps_the_check_id_whole_at_80_columns() -> None:
    long_title = "Public modules, classes and functions have Google-style docstrings with Args"
    shown = terminal(render_report(report(check("docs.docstrings", title=long_title))))
    top = next(line for line in shown.splitlines() if line.startswith("╭"))
    assert "docs.docstrings" in top
    assert len(top) == 80
    assert top.endswith("…─╮"), "the title, not the id, is shortened"
    very_long_id = "behaviour.test_every_rounding_mode_matches_the_legacy_for_each_currency_euro"
    assert 80 - 6 - 2 < len(very_long_id) <= 80 - 4, "too long for the title, short for a line"
    shown = terminal(render_report(report(check(very_long_id, title=long_title))))
    assert very_long_id in shown, "an id too long for the title moves into the panel, whole"


def test_lesson_links_are_real_urls_shown_as_text_and_as_hyperlinks() -> None:
    view = render_report(report(check()), lesson_url=_book_url)
    url = f"{BOOK}/04-type-hints.html#annotations"
    assert f"Learn more: {url}" in terminal(view)
    assert re.search(rf"\x1b]8;[^;]*;{re.escape(url)}\x1b\\", terminal(view, ansi=True))
    without = terminal(render_report(report(check())))
    assert "chapter 04-type-hints, section annotations" in without
    assert "kaizen book" in without


def test_hidden_findings_say_how_to_see_them_and_show_all_lists_every_one() -> None:
    many = check(findings=tuple(finding(f"R{n:02}") for n in range(20)))
    shown = terminal(render_report(report(many)))
    assert "… and 12 more: see them all with 'kaizen check --all'" in shown
    assert "R07" in shown
    assert "R08" not in shown
    everything = terminal(render_report(report(many), show_all=True))
    assert all(f"R{n:02}" in everything for n in range(20))
    assert "… and" not in everything


def test_a_behaviour_mismatch_shows_a_coloured_diff_and_the_smallest_input() -> None:
    mismatch = replace(
        check("behaviour.test_totals", message=DIFF_MESSAGE),
        counterexample="Failing test case: test_totals(\n    price=Decimal('1.015'),\n)",
    )
    view = render_report(report(mismatch))
    assert line_styles(view, "- {'total'") == {"red"}
    assert line_styles(view, "+ {'total'") == {"green"}
    shown = terminal(view)
    assert "returned a different dict than the legacy code:" in shown
    assert "The smallest input that shows it:" in shown
    assert "price=Decimal('1.015')" in shown


def test_a_run_level_message_comes_first_and_says_the_submission_was_not_graded() -> None:
    broken = report(status=ReportStatus.ERROR, message="syntax error in m.py, line 2: fix it")
    shown = terminal(render_report(broken, next_step="Fix it, then check again."))
    assert "COULD NOT GRADE" in shown
    assert "could not be graded" in shown
    assert shown.index("Fix this first") < shown.index("syntax error in m.py, line 2: fix it")
    assert "category" not in shown, "no summary table without checks"
    assert shown.rstrip().endswith("Fix it, then check again.")


def test_the_summary_counts_what_is_left_by_severity_and_the_worst_comes_first() -> None:
    lint = check("style.lint", findings=(finding("E501"),))
    mypy = check("typing.mypy", findings=(finding("mypy-misc", Severity.ESSENTIAL),))
    shown = terminal(render_report(report(lint, mypy)))
    assert "To fix: 1 essential · 1 actionable" in shown
    assert shown.index("Fix this first") < shown.index("typing.mypy") < shown.index("style.lint")


# -- the HTML view -------------------------------------------------------------------------


def test_the_html_view_escapes_text_links_lessons_and_colours_the_diff() -> None:
    hostile = check(
        "behaviour.test_x", title="<b>t</b>", message=DIFF_MESSAGE + "\n<script>x</script>"
    )
    html = render_html(report(hostile, check(findings=(finding(),))), lesson_url=_book_url)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;t&lt;/b&gt;" in html
    assert f'<a href="{BOOK}/04-type-hints.html#annotations">' in html
    assert re.search(r'<span style="color:#cf222e">- \{&#x27;total', html)
    assert re.search(r'<span style="color:#1a7f37">\+ \{&#x27;total', html)
    assert html.index("behaviour.test_x") < html.index("style.lint")
    assert "chapter 04-type-hints, section annotations" in render_html(report(check()))


def test_the_html_view_shows_the_run_level_message() -> None:
    html = render_html(report(status=ReportStatus.ERROR, message="importing m raised <Boom>"))
    assert "could not be graded" in html
    assert "importing m raised &lt;Boom&gt;" in html
