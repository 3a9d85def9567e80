"""Every operation of openapi.yaml reaches users through `HeroHealth`, via one seam.

Nothing here lists operations by hand: the expected set is read from openapi.yaml.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import spec_operations
from herohealth_openapi.resources import DEFERRED
from openapi_python_client.strings import PythonIdentifier

from herohealth import HeroHealth
from herohealth._generated import CREDENTIALS, OPERATIONS, operation

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text())
SDK = yaml.safe_load((ROOT / "sdk.yaml").read_text())
SPEC_OPERATIONS = spec_operations(SPEC)
GENERATED = sorted(set(SPEC_OPERATIONS) - set(DEFERRED))  # all, but what sdk.yaml defers


def default_name(operation_id: str) -> str:
    """The method name an operation gets without an sdk.yaml entry: the generator's."""
    return str(PythonIdentifier(operation_id, ""))


def test_the_generated_index_holds_exactly_the_operations_of_the_spec() -> None:
    # Every one, but those sdk.yaml defers in writing (`{deferred: <why>}`), listed apart.
    deferred = {
        operation_id: entry["deferred"]
        for resource in SDK["resources"].values()
        for operation_id, entry in (resource.get("methods") or {}).items()
        if isinstance(entry, dict) and "deferred" in entry
    }
    assert dict(DEFERRED) == deferred
    assert set(OPERATIONS) == set(SPEC_OPERATIONS) - set(deferred)


@pytest.mark.parametrize("operation_id", GENERATED)
async def test_every_operation_is_a_method_of_the_client(operation_id: str) -> None:
    method, path, spec_op = SPEC_OPERATIONS[operation_id]
    located = OPERATIONS[operation_id]
    async with HeroHealth(
        api_key="k", practice_group_id="pg", base_url="https://hero.test"
    ) as hero:
        target: Any = hero
        for attribute in located.resource.split("."):
            target = getattr(target, attribute)
        bound = getattr(target, located.method)
    assert callable(bound)
    if located.workflow is None and "summary" in spec_op:  # a workflow documents itself
        # The method's docstring starts with the operation's summary (IDE hover), after
        # "Deprecated. ..." and a blank line where openapi.yaml deprecates it.
        lines = inspect.getdoc(bound).splitlines()
        if spec_op.get("deprecated") is True:
            assert lines[0].startswith("Deprecated.")
            assert bound.__deprecated__.startswith(f"{located.resource}.{located.method} ")
            lines = lines[2:]
        assert lines[0] == " ".join(spec_op["summary"].split())
    op = operation(operation_id)
    assert (op.operation_id, op.method, op.path) == (operation_id, method.upper(), path)
    assert op.module.endswith(f".{default_name(operation_id)}")
    signature = inspect.signature(bound)
    returns = str(signature.return_annotation)
    if op.paged:
        assert returns.startswith("AsyncPaginator[") or located.workflow
        assert not inspect.iscoroutinefunction(bound)
    elif located.workflow is None:
        # unwrap: on Python 3.11 a `@deprecated` wrapper is not seen as a coroutine function.
        assert inspect.iscoroutinefunction(inspect.unwrap(bound))


def test_default_names_come_from_the_operation_id_unless_sdk_yaml_renames() -> None:
    named = {
        operation_id
        for resource in SDK["resources"].values()
        for operation_id in (resource.get("methods") or {})
    }
    for operation_id, located in OPERATIONS.items():
        if operation_id not in named:
            assert located.method == default_name(operation_id)  # listBookings: list_bookings


def test_only_the_seam_and_the_workflows_import_the_generated_package() -> None:
    workflows = {
        entry["workflow"].rsplit(".", 1)[-1] + ".py"
        for resource in SDK["resources"].values()
        for entry in (resource.get("methods") or {}).values()
        if isinstance(entry, dict) and "workflow" in entry
    }
    importers = set()
    for path in (ROOT / "src" / "herohealth").rglob("*.py"):
        for node in _runtime_nodes(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "herohealth_openapi" for name in names):
                importers.add(path.name)
    # The workflows extend the generated resource they belong to; nothing else reaches in.
    assert importers <= {"_generated.py", *workflows}, importers


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (imports for annotations only)."""
    found: list[ast.AST] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            found += [n for child in node.orelse for n in _runtime_nodes(child)]
            continue
        found.append(node)
        found += _runtime_nodes(node)
    return found


@pytest.mark.parametrize("operation_id", GENERATED)
def test_retry_policy_follows_the_http_method_unless_overridden(operation_id: str) -> None:
    method, _, spec_op = SPEC_OPERATIONS[operation_id]
    overrides = {
        operation_id: entry["idempotent"]
        for resource in SDK["resources"].values()
        for operation_id, entry in (resource.get("methods") or {}).items()
        if isinstance(entry, dict) and "idempotent" in entry
    }
    expected = overrides.get(
        operation_id,
        spec_op.get("x-idempotent", method in {"get", "head", "put", "delete", "options"}),
    )
    assert operation(operation_id).idempotent is expected


def test_a_preview_is_the_one_post_that_may_be_sent_again() -> None:
    # Creating or changing records is never re-sent after it may have reached Hero.
    # Of the operations sdk.yaml names (the reference's), that is: a release may add more.
    named = {
        op_id for resource in SDK["resources"].values() for op_id in resource["methods"]
    } - set(DEFERRED)
    not_idempotent = {op_id for op_id in named if not operation(op_id).idempotent}
    assert not_idempotent == {op_id for op_id in named if SPEC_OPERATIONS[op_id][0] == "post"} - {
        "preview_patient_merge"
    }


def test_the_index_maps_each_security_scheme_to_its_credential_as_sdk_yaml_does() -> None:
    # FakeHero knows which header carries the key and which the practice group by this.
    assert SDK["auth"] == CREDENTIALS
    assert set(CREDENTIALS) == set(SPEC["components"]["securitySchemes"])


@pytest.mark.parametrize("operation_id", GENERATED)
def test_auth_headers_come_from_the_security_schemes(operation_id: str) -> None:
    _, _, spec_op = SPEC_OPERATIONS[operation_id]
    schemes = SPEC["components"]["securitySchemes"]
    # Every alternative whose schemes sdk.yaml maps (FastAPI writes schemes required
    # together as alternatives); `{}` first: no credentials needed.
    requirements = spec_op.get("security", SPEC["security"])
    mapped = [r for r in requirements if r and set(r) <= set(SDK["auth"])]
    names = {name for r in mapped for name in r} if requirements and requirements[0] else set()
    expected = {(schemes[name]["name"], SDK["auth"][name]) for name in names}
    assert set(operation(operation_id).auth) == expected


@pytest.mark.parametrize("operation_id", GENERATED)
def test_no_parameter_of_the_spec_is_left_out(operation_id: str) -> None:
    _, path, spec_op = SPEC_OPERATIONS[operation_id]
    declared = [*SPEC["paths"][path].get("parameters", []), *spec_op.get("parameters", [])]
    wires = set()
    for param in declared:
        if "$ref" in param:
            param = SPEC["components"]["parameters"][param["$ref"].rsplit("/", 1)[-1]]
        wires.add((param["in"], param["name"]))
    op = operation(operation_id)
    sent = {(p.location, p.wire) for p in op.params if p.location != "body"}
    if op.page_params:  # the paginator sends these, page by page
        sent |= {("query", "page_index"), ("query", "page_size")}
    assert sent == wires


def test_the_handwritten_runtime_names_no_operation() -> None:
    # What varies with the spec is generated: only the workflows sdk.yaml names may refer
    # to an operation; the request loop, errors, pagination and validation never do.
    workflows = {
        ROOT / "src" / Path(*entry["workflow"].split(".")).with_suffix(".py")
        for resource in SDK["resources"].values()
        for entry in (resource.get("methods") or {}).values()
        if isinstance(entry, dict) and "workflow" in entry
    }
    runtime = [
        path
        for path in (ROOT / "src" / "herohealth").rglob("*.py")
        if "testing" not in path.parts and path not in workflows
    ]
    assert runtime
    for path in runtime:
        words = set(re.findall(r"\w+", path.read_text()))
        assert not words & set(SPEC_OPERATIONS), path.name
