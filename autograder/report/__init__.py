"""The grading report: model, JSON form and terminal rendering."""

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
from autograder.report.serialize import report_from_json, report_schema, report_to_json

__all__ = [
    "SCHEMA_VERSION",
    "CheckResult",
    "CheckStatus",
    "Finding",
    "Report",
    "ReportStatus",
    "Sandbox",
    "Severity",
    "Timing",
    "report_from_json",
    "report_schema",
    "report_to_json",
]
