"""The spec-update path end to end: sdk.yaml in the report, and the Makefile's outcomes.

`tools/spec_diff.py --sdk sdk.yaml` names what the naming file and the handwritten workflows
refer to that a release breaks. `make spec-diff` and `make update-spec` run in a temporary
directory holding copies of openapi.yaml and sdk.yaml (tools/ linked, this checkout's
Makefile and venv), with `-o <venv>/.installed` so make never re-runs the install, and
`update-spec` fetches a file:// URL with `MAKE="echo SUBMAKE"` standing in for
`make generate` / `make test`: nothing touches this checkout.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.spec_update.test_spec_diff import ROOT, SPEC, Kind, run_cli, sd, write_spec
from tests.spec_update.test_upgrade_spec import openapi_30

SDK_YAML = ROOT / "sdk.yaml"
SDK: dict[str, Any] = yaml.safe_load(SDK_YAML.read_text())
METHODS: dict[str, Any] = SDK["resources"]["patients"]["methods"]
NAMING = sd.load_naming(SDK_YAML)
VENV = Path(sys.executable).parents[1]


def workflow_of(operation_id: str) -> str:
    module: str = METHODS[operation_id]["workflow"]
    return module


def named(operation_id: str) -> str:
    return f"sdk.yaml names it: resources.patients.methods.{operation_id}"


def calls(operation_id: str) -> str:
    return f"the handwritten workflow in {workflow_of(operation_id)} calls it"


def operation(spec: dict[str, Any], path: str, method: str = "post") -> dict[str, Any]:
    found: dict[str, Any] = spec["paths"][path][method]
    return found


def rename_merge(spec: dict[str, Any]) -> None:
    operation(spec, "/v1/patients/{id}/merge")["operationId"] = "merge_patient"


def remove_preview(spec: dict[str, Any]) -> None:
    del spec["paths"]["/v1/patients/{id}/merge/preview"]


def retag_get(spec: dict[str, Any]) -> None:
    operation(spec, "/v1/patients/{id}", "get")["tags"] = ["People"]


def remove_field(schema: str, name: str) -> Callable[[dict[str, Any]], None]:
    """A mutation: component `schema` loses property `name` (and its required entry)."""

    def mutate(spec: dict[str, Any]) -> None:
        target = spec["components"]["schemas"][schema]
        del target["properties"][name]
        target["required"] = [r for r in target.get("required", []) if r != name]

    return mutate


def changed(*mutations: Any) -> dict[str, Any]:
    new = copy.deepcopy(SPEC)
    for mutate in mutations:
        mutate(new)
    return new


# ---- the naming file ---------------------------------------------------------------------


def test_a_renamed_workflow_operation_names_sdk_yaml_and_the_workflow() -> None:
    report = sd.diff_documents(SPEC, changed(rename_merge), naming=NAMING)

    [change] = report.find(Kind.OPERATION_ID_CHANGED)
    assert change.operation == "POST /v1/patients/{id}/merge (merge_patients)"
    assert change.sdk == (named("merge_patients"), calls("merge_patients"))
    assert change.breaking
    assert change.line().endswith(f"({named('merge_patients')}; {calls('merge_patients')})")


def test_a_removed_workflow_operation_names_sdk_yaml_and_the_workflow() -> None:
    report = sd.diff_documents(SPEC, changed(remove_preview), naming=NAMING)

    [change] = report.changes
    assert change.kind is Kind.OPERATION_REMOVED
    assert change.sdk == (named("preview_patient_merge"), calls("preview_patient_merge"))


def test_a_retagged_operation_names_its_sdk_yaml_entry() -> None:
    report = sd.diff_documents(SPEC, changed(retag_get), naming=NAMING)

    [change] = report.changes
    assert change.kind is Kind.TAG_CHANGED
    assert change.detail == (
        "tag 'Patients' -> 'People': the method moves from hero.patients to hero.people"
    )
    assert change.sdk == (named("get_patient"),)  # no workflow calls get_patient
    assert change.breaking


def renamed(**names: str) -> sd.Naming:
    """This checkout's sdk.yaml, with `resources.<tag>.name` set for each tag key given."""
    sdk = copy.deepcopy(SDK)
    for tag, name in names.items():
        sdk["resources"].setdefault(tag, {})["name"] = name
    return sd.Naming.from_config(sdk)


@pytest.mark.parametrize(
    ("naming", "moves"),
    [
        (renamed(people="persons"), "hero.patients to hero.persons"),
        (renamed(patients="clinic", people="clinic_people"), "hero.clinic to hero.clinic_people"),
    ],
)
def test_a_retagged_operation_moves_to_the_resource_sdk_yaml_names(
    naming: sd.Naming, moves: str
) -> None:
    [change] = sd.diff_documents(SPEC, changed(retag_get), naming=naming).changes
    assert change.kind is Kind.TAG_CHANGED
    assert change.detail == f"tag 'Patients' -> 'People': the method moves from {moves}"
    assert change.breaking


def test_a_tag_renamed_into_the_same_resource_does_not_move_its_methods() -> None:
    def retag_all(spec: dict[str, Any]) -> None:
        for item in spec["paths"].values():
            for op in item.values():
                if isinstance(op, dict) and op.get("tags") == ["Patients"]:
                    op["tags"] = ["People"]

    report = sd.diff_documents(SPEC, changed(retag_all), naming=renamed(people="patients"))
    retagged = report.find(Kind.TAG_CHANGED)
    assert len(retagged) == 13
    assert {(c.detail, c.breaking) for c in retagged} == {("tag 'Patients' -> 'People'", False)}


def test_other_breaking_changes_to_a_workflow_operation_name_the_workflow() -> None:
    report = sd.diff_documents(
        SPEC, changed(remove_field("MergePreview", "main_patient")), naming=NAMING
    )

    [change] = report.find(Kind.FIELD_REMOVED)
    assert change.location == "response 200 application/json: main_patient"
    assert change.sdk == (calls("preview_patient_merge"),)


def test_a_removed_argument_that_a_domain_check_names_says_so() -> None:
    new = changed(remove_field("RegisterPatientRequest", "nhs_number"))
    report = sd.diff_documents(SPEC, new, naming=NAMING)

    [change] = report.find(Kind.FIELD_REMOVED, operation="(register_patient)")
    assert change.location == "request body application/json: nhs_number"
    assert change.sdk == ("sdk.yaml checks.nhs_number names it",)


def test_without_the_naming_file_nothing_is_attributed_to_it() -> None:
    report = sd.diff_documents(SPEC, changed(rename_merge, remove_preview, retag_get))
    assert len(report.breaking) == 3
    assert all(c.sdk == () for c in report.changes)


def test_an_operation_sdk_yaml_does_not_name_is_only_breaking() -> None:
    report = sd.diff_documents(SPEC, changed(remove_preview), naming=sd.Naming.from_config({}))
    [change] = report.changes
    assert change.breaking
    assert change.sdk == ()


def test_the_cli_report_ends_with_what_make_generate_will_refuse(tmp_path: Path) -> None:
    new = write_spec(tmp_path, changed(rename_merge, remove_preview, retag_get))

    result = run_cli(ROOT / "openapi.yaml", new, "--sdk", str(SDK_YAML))

    assert result.returncode == 1, result.stderr
    *_, footer, summary = result.stdout.strip().splitlines()
    assert footer.startswith("sdk.yaml: 3 of these changes contradict it")
    assert "`make generate` refuses" in footer
    assert summary == "Summary: 3 changes (3 breaking, 0 ok): BREAKING."
    assert f"operation removed ({named('preview_patient_merge')}; " in result.stdout


def with_session(spec: dict[str, Any]) -> None:
    spec["components"]["securitySchemes"]["Session"] = {
        "type": "apiKey",
        "in": "header",
        "name": "x-session",
    }
    spec["security"][0]["Session"] = []


def own_security(*schemes: str) -> Callable[[dict[str, Any]], None]:
    """A mutation: get_patient gets its own security list, one alternative of `schemes`."""

    def mutate(spec: dict[str, Any]) -> None:
        operation(spec, "/v1/patients/{id}", "get")["security"] = [{s: [] for s in schemes}]

    return mutate


def test_a_required_scheme_sdk_yaml_does_not_map_is_what_generation_refuses() -> None:
    report = sd.diff_documents(SPEC, changed(with_session), naming=NAMING)

    [change] = report.find(Kind.SECURITY_REQUIRED)
    assert change.operation == sd.DOCUMENT_SECURITY
    assert change.sdk == ("sdk.yaml auth maps no credential to it",)
    assert "sdk.yaml: 1 of these changes contradict it" in report.render()


def test_a_required_scheme_sdk_yaml_maps_names_the_credential_sent() -> None:
    old = changed(own_security("ApiKey"))
    credential = SDK["auth"]["PracticeGroupId"]

    report = sd.diff_documents(old, SPEC, naming=NAMING)

    [change] = report.changes
    assert change.kind is Kind.SECURITY_REQUIRED
    assert change.operation == "GET /v1/patients/{id} (get_patient)"
    assert change.sdk == (
        f"sdk.yaml auth.PracticeGroupId: the SDK sends its {credential} credential",
    )
    assert "contradict" not in report.render()


def test_a_removed_scheme_sdk_yaml_maps_is_named() -> None:
    def remove_practice_group(spec: dict[str, Any]) -> None:
        del spec["components"]["securitySchemes"]["PracticeGroupId"]
        del spec["security"][0]["PracticeGroupId"]

    report = sd.diff_documents(SPEC, changed(remove_practice_group), naming=NAMING)

    [removed] = report.find(Kind.SECURITY_SCHEME_REMOVED)
    assert removed.sdk == ("sdk.yaml names it: auth.PracticeGroupId",)
    assert not removed.breaking  # for users; it is generation that stops
    [not_required] = report.find(Kind.SECURITY_NOT_REQUIRED)
    assert not_required.subject == "PracticeGroupId"
    assert not_required.sdk == ()


def test_an_unreadable_naming_file_is_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "sdk.yaml"
    result = run_cli(ROOT / "openapi.yaml", ROOT / "openapi.yaml", "--sdk", str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"spec_diff: {missing} cannot be read: ")


# ---- make spec-diff / make update-spec -----------------------------------------------------


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A directory make can run the spec targets in, away from this checkout's files."""
    if shutil.which("make") is None:  # pragma: no cover - CI and the dev image have it
        pytest.skip("GNU make is not installed")
    for name in ("openapi.yaml", "sdk.yaml"):
        shutil.copyfile(ROOT / name, tmp_path / name)
    (tmp_path / "tools").symlink_to(ROOT / "tools")
    return tmp_path


def run_make(directory: Path, target: str, **variables: str) -> subprocess.CompletedProcess[str]:
    # An outer `make test` must not leak its flags (or make prints "Entering directory").
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    command = ["make", "--no-print-directory", "-s", "-f", str(ROOT / "Makefile")]
    command += ["-o", f"{VENV}/.installed", f"VENV={VENV}", target]
    command += [f"{name}={value}" for name, value in variables.items()]
    result = subprocess.run(  # noqa: S603 - make with fixed arguments
        command, cwd=directory, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert "pip install" not in result.stdout + result.stderr  # never a reinstall
    return result


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.strip().splitlines()[-1]


def invalid(spec: dict[str, Any]) -> None:
    del spec["info"]


@pytest.mark.parametrize(
    ("mutations", "make_code", "outcome"),
    [
        ((), 0, "spec-diff: no breaking changes (tools/spec_diff.py exit 0)"),
        ((remove_preview,), 2, "spec-diff: BREAKING changes (tools/spec_diff.py exit 1)"),
        (
            (invalid,),
            2,
            "spec-diff: nothing compared, a description or sdk.yaml is unreadable or invalid "
            "(tools/spec_diff.py exit 2)",
        ),
    ],
    ids=["unchanged", "breaking", "invalid"],
)
def test_make_spec_diff_names_the_outcome_and_the_tools_code(
    checkout: Path, mutations: tuple[Any, ...], make_code: int, outcome: str
) -> None:
    (checkout / "new").mkdir()
    new = write_spec(checkout / "new", changed(*mutations))

    result = run_make(checkout, "spec-diff", NEW=str(new))

    assert result.returncode == make_code, result.stdout + result.stderr
    assert last_line(result) == outcome
    if mutations == (remove_preview,):  # the Makefile passes --sdk sdk.yaml
        assert named("preview_patient_merge") in result.stdout
    if mutations == (invalid,):
        assert "is not valid OpenAPI: 'info' is a required property" in result.stderr


def test_make_spec_diff_without_new_prints_its_usage(checkout: Path) -> None:
    result = run_make(checkout, "spec-diff")
    assert result.returncode == 2
    assert result.stdout == "usage: make spec-diff NEW=path/to/openapi.yaml\n"


@pytest.mark.parametrize(
    ("mutations", "allow", "replaced", "outcome"),
    [
        ((), "", True, "update-spec: no breaking changes (tools/spec_diff.py exit 0)"),
        (
            (remove_preview,),
            "",
            False,
            "update-spec: BREAKING changes (tools/spec_diff.py exit 1): openapi.yaml left "
            "unchanged (see openapi.yaml.download); ALLOW_BREAKING=1 to go on",
        ),
        (
            (remove_preview,),
            "1",
            True,
            "update-spec: BREAKING changes (tools/spec_diff.py exit 1), going on: ALLOW_BREAKING",
        ),
        (
            (invalid,),
            "1",
            False,
            "update-spec: nothing compared (tools/spec_diff.py exit 2): openapi.yaml left "
            "unchanged (see openapi.yaml.download)",
        ),
    ],
    ids=["unchanged", "breaking-stops", "breaking-allowed", "invalid-stops-even-if-allowed"],
)
def test_make_update_spec_stops_or_goes_on_by_the_tools_code(
    checkout: Path, mutations: tuple[Any, ...], allow: str, replaced: bool, outcome: str
) -> None:
    (checkout / "new").mkdir()
    new = write_spec(checkout / "new", changed(*mutations))
    before = (checkout / "openapi.yaml").read_text()

    result = run_make(
        checkout,
        "update-spec",
        SPEC_URL=new.as_uri(),
        ALLOW_BREAKING=allow,
        MAKE="echo SUBMAKE",
    )

    submakes = [line for line in result.stdout.splitlines() if line.startswith("SUBMAKE")]
    if replaced:
        assert result.returncode == 0, result.stdout + result.stderr
        assert (checkout / "openapi.yaml").read_text() == new.read_text()
        assert not (checkout / "openapi.yaml.download").exists()
        assert submakes == ["SUBMAKE generate", "SUBMAKE test"]
        assert outcome in result.stdout.splitlines()
    else:
        assert result.returncode == 2, result.stdout + result.stderr  # make's code for a failure
        assert (checkout / "openapi.yaml").read_text() == before
        assert (checkout / "openapi.yaml.download").read_text() == new.read_text()
        assert submakes == []
        assert last_line(result) == outcome


def test_make_update_spec_writes_a_3_0_description_as_3_1(checkout: Path) -> None:
    (checkout / "new").mkdir()
    new = checkout / "new" / "openapi.yaml"
    new.write_text(yaml.safe_dump(openapi_30(), sort_keys=False))

    result = run_make(checkout, "update-spec", SPEC_URL=new.as_uri(), MAKE="echo SUBMAKE")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "update-spec: no breaking changes (tools/spec_diff.py exit 0)" in result.stdout
    assert yaml.safe_load((checkout / "openapi.yaml").read_text()) == {**SPEC, "openapi": "3.1.0"}
