"""The report's JSON form: published schema, lossless round trip, stable field order."""

from __future__ import annotations

import json
from pathlib import Path

from autograder.report.model import SCHEMA_VERSION
from autograder.report.serialize import report_from_json, report_schema, report_to_json
from tests.conftest import REPO

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_the_published_schema_is_the_models_schema() -> None:
    published = json.loads((REPO / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    assert published == report_schema(), (
        "regenerate it: kaizen dev schema > docs/report-schema.json"
    )


def test_the_contract_fields_are_required_in_the_schema() -> None:
    schema = report_schema()
    assert {"schema_version", "kata", "status", "score", "max_score", "checks"} <= set(
        schema["required"]
    )
    check = schema["$defs"]["CheckResult"]
    assert {"id", "category", "status", "score", "max_score", "message"} <= set(check["required"])


def test_golden_reports_round_trip_through_the_model() -> None:
    for path in sorted(GOLDEN.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["timing"] = {"total_seconds": 1.0, "checks": {}}
        data["sandbox"] = {"mechanism": "bwrap", "isolated": True, "note": "n"}
        report = report_from_json(json.dumps(data))
        assert report.schema_version == SCHEMA_VERSION
        assert json.loads(report_to_json(report)) == data, path
