"""Turn reports into JSON and back, and describe them with a JSON schema."""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import TypeAdapter

from autograder.report.model import SCHEMA_VERSION, Report

__all__ = ["report_from_json", "report_schema", "report_to_dict", "report_to_json"]


@functools.cache
def _adapter() -> TypeAdapter[Report]:
    return TypeAdapter(Report)


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the report as JSON-ready data.

    Args:
        report: The report.

    Returns:
        Plain data in the documented schema.
    """
    data: dict[str, Any] = _adapter().dump_python(report, mode="json")
    return data


def report_to_json(report: Report) -> str:
    """Return the report as indented JSON with keys in schema order.

    Args:
        report: The report.

    Returns:
        The JSON text.
    """
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False)


def report_from_json(text: str) -> Report:
    """Parse a report written by ``report_to_json`` of this schema version.

    Args:
        text: The JSON text.

    Returns:
        The report.

    Raises:
        ValueError: If the text is not a report of this schema version (pydantic's
            ``ValidationError`` is a ``ValueError`` and names each bad field).
    """
    report = _adapter().validate_json(text)
    if report.schema_version != SCHEMA_VERSION:
        msg = (
            f"this report follows schema version {report.schema_version}, but this Kaizen "
            f"reads version {SCHEMA_VERSION}: grade the submission again"
        )
        raise ValueError(msg)
    return report


def report_schema() -> dict[str, Any]:
    """Return the JSON schema of the report, as published in ``docs/report-schema.json``."""
    schema: dict[str, Any] = _adapter().json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Kaizen grading report, schema version {SCHEMA_VERSION}"
    return schema
