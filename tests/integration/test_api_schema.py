"""Property-based API tests with schemathesis against our own OpenAPI spec: no request
the spec allows may crash the server (5xx), and every response, errors included, must
match what the spec documents (the error envelope among them)."""

from __future__ import annotations

import warnings

import pytest
import web_records

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis "
                                                          "(in the test extras)")
from hypothesis import HealthCheck, settings  # noqa: E402

from rasid.api import create_app  # noqa: E402
from rasid.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = tmp_path_factory.mktemp("schema") / "corpus.db"
    with Store(db) as store:
        store.upsert(web_records.build("004"))
        store.upsert(web_records.build("001"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_api_matches_its_openapi_spec(api_schema):
    # (schemathesis' own pytest plugin does not load under this pytest: drive it directly)
    from hypothesis import given

    failures = []
    operations = [r.ok() for r in api_schema.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /analyze", "GET /graph", "GET /search"}
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=12, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            excluded = []
            if case.media_type == "multipart/form-data" and "file" in (case.body or {}):
                # an uploaded file's bytes must decode to text; no schema can say so
                excluded.append(schemathesis.checks.positive_data_acceptance)
            case.call_and_validate(excluded_checks=excluded)

        try:
            check()
        except Exception as exc:   # collect all operations' failures, then report
            failures.append(f"{op.label}: {exc}")
    assert not failures, "\n\n".join(failures)
