"""The facade reaches the generated client through one seam, which covers every operation."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from herohealth._generated import OPERATIONS

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text())


def test_every_operation_in_the_spec_has_exactly_one_seam_entry() -> None:
    spec_ids = {
        op["operationId"]
        for item in SPEC["paths"].values()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert set(OPERATIONS) == spec_ids
    for operation_id, operation in OPERATIONS.items():
        assert operation.module.__name__.endswith(f".{operation_id}")


def test_only_the_seam_imports_the_generated_package() -> None:
    importers = []
    for path in (ROOT / "src" / "herohealth").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "herohealth_openapi" for name in names):
                importers.append(path.name)
    assert set(importers) == {"_generated.py"}


def test_operations_that_create_or_change_records_are_not_idempotent() -> None:
    not_idempotent = {op_id for op_id, op in OPERATIONS.items() if not op.idempotent}
    assert not_idempotent == {
        "merge_patients",
        "connect_patient_ehr",
        "register_patient",
        "register_patient_pds",
    }
