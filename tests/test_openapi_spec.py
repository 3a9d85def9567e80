"""The contract: openapi.yaml is valid, complete, and reaches the generated client."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import spec_operations
from openapi_spec_validator import validate

from herohealth._generated import operation

ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())

# The 13 Patients operations of Hero's reference, by the names users read: a Hero release
# may add operations, but these must keep their method, path and operationId.
REFERENCE_OPERATIONS = {
    ("get", "/v1/patients/{id}/ehr/candidates"): "list_ehr_candidates",
    ("post", "/v1/patients/{id}/ehr/connect"): "connect_patient_ehr",
    ("post", "/v1/patients/{id}/merge/preview"): "preview_patient_merge",
    ("post", "/v1/patients/{id}/merge"): "merge_patients",
    ("get", "/v1/patients/{id}"): "get_patient",
    ("get", "/v1/patients/{id}/attachments"): "list_patient_attachments",
    ("get", "/v1/patients"): "list_patients",
    ("post", "/v1/patients/register_pds"): "register_patient_pds",
    ("post", "/v1/patients/register"): "register_patient",
    ("get", "/v1/patients/{id}/billing_info"): "get_patient_billing_info",
    ("get", "/v1/patients/{id}/payment_methods"): "list_patient_payment_methods",
    ("get", "/v2/patients/{id}"): "get_patient_v2",
    ("get", "/v2/patients"): "list_patients_v2",
}


OPERATIONS = spec_operations(SPEC)
# What the reference shows of each of its operations; a release may add operations that
# differ (public, untagged, answering 201), and the checks below say nothing of those.
REFERENCE = [OPERATIONS[operation_id] for operation_id in REFERENCE_OPERATIONS.values()]


def test_spec_is_valid_openapi() -> None:
    validate(SPEC)


def test_the_reference_operations_keep_their_operation_ids() -> None:
    found = {(method, path): op.get("operationId") for method, path, op in OPERATIONS.values()}
    assert found.items() >= REFERENCE_OPERATIONS.items()
    ids = [op["operationId"] for _, _, op in OPERATIONS.values() if "operationId" in op]
    assert len(ids) == len(set(ids))  # operationIds name the generated methods: unique
    assert all(op.get("tags") for _, _, op in REFERENCE)  # a tag names the resource


def test_every_reference_operation_requires_both_api_key_headers() -> None:
    schemes = SPEC["components"]["securitySchemes"]
    assert {(s["in"], s["name"]) for s in schemes.values()} >= {
        ("header", "x-api-key"),
        ("header", "x-practice-group-id"),
    }
    for _, _, op in REFERENCE:
        requirement = op.get("security", SPEC["security"])
        # One requirement object naming both schemes: both headers, together.
        assert requirement == [{"ApiKey": [], "PracticeGroupId": []}]


def test_every_reference_operation_is_tagged_with_a_declared_tag() -> None:
    declared = {t["name"] for t in SPEC["tags"]}
    for _, _, op in REFERENCE:
        assert set(op["tags"]) <= declared, op["operationId"]


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_generated_package_exposes_each_operation_as_async(operation_id: str) -> None:
    module = importlib.import_module(operation(operation_id).module)
    assert inspect.iscoroutinefunction(module.asyncio_detailed)
    # The generator writes the parsed-only variant where the success response has a body
    # ("No content" operations answer a bare Response).
    responses = OPERATIONS[operation_id][2]["responses"]
    success = next(answer for status, answer in responses.items() if str(status).startswith("2"))
    if "content" in success:
        assert inspect.iscoroutinefunction(module.asyncio)
