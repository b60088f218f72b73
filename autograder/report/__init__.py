"""The grading report: model and JSON form.

The renderers (``autograder.report.render`` for terminals, ``autograder.report.html`` for
notebooks) are imported from their modules, so that reading a report needs no rich.
"""

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
from autograder.report.serialize import (
    report_from_json,
    report_schema,
    report_to_dict,
    report_to_json,
)

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
    "report_to_dict",
    "report_to_json",
]
