"""`tools/spec_diff.py` classifies spec changes, and a changed spec still regenerates.

Five realistic changes are applied to a copy of openapi.yaml (with PyYAML). For each:
the structured report classifies it, the CLI's exit code says whether it breaks, and
`tools/generate.py` (the command `make generate` runs, into a temporary directory, with
this checkout's sdk.yaml) succeeds and changes the expected module. For the non-breaking
changes, the handwritten facade from src/ is run, in a subprocess, against the regenerated
package (`PYTHONPATH` puts it first) and parses a Patient body carrying the change.

Each change is generated once (module-scoped fixture); a generation takes about 2 s.
The rule table itself is tested on a small spec, without generating (security on a copy
with two API-key schemes). The naming file and the Makefile's targets: test_spec_diff_make.py.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests.spec_update.additive_release import BOOKING_V2, MERGE_PATCH, additive_release

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "spec_diff.py"
BIN = Path(sys.executable).parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
COMMITTED = ROOT / "generated" / "herohealth_openapi"


def _load_tool() -> ModuleType:
    # As when run as a script: its directory first on the path, for `upgrade_spec` beside it.
    if str(TOOL.parent) not in sys.path:
        sys.path.insert(0, str(TOOL.parent))
    spec = importlib.util.spec_from_file_location("spec_diff", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_diff"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


sd = _load_tool()
Kind = sd.Kind
GenerationError: type[Exception] = sys.modules["generate"].GenerationError  # spec_diff's import


def run_cli(old: Path, new: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [sys.executable, str(TOOL), *options, str(old), str(new)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def write_spec(directory: Path, document: dict[str, Any]) -> Path:
    path = directory / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    return path


# ---- the five changes ------------------------------------------------------------------


# Each change adds what openapi.yaml must not have yet; a Hero release that adds it for real
# fails here by name, and the change then needs another name.


def add_enum_value(spec: dict[str, Any]) -> None:
    values = spec["components"]["schemas"]["DataSource"]["enum"]
    assert "vision" not in values, "openapi.yaml has this value now: pick another"
    values.append("vision")


def add_optional_response_field(spec: dict[str, Any]) -> None:
    properties = spec["components"]["schemas"]["Patient"]["properties"]
    assert "pronouns" not in properties, "openapi.yaml has this field now: pick another"
    properties["pronouns"] = {"type": ["string", "null"]}


def add_operation(spec: dict[str, Any]) -> None:
    assert "/v1/patients/{id}/notes" not in spec["paths"], "openapi.yaml has it: pick another"
    spec["paths"]["/v1/patients/{id}/notes"] = {
        "get": {
            "operationId": "list_patient_notes",
            "tags": ["Patients"],
            "summary": "List Patient Notes",
            "parameters": [{"$ref": "#/components/parameters/PatientId"}],
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"type": "string"}}
                        }
                    },
                }
            },
        }
    }


def require_email(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["RegisterPatientRequest"]["required"].append("email")


def remove_notes(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["Patient"]["properties"]["notes"]


@dataclass(frozen=True)
class Case:
    mutate: Callable[[dict[str, Any]], None]
    breaking: bool
    # A Patient body field the facade must parse from the regenerated client (non-breaking).
    patient_field: tuple[str, str] | None = None


CASES: dict[str, Case] = {
    "enum-value-added": Case(
        add_enum_value, breaking=False, patient_field=("data_source", "vision")
    ),
    "optional-response-field-added": Case(
        add_optional_response_field, breaking=False, patient_field=("pronouns", "she/her")
    ),
    "operation-added": Case(add_operation, breaking=False, patient_field=("data_source", "emis")),
    "request-field-made-required": Case(require_email, breaking=True),
    "response-field-removed": Case(remove_notes, breaking=True),
}
NON_BREAKING = [name for name, case in CASES.items() if not case.breaking]


@dataclass(frozen=True)
class Changed:
    name: str
    spec: Path
    package: Path  # the regenerated herohealth_openapi
    generation: subprocess.CompletedProcess[str]

    @property
    def report(self) -> Any:
        return sd.diff_files(ROOT / "openapi.yaml", self.spec)


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Changed]:
    """A changed copy of openapi.yaml and the client generated from it, once per change."""
    done: dict[str, Changed] = {}

    def get(name: str) -> Changed:
        if name not in done:
            done[name] = _generate(name, tmp_path_factory.mktemp(name))
        return done[name]

    return get


def _generate(name: str, directory: Path) -> Changed:
    document = copy.deepcopy(SPEC)
    CASES[name].mutate(document)
    spec = write_spec(directory, document)
    package = directory / "herohealth_openapi"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    # The command `make generate` runs (Makefile), aimed at the temporary directory.
    command = [sys.executable, str(ROOT / "tools" / "generate.py"), "--spec", str(spec)]
    command += ["--sdk", str(ROOT / "sdk.yaml"), "--out", str(package)]
    generation = subprocess.run(  # noqa: S603 - our own generator, fixed arguments
        command,
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    return Changed(name, spec, package, generation)


# ---- the unchanged spec ----------------------------------------------------------------


def test_unchanged_spec_reports_no_changes(tmp_path: Path) -> None:
    copied = tmp_path / "openapi.yaml"
    shutil.copyfile(ROOT / "openapi.yaml", copied)

    report = sd.diff_files(ROOT / "openapi.yaml", copied)
    assert report.changes == ()
    assert not report.has_breaking

    result = run_cli(ROOT / "openapi.yaml", copied)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No changes.")
    assert "0 breaking" in result.stdout


def test_a_reserialised_spec_is_also_unchanged(tmp_path: Path) -> None:
    """Comments, key order and quoting do not count: only the resolved documents do."""
    report = sd.diff_files(ROOT / "openapi.yaml", write_spec(tmp_path, copy.deepcopy(SPEC)))
    assert report.changes == ()


# ---- classification of the five changes ------------------------------------------------


def test_enum_value_added_is_ok_everywhere_it_appears() -> None:
    new = copy.deepcopy(SPEC)
    add_enum_value(new)
    report = sd.diff_documents(SPEC, new)

    added = report.find(Kind.ENUM_VALUE_ADDED)
    assert {c.kind for c in report.changes} == {Kind.ENUM_VALUE_ADDED}
    assert all(not c.breaking and "'vision'" in c.detail for c in added)
    # Responses (v1 and v2 shapes, lists, merge preview) and the register request.
    assert report.find(
        operation="(get_patient)", location="response 200 application/json: data_source"
    )
    assert report.find(operation="(get_patient_v2)", location="data_source")
    assert report.find(operation="(list_patients)", location="data[].data_source")
    assert report.find(
        operation="(register_patient)", location="request body application/json: data_source"
    )
    assert not report.has_breaking


def test_optional_response_field_added_is_ok() -> None:
    new = copy.deepcopy(SPEC)
    add_optional_response_field(new)
    report = sd.diff_documents(SPEC, new)

    assert {c.kind for c in report.changes} == {Kind.FIELD_ADDED}
    [change] = report.find(operation="(get_patient)")
    assert change.location == "response 200 application/json: pronouns"
    assert change.detail == "field added (optional)"
    assert not change.breaking
    assert report.find(operation="(list_patients)", location="data[].pronouns")
    assert len(report.find(operation="(preview_patient_merge)")) == 3  # main, incoming, result
    assert not report.has_breaking


def test_operation_added_is_ok() -> None:
    new = copy.deepcopy(SPEC)
    add_operation(new)
    report = sd.diff_documents(SPEC, new)

    [change] = report.changes
    assert change.kind is Kind.OPERATION_ADDED
    assert change.operation == "GET /v1/patients/{id}/notes (list_patient_notes)"
    assert not change.breaking


def test_a_deprecation_is_an_ok_notice(tmp_path: Path) -> None:
    # Hero still serves what it deprecates; the regenerated SDK warns its callers.
    new = copy.deepcopy(SPEC)
    get_patient = new["paths"]["/v1/patients/{id}"]["get"]
    [search] = [
        p for p in new["paths"]["/v1/patients"]["get"]["parameters"] if p["name"] == "search"
    ]
    assert "deprecated" not in get_patient, "openapi.yaml deprecates it now: pick another"
    assert "deprecated" not in search, "openapi.yaml deprecates it now: pick another"
    get_patient["deprecated"] = search["deprecated"] = True
    report = sd.diff_documents(SPEC, new)

    assert {(c.kind, c.operation, c.location, c.detail, c.breaking) for c in report.changes} == {
        (Kind.DEPRECATED, "GET /v1/patients/{id} (get_patient)", "", "operation deprecated", False),
        (
            Kind.DEPRECATED,
            "GET /v1/patients (list_patients)",
            "parameter query search",
            "parameter deprecated",
            False,
        ),
    }
    result = run_cli(ROOT / "openapi.yaml", write_spec(tmp_path, new))
    assert result.returncode == 0, result.stderr
    assert "  ok        parameter query search: parameter deprecated\n" in result.stdout
    assert "no breaking changes" in result.stdout
    # One added already deprecated (the additive release's getBookingDetails) says so.
    release = additive_release()
    before = copy.deepcopy(release)
    del before["paths"]["/v1/booking-details/{booking_id}"]
    [added] = sd.diff_documents(before, release).changes
    assert (added.kind, added.detail) == (Kind.OPERATION_ADDED, "operation added (deprecated)")
    assert not added.breaking


def test_the_additive_releases_field_deprecated_beside_its_ref_is_a_notice() -> None:
    # createBooking's `clinic_code: {$ref: ClinicCode, deprecated: true}`, which the generator
    # reads as deprecated too (tests/spec_update/additive/test_deprecated.py).
    release = additive_release()
    before = copy.deepcopy(release)
    del before["components"]["schemas"]["CreateBookingRequest"]["properties"]["clinic_code"][
        "deprecated"
    ]
    for old, new, kind, detail in (
        (before, release, Kind.DEPRECATED, "field deprecated"),
        (release, before, Kind.UNDEPRECATED, "field undeprecated"),
    ):
        [change] = sd.diff_documents(old, new).changes
        assert (change.kind, change.operation, change.location, change.detail) == (
            kind,
            "POST /v1/bookings (createBooking)",
            "request body application/json: clinic_code",
            detail,
        )
        assert not change.breaking


def test_request_field_made_required_is_breaking() -> None:
    new = copy.deepcopy(SPEC)
    require_email(new)
    report = sd.diff_documents(SPEC, new)

    [change] = report.changes
    assert change.kind is Kind.REQUIRED_CHANGED
    assert change.operation == "POST /v1/patients/register (register_patient)"
    assert change.location == "request body application/json: email"
    assert change.detail == "made required"
    assert change.breaking


def test_form_bodies_are_compared_as_json_bodies_are() -> None:
    # The additive release's uploads: adding them breaks nothing; a part made required,
    # or a new required part, breaks callers as a JSON body's field does.
    from tests.spec_update.additive_release import additive_release

    release = additive_release()
    assert not sd.diff_documents(SPEC, release).has_breaking
    changed = copy.deepcopy(release)
    upload = changed["components"]["schemas"]["UploadAttachmentRequest"]
    upload["required"] += ["label", "consent"]
    upload["properties"]["consent"] = {"type": "boolean"}
    report = sd.diff_documents(release, changed)

    assert {(c.kind, c.location, c.detail, c.breaking) for c in report.changes} == {
        (Kind.REQUIRED_CHANGED, "request body multipart/form-data: label", "made required", True),
        (
            Kind.FIELD_ADDED,
            "request body multipart/form-data: consent",
            "field added (required)",
            True,
        ),
    }
    assert {c.operation for c in report.changes} == {
        "POST /v1/patients/{id}/attachments/upload (uploadAttachment)"
    }


def test_response_field_removed_is_breaking() -> None:
    new = copy.deepcopy(SPEC)
    remove_notes(new)
    report = sd.diff_documents(SPEC, new)

    assert {c.kind for c in report.changes} == {Kind.FIELD_REMOVED}
    assert all(c.breaking for c in report.changes)
    locations = {(c.operation.split()[-1], c.location) for c in report.changes}
    assert locations == {
        ("(get_patient)", "response 200 application/json: notes"),
        ("(list_patients)", "response 200 application/json: data[].notes"),
        ("(preview_patient_merge)", "response 200 application/json: main_patient.notes"),
        ("(preview_patient_merge)", "response 200 application/json: incoming_patient.notes"),
        ("(preview_patient_merge)", "response 200 application/json: result_patient.notes"),
    }


def test_answers_that_are_not_json_are_compared_too() -> None:
    # The additive release adds a PDF download and a CSV export, and a PDF beside getBooking's
    # JSON: additive, as `make update-spec` must see it. Then a PDF becomes a PNG.
    release = additive_release()
    assert not sd.diff_documents(SPEC, release).has_breaking
    new = copy.deepcopy(release)
    answer = new["paths"]["/v1/letters/{letter_id}/pdf"]["get"]["responses"]["200"]
    answer["content"] = {"image/png": answer["content"].pop("application/pdf")}
    report = sd.diff_documents(release, new)

    found = {(c.kind, c.location, c.breaking) for c in report.changes}
    assert found == {
        (Kind.MEDIA_TYPE_REMOVED, "response 200 application/pdf", True),
        (Kind.MEDIA_TYPE_ADDED, "response 200 image/png", False),
    }


LETTER, BOOKING = "/v1/letters/{letter_id}/pdf", "/v1/bookings/{booking_id}"
BOOKING_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}


def _content(spec: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    content: dict[str, Any] = spec["paths"][path][method]["responses"]["200"]["content"]
    return content


def _media_changes(mutate: Callable[[dict[str, Any]], Any]) -> set[tuple[Any, str, bool]]:
    release = additive_release()
    new = copy.deepcopy(release)
    mutate(new)
    return {(c.kind, c.location, c.breaking) for c in sd.diff_documents(release, new).changes}


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "contentMediaType": "application/pdf"},  # OpenAPI 3.1's spelling
        {"type": "string", "format": "byte"},
        {},
        None,  # no schema at all
    ],
)
def test_a_non_json_answers_schema_is_not_compared(schema: dict[str, Any] | None) -> None:
    # The SDK returns the PDF's body as bytes whatever its schema says: not JSON it parses.
    def rewrite(spec: dict[str, Any]) -> None:
        _content(spec, LETTER)["application/pdf"] = {} if schema is None else {"schema": schema}

    assert _media_changes(rewrite) == set()


def test_a_pdf_answer_becoming_json_is_breaking() -> None:
    # The method returned bytes; regenerated, it returns a Booking.
    replaced = _media_changes(lambda s: s["paths"][LETTER]["get"]["responses"]["200"].update(
        content=copy.deepcopy(BOOKING_JSON)
    ))  # fmt: skip
    assert replaced == {
        (Kind.MEDIA_TYPE_REMOVED, "response 200 application/pdf", True),
        (Kind.MEDIA_TYPE_ADDED, "response 200 application/json", True),
    }
    offered = _media_changes(lambda s: _content(s, LETTER).update(copy.deepcopy(BOOKING_JSON)))
    assert offered == {(Kind.MEDIA_TYPE_ADDED, "response 200 application/json", True)}
    release = additive_release()
    new = copy.deepcopy(release)
    _content(new, LETTER).update(copy.deepcopy(BOOKING_JSON))
    [change] = sd.diff_documents(release, new).changes
    assert change.detail == "media type added: the method returns a model, not bytes"


def test_json_leaving_an_answer_that_keeps_a_pdf_is_breaking() -> None:
    found = _media_changes(lambda s: _content(s, BOOKING).pop("application/json"))
    assert found == {(Kind.MEDIA_TYPE_REMOVED, "response 200 application/json", True)}


@pytest.mark.parametrize(
    ("path", "media"),
    [(LETTER, "text/csv"), (BOOKING, "image/png")],
    ids=["beside-a-pdf", "beside-json"],
)
def test_a_new_alternative_media_type_is_additive(path: str, media: str) -> None:
    found = _media_changes(lambda s: _content(s, path).__setitem__(media, {}))
    assert found == {(Kind.MEDIA_TYPE_ADDED, f"response 200 {media}", False)}


def test_a_media_type_beside_json_may_go_the_sdk_never_reads_it() -> None:
    found = _media_changes(lambda s: _content(s, BOOKING).pop("application/pdf"))
    assert found == {(Kind.MEDIA_TYPE_REMOVED, "response 200 application/pdf", False)}


def test_json_media_types_are_compared_as_json_whatever_their_names() -> None:
    # updateBooking: an application/merge-patch+json body, an application/vnd.hero.v2+json
    # answer. Renamed to other JSON media types, the SDK reads and sends the same models.
    def rename(spec: dict[str, Any]) -> None:
        operation = spec["paths"][BOOKING]["patch"]
        [(_, answer)] = operation["responses"]["200"]["content"].items()
        operation["responses"]["200"]["content"] = {"application/hal+json": answer}
        [(_, body)] = operation["requestBody"]["content"].items()
        operation["requestBody"]["content"] = {"application/json": body}

    assert _media_changes(rename) == {
        (Kind.MEDIA_TYPE_REMOVED, f"response 200 {BOOKING_V2}", False),
        (Kind.MEDIA_TYPE_ADDED, "response 200 application/hal+json", False),
        (Kind.MEDIA_TYPE_REMOVED, f"request body {MERGE_PATCH}", False),
        (Kind.MEDIA_TYPE_ADDED, "request body application/json", False),
    }

    def narrow(spec: dict[str, Any]) -> None:
        rename(spec)
        spec["components"]["schemas"]["BookingPatch"]["required"] = ["status"]
        spec["components"]["schemas"]["Booking"]["required"].remove("status")

    found = {(kind, at) for kind, at, breaking in _media_changes(narrow) if breaking}
    assert (Kind.REQUIRED_CHANGED, "request body application/json: status") in found
    assert (Kind.REQUIRED_CHANGED, "response 200 application/hal+json: status") in found


def test_a_media_type_rewritten_in_another_case_is_no_change() -> None:
    # RFC 9110: media types are case-insensitive; the SDK reads them so (generate.py too).
    def shout(spec: dict[str, Any]) -> None:
        for path in (LETTER, BOOKING):
            content = _content(spec, path)
            for media in list(content):
                content[media.upper()] = content.pop(media)

    assert _media_changes(shout) == set()
    new = additive_release()
    _content(new, LETTER)["Application/PDF"] = {}  # beside application/pdf: which is it?
    with pytest.raises(GenerationError, match="differ only in case"):
        sd.diff_documents(additive_release(), new)


# ---- CLI and regeneration, per change --------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_cli_exit_code_and_report(name: str, changes: Callable[[str], Changed]) -> None:
    changed = changes(name)
    result = run_cli(ROOT / "openapi.yaml", changed.spec)
    expected = CASES[changed.name].breaking

    assert result.returncode == (1 if expected else 0), result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("Summary: ")
    assert summary.endswith("BREAKING." if expected else "no breaking changes.")
    marks = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert marks == ({"BREAKING"} if expected else {"ok"})
    assert changed.report.has_breaking is expected


@pytest.mark.parametrize("name", list(CASES))
def test_changed_spec_regenerates(name: str, changes: Callable[[str], Changed]) -> None:
    changed = changes(name)
    assert changed.generation.returncode == 0, changed.generation.stdout + changed.generation.stderr
    models = changed.package / "models"
    committed = COMMITTED / "models"
    match changed.name:
        case "enum-value-added":
            assert '"vision"' in (models / "data_source.py").read_text()
            assert '"vision"' not in (committed / "data_source.py").read_text()
        case "optional-response-field-added":
            assert "pronouns: None | str | Unset = UNSET" in (models / "patient.py").read_text()
            assert "pronouns" not in (committed / "patient.py").read_text()
        case "operation-added":
            assert (changed.package / "api" / "patients" / "list_patient_notes.py").is_file()
            assert not (COMMITTED / "api" / "patients" / "list_patient_notes.py").exists()
        case "request-field-made-required":
            new, old = (d / "register_patient_request.py" for d in (models, committed))
            assert 'email = src_dict["email"]' in new.read_text()  # required: no default
            assert 'email = src_dict.get("email", UNSET)' in old.read_text()
        case "response-field-removed":
            assert '"notes"' not in (models / "patient.py").read_text()
            assert '"notes"' in (committed / "patient.py").read_text()
        case _:  # pragma: no cover
            pytest.fail(f"no regeneration check for {changed.name}")


FACADE_CHECK = textwrap.dedent(
    """
    import asyncio, json, sys
    import httpx
    import herohealth_openapi
    from herohealth import HeroHealth

    package_dir, body = sys.argv[1], json.loads(sys.argv[2])
    assert herohealth_openapi.__file__.startswith(package_dir), herohealth_openapi.__file__

    def answer(request):
        assert request.url.path == "/v1/patients/1", request.url
        return httpx.Response(200, json=body)

    async def main():
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
            async with HeroHealth(
                api_key="key", practice_group_id="pg-1", base_url="https://hero.test",
                max_retries=0, http_client=http,
            ) as hero:
                patient = await hero.patients.get("1")
        model = sys.modules[type(patient).__module__].__file__
        print(json.dumps({
            "herohealth_openapi": herohealth_openapi.__file__,
            "model": model,
            "attributes": {k: getattr(patient, k, None) for k in body if k != "identifiers"},
            "additional_properties": dict(patient.additional_properties),
        }, default=str))

    asyncio.run(main())
    """
)

PATIENT_BODY: dict[str, Any] = {
    "id": "1",
    "dob": "1989-04-11",
    "first_name": "Ada",
    "data_source": "emis",
    "status": "unarchived",
    "identifiers": [],
    "ehr_registered": True,
}


@pytest.mark.parametrize("name", NON_BREAKING)
def test_facade_parses_with_the_regenerated_client(
    name: str, changes: Callable[[str], Changed]
) -> None:
    changed = changes(name)
    assert changed.generation.returncode == 0, changed.generation.stderr
    field, value = CASES[name].patient_field or ("", "")
    body = {**PATIENT_BODY, field: value}
    directory = changed.package.parent
    env = {
        **os.environ,
        # The regenerated package first, then the facade of this checkout.
        "PYTHONPATH": os.pathsep.join(
            [str(directory), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    result = subprocess.run(  # noqa: S603 - fixed script, our own interpreter
        [sys.executable, "-c", FACADE_CHECK, str(changed.package), json.dumps(body)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["herohealth_openapi"].startswith(str(changed.package))
    assert seen["model"].startswith(str(changed.package))
    # The new field is an attribute of the regenerated model; the new enum value is kept.
    assert seen["attributes"][field] == value
    assert seen["additional_properties"] == {}


# ---- the rule table, on a small spec ---------------------------------------------------

MINI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "mini", "version": "1"},
    "paths": {
        "/things/{id}": {
            "get": {
                "operationId": "get_thing",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "q", "in": "query", "schema": {"type": "string"}},
                    {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "Ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        },
                    }
                },
            }
        },
        "/things": {
            "post": {
                "operationId": "create_thing",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}
                    },
                },
                "responses": {"200": {"description": "Ok"}},
            }
        },
    },
    "components": {
        "schemas": {
            "Colour": {"type": "string", "enum": ["red", "blue"]},
            "Circle": {
                "type": "object",
                "required": ["r"],
                "properties": {"r": {"type": "number"}},
            },
            "Square": {
                "type": "object",
                "required": ["a"],
                "properties": {"a": {"type": "number"}},
            },
            "Thing": {
                "type": "object",
                "required": ["id", "size"],
                "properties": {
                    "id": {"type": "string"},
                    "size": {"type": "integer"},
                    "tag": {"type": ["string", "null"]},
                    "colour": {
                        "anyOf": [{"$ref": "#/components/schemas/Colour"}, {"type": "null"}]
                    },
                    "parts": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"name": {"type": "string"}}},
                    },
                    "shape": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Circle"},
                            {"$ref": "#/components/schemas/Square"},
                        ]
                    },
                },
            },
            "NewThing": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": ["integer", "null"]},
                    "colour": {"allOf": [{"$ref": "#/components/schemas/Colour"}]},
                },
            },
        }
    },
}


def _defs(spec: dict[str, Any]) -> dict[str, Any]:
    defs: dict[str, Any] = spec["components"]["schemas"]
    return defs


def _params(spec: dict[str, Any]) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = spec["paths"]["/things/{id}"]["get"]["parameters"]
    return params


def _add_param(
    name: str, where: str, *, required: bool = False, type_: str = "string"
) -> Callable[[dict[str, Any]], None]:
    """A mutation: get_thing gains a parameter."""
    parameter = {"name": name, "in": where, "required": required, "schema": {"type": type_}}
    return lambda spec: _params(spec).append(parameter)


def _prop(schema: str, name: str, value: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A mutation: `schema`'s property `name` becomes `value`."""
    return lambda spec: _defs(spec)[schema]["properties"].__setitem__(name, value)


GET, POST = "(get_thing)", "(create_thing)"
COLOUR = "#/components/schemas/Colour"
# (mutation, kind, operation, location ends with, breaking)
RULES: dict[str, tuple[Callable[[dict[str, Any]], Any], Any, str, str, bool]] = {
    "response field made nullable": (
        _prop("Thing", "id", {"type": ["string", "null"]}),
        Kind.NULLABILITY_CHANGED, GET, ": id", True,
    ),
    "response field made non-nullable": (
        _prop("Thing", "tag", {"type": "string"}),
        Kind.NULLABILITY_CHANGED, GET, ": tag", False,
    ),
    "response enum made non-nullable (anyOf)": (
        _prop("Thing", "colour", {"$ref": COLOUR}),
        Kind.NULLABILITY_CHANGED, GET, ": colour", False,
    ),
    "request field made non-nullable": (
        _prop("NewThing", "size", {"type": "integer"}),
        Kind.NULLABILITY_CHANGED, POST, ": size", True,
    ),
    "request field made nullable": (
        _prop("NewThing", "name", {"type": ["string", "null"]}),
        Kind.NULLABILITY_CHANGED, POST, ": name", False,
    ),
    "request type changed": (
        _prop("NewThing", "size", {"type": ["string", "null"]}),
        Kind.TYPE_CHANGED, POST, ": size", True,
    ),
    "request type widened": (
        _prop("NewThing", "size", {"type": ["number", "null"]}),
        Kind.TYPE_CHANGED, POST, ": size", False,
    ),
    "response type widened": (
        _prop("Thing", "size", {"type": "number"}),
        Kind.TYPE_CHANGED, GET, ": size", True,
    ),
    "response format added": (
        lambda s: _defs(s)["Thing"]["properties"]["id"].__setitem__("format", "date-time"),
        Kind.TYPE_CHANGED, GET, ": id", True,
    ),
    "request enum value removed": (
        lambda s: _defs(s)["Colour"]["enum"].remove("blue"),
        Kind.ENUM_VALUE_REMOVED, POST, ": colour", True,
    ),
    "response enum value removed": (
        lambda s: _defs(s)["Colour"]["enum"].remove("blue"),
        Kind.ENUM_VALUE_REMOVED, GET, ": colour", False,
    ),
    "request enum value added": (
        lambda s: _defs(s)["Colour"]["enum"].append("green"),
        Kind.ENUM_VALUE_ADDED, POST, ": colour", False,
    ),
    "request field removed": (
        lambda s: _defs(s)["NewThing"]["properties"].pop("size"),
        Kind.FIELD_REMOVED, POST, ": size", True,
    ),
    "request required field added": (
        lambda s: (
            _defs(s)["NewThing"]["properties"].__setitem__("owner", {"type": "string"}),
            _defs(s)["NewThing"]["required"].append("owner"),
        ),
        Kind.FIELD_ADDED, POST, ": owner", True,
    ),
    "response required field added": (
        lambda s: (
            _defs(s)["Thing"]["properties"].__setitem__("owner", {"type": "string"}),
            _defs(s)["Thing"]["required"].append("owner"),
        ),
        Kind.FIELD_ADDED, GET, ": owner", False,
    ),
    "response field made optional": (
        lambda s: _defs(s)["Thing"]["required"].remove("size"),
        Kind.REQUIRED_CHANGED, GET, ": size", True,
    ),
    "request field made optional": (
        lambda s: _defs(s)["NewThing"]["required"].remove("name"),
        Kind.REQUIRED_CHANGED, POST, ": name", False,
    ),
    "array item field removed": (
        lambda s: _defs(s)["Thing"]["properties"]["parts"]["items"]["properties"].pop("name"),
        Kind.FIELD_REMOVED, GET, ": parts[].name", True,
    ),
    "oneOf variant field removed": (
        lambda s: _defs(s)["Circle"]["properties"].pop("r"),
        Kind.FIELD_REMOVED, GET, ": shape<Circle>.r", True,
    ),
    "response union variant added": (
        lambda s: _defs(s)["Thing"]["properties"]["shape"]["oneOf"].append({"type": "string"}),
        Kind.VARIANT_ADDED, GET, ": shape", True,
    ),
    "response union variant removed": (
        lambda s: _defs(s)["Thing"]["properties"]["shape"]["oneOf"].pop(),
        Kind.UNION_CHANGED, GET, ": shape", True,
    ),
    "optional parameter added": (
        _add_param("page", "query", type_="integer"),
        Kind.PARAMETER_ADDED, GET, "parameter query page", False,
    ),
    "required parameter added": (
        _add_param("page", "query", required=True, type_="integer"),
        Kind.PARAMETER_ADDED, GET, "parameter query page", True,
    ),
    "parameter made required": (
        lambda s: _params(s)[1].__setitem__("required", True),
        Kind.PARAMETER_REQUIRED_CHANGED, GET, "parameter query q", True,
    ),
    "parameter removed": (
        lambda s: _params(s).pop(1),
        Kind.PARAMETER_REMOVED, GET, "parameter query q", True,
    ),
    "required header parameter added": (
        _add_param("X-Request-Id", "header", required=True),
        Kind.PARAMETER_ADDED, GET, "parameter header X-Request-Id", True,
    ),
    "optional header parameter added": (
        _add_param("X-Request-Id", "header"),
        Kind.PARAMETER_ADDED, GET, "parameter header X-Request-Id", False,
    ),
    "header parameter made required": (
        lambda s: _params(s)[2].__setitem__("required", True),
        Kind.PARAMETER_REQUIRED_CHANGED, GET, "parameter header X-Trace", True,
    ),
    "header parameter removed": (
        lambda s: _params(s).pop(2),
        Kind.PARAMETER_REMOVED, GET, "parameter header X-Trace", True,
    ),
    "header parameter type changed": (
        lambda s: _params(s)[2].__setitem__("schema", {"type": "integer"}),
        Kind.TYPE_CHANGED, GET, "parameter header X-Trace", True,
    ),
    "required cookie parameter added": (
        _add_param("session", "cookie", required=True),
        Kind.PARAMETER_ADDED, GET, "parameter cookie session", True,
    ),
    "first tag changed": (
        lambda s: s["paths"]["/things"]["post"].__setitem__("tags", ["Things"]),
        Kind.TAG_CHANGED, POST, "", True,
    ),
    "parameter explode changed": (
        lambda s: _params(s)[1].__setitem__("explode", False),
        Kind.PARAMETER_STYLE_CHANGED, GET, "parameter query q", True,
    ),
    "parameter style changed": (
        lambda s: _params(s)[1].__setitem__("style", "pipeDelimited"),
        Kind.PARAMETER_STYLE_CHANGED, GET, "parameter query q", True,
    ),
    "parameter sent as JSON content instead": (
        lambda s: _params(s)[1].update(
            content={"application/json": {"schema": _params(s)[1].pop("schema")}}
        ),
        Kind.PARAMETER_STYLE_CHANGED, GET, "parameter query q", True,
    ),
    "parameter enum added": (
        lambda s: _params(s)[1]["schema"].__setitem__("enum", ["a", "b"]),
        Kind.ENUM_ADDED, GET, "parameter query q", True,
    ),
    "operation removed": (
        lambda s: s["paths"].pop("/things"),
        Kind.OPERATION_REMOVED, POST, "", True,
    ),
    "operationId renamed": (
        lambda s: s["paths"]["/things"]["post"].__setitem__("operationId", "make_thing"),
        Kind.OPERATION_ID_CHANGED, POST, "", True,
    ),
    "operation moved": (
        lambda s: s["paths"].__setitem__("/v2/things", s["paths"].pop("/things")),
        Kind.OPERATION_MOVED, POST, "", False,
    ),
    "operation deprecated": (
        lambda s: s["paths"]["/things/{id}"]["get"].__setitem__("deprecated", True),
        Kind.DEPRECATED, GET, "", False,
    ),
    "parameter deprecated": (
        lambda s: _params(s)[1].__setitem__("deprecated", True),
        Kind.DEPRECATED, GET, "parameter query q", False,
    ),
    "parameter schema deprecated": (
        lambda s: _params(s)[1]["schema"].__setitem__("deprecated", True),
        Kind.DEPRECATED, GET, "parameter query q", False,
    ),
    "request field deprecated": (
        lambda s: _defs(s)["NewThing"]["properties"]["name"].__setitem__("deprecated", True),
        Kind.DEPRECATED, POST, ": name", False,
    ),
    "response field deprecated": (
        lambda s: _defs(s)["Thing"]["properties"]["tag"].__setitem__("deprecated", True),
        Kind.DEPRECATED, GET, ": tag", False,
    ),
    "response status removed": (  # the method read it: it returns None now
        lambda s: s["paths"]["/things/{id}"]["get"]["responses"].__setitem__(
            "404", s["paths"]["/things/{id}"]["get"]["responses"].pop("200")
        ),
        Kind.RESPONSE_REMOVED, GET, "response 200", True,
    ),
    "success response status changed": (  # the method reads the 201 as it read the 200
        lambda s: s["paths"]["/things/{id}"]["get"]["responses"].__setitem__(
            "201", s["paths"]["/things/{id}"]["get"]["responses"].pop("200")
        ),
        Kind.SUCCESS_STATUS_CHANGED, GET, "response 201", False,
    ),
    "parameter constraint added": (
        lambda s: _params(s)[1]["schema"].__setitem__("maxLength", 10),
        Kind.CONSTRAINT_CHANGED, GET, "parameter query q", True,
    ),
    "request field pattern added": (
        lambda s: _defs(s)["NewThing"]["properties"]["name"].__setitem__("pattern", "^[a-z]+$"),
        Kind.CONSTRAINT_CHANGED, POST, ": name", True,
    ),
}  # fmt: skip


def _check_rule(
    base: dict[str, Any], rule: tuple[Callable[[dict[str, Any]], Any], Any, str, str, bool]
) -> None:
    mutate, kind, operation, location, breaking = rule
    new = copy.deepcopy(base)
    mutate(new)

    found = sd.diff_documents(base, new).find(kind, operation=operation)

    assert [c.location for c in found if c.location.endswith(location)], found
    assert all(c.breaking is breaking for c in found if c.location.endswith(location)), found


@pytest.mark.parametrize("rule", list(RULES))
def test_rule(rule: str) -> None:
    _check_rule(MINI, RULES[rule])


def test_mini_specs_are_valid_and_unchanged() -> None:
    from openapi_spec_validator import validate

    for base in (MINI, SECURED):
        validate(base)
        assert sd.diff_documents(base, copy.deepcopy(base)).changes == ()


def test_a_parameters_default_serialization_written_out_is_no_change() -> None:
    new = copy.deepcopy(MINI)
    _params(new)[1].update(style="form", explode=True)
    _params(new)[2].update(style="simple", explode=False)
    assert sd.diff_documents(MINI, new).changes == ()


def test_a_json_content_parameters_schema_is_compared_as_a_schema_parameters_is() -> None:
    def as_content(spec: dict[str, Any]) -> None:
        schema = _params(spec)[1].pop("schema")
        _params(spec)[1]["content"] = {"application/json": {"schema": schema}}

    base = copy.deepcopy(MINI)
    as_content(base)
    new = copy.deepcopy(base)
    new_schema = _params(new)[1]["content"]["application/json"]["schema"]
    new_schema["type"] = "integer"
    [change] = sd.diff_documents(base, new).changes
    assert (change.kind, change.breaking) == (Kind.TYPE_CHANGED, True)
    assert change.location == "parameter query q application/json"


def test_header_parameter_names_are_case_insensitive() -> None:
    new = copy.deepcopy(MINI)
    _params(new)[2]["name"] = "x-trace"
    assert sd.diff_documents(MINI, new).changes == ()


def test_a_header_parameter_names_its_keyword_argument() -> None:
    new = copy.deepcopy(MINI)
    _add_param("X-Request-Id", "header", required=True)(new)
    [change] = sd.diff_documents(MINI, new).changes
    assert change.detail == "parameter added (required): keyword argument x_request_id"
    assert change.subject == "X-Request-Id"


@pytest.mark.parametrize("name", ["Accept", "content-type", "AUTHORIZATION"])
def test_a_header_parameter_openapi_ignores_is_no_change(name: str) -> None:
    # OpenAPI: a header parameter named Accept, Content-Type or Authorization SHALL be
    # ignored; `make generate` gives it no argument, so callers have nothing new to pass.
    new = copy.deepcopy(MINI)
    _add_param(name, "header", required=True)(new)
    assert sd.diff_documents(MINI, new).changes == ()
    assert sd.diff_documents(new, MINI).changes == ()  # nor is its removal


# ---- deprecation lifted, and deprecation beside a $ref --------------------------------


def _deprecation(spec: dict[str, Any], site: str) -> None:
    """A mutation: `deprecated: true` on get_thing (operation), its query parameter q
    (parameter), create_thing's body field `name` (request field) or Thing's `tag` (response
    field)."""
    if site == "operation":
        spec["paths"]["/things/{id}"]["get"]["deprecated"] = True
    elif site == "parameter":
        _params(spec)[1]["deprecated"] = True
    else:
        schema, name = ("NewThing", "name") if site == "request field" else ("Thing", "tag")
        _defs(spec)[schema]["properties"][name]["deprecated"] = True


def _schema_at(spec: dict[str, Any], site: str, schema: dict[str, Any]) -> None:
    """A mutation: the query parameter q's schema (parameter), or the field of _deprecation's
    site, becomes `schema`."""
    if site == "parameter":
        _params(spec)[1]["schema"] = schema
    else:
        owner, name = ("NewThing", "name") if site == "request field" else ("Thing", "tag")
        _defs(spec)[owner]["properties"][name] = schema


def _report_and_exit_code(
    tmp_path: Path, old: dict[str, Any], new: dict[str, Any]
) -> tuple[Any, subprocess.CompletedProcess[str]]:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    result = run_cli(write_spec(tmp_path / "old", old), write_spec(tmp_path / "new", new))
    return sd.diff_documents(old, new), result


DEPRECATION_SITES = {  # site: (operation, location, what the report calls it)
    "operation": (GET, "", "operation"),
    "parameter": (GET, "parameter query q", "parameter"),
    "request field": (POST, "request body application/json: name", "field"),
    "response field": (GET, "response 200 application/json: tag", "field"),
}


@pytest.mark.parametrize("site", list(DEPRECATION_SITES))
def test_a_deprecation_lifted_is_an_ok_notice(site: str, tmp_path: Path) -> None:
    # Hero keeps serving it and the regenerated SDK stops warning: nothing a caller wrote breaks.
    operation, location, what = DEPRECATION_SITES[site]
    deprecated = copy.deepcopy(MINI)
    _deprecation(deprecated, site)

    report, result = _report_and_exit_code(tmp_path, deprecated, MINI)

    [change] = report.changes
    assert (change.kind, change.location, change.detail, change.breaking) == (
        Kind.UNDEPRECATED,
        location,
        f"{what} undeprecated",
        False,
    )
    assert operation in change.operation
    assert result.returncode == 0, result.stderr
    where = f"{location}: " if location else ""
    assert f"  ok        {where}{what} undeprecated\n" in result.stdout
    assert "Summary: 1 changes (0 breaking, 1 ok): no breaking changes." in result.stdout


@pytest.mark.parametrize("site", ["parameter", "request field", "response field"])
def test_deprecated_beside_a_ref_is_seen_both_ways(site: str, tmp_path: Path) -> None:
    # OpenAPI 3.1 lets `deprecated` sit beside a `$ref`; resolving the `$ref` must not lose it.
    operation, location, what = DEPRECATION_SITES[site]
    plain, deprecated = copy.deepcopy(MINI), copy.deepcopy(MINI)
    _schema_at(plain, site, {"$ref": COLOUR})
    _schema_at(deprecated, site, {"$ref": COLOUR, "deprecated": True})

    # And beside a `$ref` the property's `$ref` leads to: a component that aliases another.
    aliased = copy.deepcopy(MINI)
    aliased["components"]["schemas"]["OldColour"] = {"$ref": COLOUR, "deprecated": True}
    _schema_at(aliased, site, {"$ref": "#/components/schemas/OldColour"})
    unaliased = copy.deepcopy(aliased)
    del unaliased["components"]["schemas"]["OldColour"]["deprecated"]

    report, result = _report_and_exit_code(tmp_path, plain, deprecated)
    lifted = sd.diff_documents(deprecated, plain)

    for found, kind, word in (
        (report, Kind.DEPRECATED, "deprecated"),
        (lifted, Kind.UNDEPRECATED, "undeprecated"),
        (sd.diff_documents(unaliased, aliased), Kind.DEPRECATED, "deprecated"),
        (sd.diff_documents(aliased, unaliased), Kind.UNDEPRECATED, "undeprecated"),
    ):
        [change] = found.changes
        assert (change.kind, change.location, change.detail, change.breaking) == (
            kind,
            location,
            f"{what} {word}",
            False,
        )
        assert operation in change.operation
    assert result.returncode == 0, result.stderr
    assert f"  ok        {location}: {what} deprecated\n" in result.stdout


# ---- security: the schemes and who must send them --------------------------------------

API_KEYS = {
    "ApiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"},
    "PracticeGroupId": {"type": "apiKey", "in": "header", "name": "x-practice-group-id"},
}
SECURED: dict[str, Any] = {
    **copy.deepcopy(MINI),
    "security": [{"ApiKey": [], "PracticeGroupId": []}],
}
SECURED["components"]["securitySchemes"] = copy.deepcopy(API_KEYS)
SESSION = {"type": "apiKey", "in": "header", "name": "x-session"}
TOP = sd.DOCUMENT_SECURITY
SCHEMES = sd.DOCUMENT_SCHEMES


def _schemes(spec: dict[str, Any]) -> dict[str, Any]:
    schemes: dict[str, Any] = spec["components"]["securitySchemes"]
    return schemes


def _with_session(spec: dict[str, Any]) -> dict[str, Any]:
    _schemes(spec)["Session"] = SESSION
    return spec


def _own_security(operation: str) -> Callable[[dict[str, Any]], Any]:
    """A mutation: `operation` gets its own `security` list (evaluated later, per spec)."""
    path = {"get_thing": ("/things/{id}", "get"), "create_thing": ("/things", "post")}[operation]
    return lambda spec, alternatives: spec["paths"][path[0]][path[1]].__setitem__(
        "security", alternatives
    )


KEYS = {"ApiKey": [], "PracticeGroupId": []}
SECURITY_RULES: dict[str, tuple[Callable[[dict[str, Any]], Any], Any, str, str, bool]] = {
    "new scheme required everywhere": (
        lambda s: _with_session(s)["security"][0].__setitem__("Session", []),
        Kind.SECURITY_REQUIRED, TOP, "", True,
    ),
    "new scheme required by one operation": (
        lambda s: _own_security("get_thing")(_with_session(s), [{**KEYS, "Session": []}]),
        Kind.SECURITY_REQUIRED, GET, "security", True,
    ),
    "scheme no longer required everywhere": (
        lambda s: s.__setitem__("security", [{"ApiKey": []}]),
        Kind.SECURITY_NOT_REQUIRED, TOP, "", False,
    ),
    "operation made anonymous": (
        lambda s: _own_security("create_thing")(s, []),
        Kind.SECURITY_NOT_REQUIRED, POST, "security", False,
    ),
    "alternative added": (
        lambda s: s["security"].append({"Session": []}) or _with_session(s),
        Kind.SECURITY_NOT_REQUIRED, TOP, "", False,
    ),
    "old alternative no longer accepted": (
        lambda s: _own_security("get_thing")(
            _with_session(s), [{"ApiKey": [], "Session": []}, {"PracticeGroupId": [], "Otp": []}]
        ) or _schemes(s).__setitem__("Otp", {"type": "apiKey", "in": "header", "name": "x-otp"}),
        Kind.SECURITY_CHANGED, GET, "security", True,
    ),
    "unused scheme added": (
        lambda s: _with_session(s),
        Kind.SECURITY_SCHEME_ADDED, SCHEMES, "", False,
    ),
    "unused scheme removed": (
        lambda s: (s.__setitem__("security", [{"ApiKey": []}]), _schemes(s).pop("PracticeGroupId")),
        Kind.SECURITY_SCHEME_REMOVED, SCHEMES, "", False,
    ),
    "scheme header renamed": (
        lambda s: _schemes(s)["PracticeGroupId"].__setitem__("name", "x-practice-group"),
        Kind.SECURITY_SCHEME_CHANGED, SCHEMES, "", True,
    ),
    "scheme moved from header to query": (
        lambda s: _schemes(s)["ApiKey"].__setitem__("in", "query"),
        Kind.SECURITY_SCHEME_CHANGED, SCHEMES, "", True,
    ),
    "scheme type changed": (
        lambda s: _schemes(s).__setitem__("ApiKey", {"type": "http", "scheme": "bearer"}),
        Kind.SECURITY_SCHEME_CHANGED, SCHEMES, "", True,
    ),
}  # fmt: skip


@pytest.mark.parametrize("rule", list(SECURITY_RULES))
def test_security_rule(rule: str) -> None:
    _check_rule(SECURED, SECURITY_RULES[rule])


def test_security_changes_say_what_a_caller_must_send() -> None:
    new = _with_session(copy.deepcopy(SECURED))
    new["security"] = [{**KEYS, "Session": []}]
    _own_security("create_thing")(new, [{"ApiKey": []}])

    report = sd.diff_documents(SECURED, new)

    lines = {(c.operation, c.location, c.detail, c.breaking) for c in report.changes}
    assert lines == {
        (SCHEMES, "", "scheme Session (apiKey in header x-session) added", False),
        (
            TOP,
            "",
            "scheme Session now required (a new scheme the SDK does not send: every call gets 401)",
            True,
        ),
        # create_thing has its own list: neither Session nor PracticeGroupId is needed there.
        (
            "POST /things (create_thing)",
            "security",
            "scheme PracticeGroupId no longer required",
            False,
        ),
    }
    # Document-wide changes come first: they concern every operation.
    assert report.render().startswith(f"{SCHEMES}\n")


def test_an_operation_inheriting_both_lists_is_not_reported_again() -> None:
    new = _with_session(copy.deepcopy(SECURED))
    new["security"][0]["Session"] = []
    assert {c.operation for c in sd.diff_documents(SECURED, new).changes} == {TOP, SCHEMES}


def test_a_refused_alternative_is_named() -> None:
    old = _with_session(copy.deepcopy(SECURED))
    old["security"] = [{"ApiKey": []}, {"Session": []}]
    new = copy.deepcopy(old)
    new["security"] = [{"ApiKey": []}, {"Session": [], "PracticeGroupId": []}]

    [change] = sd.diff_documents(old, new).changes

    assert change.kind is Kind.SECURITY_CHANGED
    assert change.detail == (
        "alternatives ApiKey or Session -> ApiKey or PracticeGroupId+Session: "
        "Session no longer accepted"
    )
    assert change.breaking


def test_a_known_scheme_newly_required_is_breaking() -> None:
    old = _with_session(copy.deepcopy(SECURED))
    new = copy.deepcopy(old)
    new["security"][0]["Session"] = []

    [change] = sd.diff_documents(old, new).changes

    assert change.kind is Kind.SECURITY_REQUIRED
    assert change.detail == "scheme Session now required (callers that do not send it get 401)"
    assert change.breaking


def test_an_added_alternative_refuses_nobody() -> None:
    old = _with_session(copy.deepcopy(SECURED))
    new = copy.deepcopy(old)
    new["security"] = [{"Session": []}, KEYS]

    report = sd.diff_documents(old, new)

    assert {c.kind for c in report.changes} == {Kind.SECURITY_NOT_REQUIRED}
    assert not report.has_breaking


def test_scheme_header_names_are_case_insensitive() -> None:
    new = copy.deepcopy(SECURED)
    _schemes(new)["ApiKey"]["name"] = "X-API-Key"
    assert sd.diff_documents(SECURED, new).changes == ()


def test_a_new_required_auth_scheme_on_the_real_spec_is_breaking(tmp_path: Path) -> None:
    """Until now this read "No changes." and exited 0: every call would have got 401."""
    new = copy.deepcopy(SPEC)
    new["components"]["securitySchemes"]["Session"] = SESSION
    new["security"][0]["Session"] = []

    result = run_cli(ROOT / "openapi.yaml", write_spec(tmp_path, new))

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{TOP}\n  BREAKING  scheme Session now required" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == (
        "Summary: 2 changes (1 breaking, 1 ok): BREAKING."
    )


def test_cli_refuses_an_invalid_document(tmp_path: Path) -> None:
    broken = copy.deepcopy(SPEC)
    del broken["info"]
    result = run_cli(ROOT / "openapi.yaml", write_spec(tmp_path, broken))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "spec_diff:" in result.stderr


# What sdk.yaml maps: the SDK sends every alternative whose schemes are all mapped.
MAPPED = sd.Naming.from_config({"auth": {"ApiKey": "api_key", "PracticeGroupId": "pg"}})
FASTAPI = [{"ApiKey": []}, {"PracticeGroupId": []}]  # as FastAPI writes two required schemes


def _secured(alternatives: list[dict[str, Any]]) -> dict[str, Any]:
    spec = _with_session(copy.deepcopy(SECURED))
    spec["security"] = copy.deepcopy(alternatives)
    return spec


def _lines(report: Any) -> set[tuple[Any, str, bool, tuple[str, ...]]]:
    return {(c.kind, c.detail, c.breaking, c.sdk) for c in report.changes}


def test_fastapi_alternatives_written_as_one_refuse_no_call_the_sdk_makes() -> None:
    # The SDK already sent both keys on every call: requiring both together changes nothing
    # for it, though a caller sending one of them alone is refused now.
    report = sd.diff_documents(_secured(FASTAPI), _secured([KEYS]), naming=MAPPED)

    assert not report.has_breaking, report.render()
    assert _lines(report) == {
        (
            Kind.SECURITY_REQUIRED,
            f"scheme {name} now required (the SDK sends it already)",
            False,
            (f"sdk.yaml auth.{name}: the SDK sends its {credential} credential",),
        )
        for name, credential in (("ApiKey", "api_key"), ("PracticeGroupId", "pg"))
    }
    # Without sdk.yaml, what the SDK sends is not known: a caller of one alternative breaks.
    assert sd.diff_documents(_secured(FASTAPI), _secured([KEYS])).has_breaking


def test_a_refused_alternative_the_sdk_does_not_rely_on_alone_is_ok() -> None:
    old = _secured([{"ApiKey": []}, {"PracticeGroupId": []}, {"Session": []}])
    new = _secured([KEYS, {"Session": []}])

    [change] = sd.diff_documents(old, new, naming=MAPPED).changes

    assert change.kind is Kind.SECURITY_CHANGED
    assert change.detail.endswith(
        "ApiKey or PracticeGroupId no longer accepted "
        "(the SDK sends ApiKey+PracticeGroupId, which still is)"
    )
    assert not change.breaking
    assert sd.diff_documents(old, new).has_breaking  # without sdk.yaml, as before


def test_an_unmapped_scheme_beside_fastapi_alternatives_may_be_required_too() -> None:
    # Read as FastAPI writes required schemes, a new alternative may be a new requirement,
    # which the SDK cannot send: every call would get 401.
    report = sd.diff_documents(
        _secured(FASTAPI), _secured([*FASTAPI, {"Session": []}]), naming=MAPPED
    )

    not_sent = [c for c in report.changes if c.kind is Kind.SECURITY_NOT_SENT]
    assert [(c.subject, c.breaking, c.sdk) for c in not_sent] == [
        (
            "Session",
            True,
            ("not in sdk.yaml auth: the SDK sends ApiKey+PracticeGroupId",),
        )
    ]
    assert not_sent[0].detail.startswith(
        "scheme Session added in an alternative the SDK does not send: the SDK sends every "
        "alternative it maps"
    )
    assert "SECURITY_NOT_SENT" not in report.render()
    assert "BREAKING  scheme Session added in an alternative" in report.render()


def test_an_unmapped_alternative_beside_a_whole_one_is_a_notice() -> None:
    report = sd.diff_documents(_secured([KEYS]), _secured([KEYS, {"Session": []}]), naming=MAPPED)

    assert not report.has_breaking, report.render()
    assert (
        Kind.SECURITY_NOT_SENT,
        "scheme Session added in an alternative the SDK does not send",
        False,
        ("not in sdk.yaml auth: the SDK sends ApiKey+PracticeGroupId",),
    ) in _lines(report)
    # Without sdk.yaml, nothing is known about what is sent: no such line.
    assert Kind.SECURITY_NOT_SENT not in {
        c.kind
        for c in sd.diff_documents(_secured([KEYS]), _secured([KEYS, {"Session": []}])).changes
    }


def test_only_unmapped_alternatives_left_blocks_generation() -> None:
    old = _secured([KEYS])
    new = _secured([{"Session": []}, {"Session": [], "Otp": []}])
    _schemes(new)["Otp"] = {"type": "apiKey", "in": "header", "name": "x-otp"}

    report = sd.diff_documents(old, new, naming=MAPPED)

    not_sent = {c.subject: c for c in report.changes if c.kind is Kind.SECURITY_NOT_SENT}
    assert set(not_sent) == {"Otp"}  # Session is reported as newly required
    assert not_sent["Otp"].breaking
    assert not_sent["Otp"].sdk == (f"{sd.BLOCKING[1]} to it, nor to all of any other alternative",)
    assert "`make generate` refuses" in report.render()


def test_an_optional_alternative_first_sends_nothing_and_breaks_nobody() -> None:
    report = sd.diff_documents(_secured([{}]), _secured([{}, {"Session": []}]), naming=MAPPED)

    assert not report.has_breaking, report.render()
    assert ("not in sdk.yaml auth: the SDK sends none",) in {c.sdk for c in report.changes}


# ---- a header parameter the SDK sends a credential in ------------------------------------


def _header(spec: dict[str, Any], name: str, *, required: bool = True) -> dict[str, Any]:
    """A mutation: get_thing declares the header parameter `name`."""
    parameter = {"name": name, "in": "header", "required": required, "schema": {"type": "string"}}
    _params(spec).append(parameter)
    return spec


@pytest.mark.parametrize("naming", [None, MAPPED], ids=["without-sdk-yaml", "with-sdk-yaml"])
def test_a_header_parameter_a_security_scheme_sends_is_no_argument(naming: Any) -> None:
    # `x-api-key` declared again as a parameter: the generator gives it no argument (the
    # client's credential goes there on every call), so callers have nothing new to pass.
    new = _header(copy.deepcopy(SECURED), "X-API-Key")
    assert sd.diff_documents(SECURED, new, naming=naming).changes == ()
    assert sd.diff_documents(new, SECURED, naming=naming).changes == ()  # nor is its removal
    optional = _header(copy.deepcopy(SECURED), "x-practice-group-id", required=False)
    assert sd.diff_documents(SECURED, optional, naming=naming).changes == ()


def test_a_header_parameter_of_a_scheme_the_sdk_does_not_send_is_an_argument() -> None:
    # sdk.yaml maps no credential to Session: the SDK sends ApiKey alone, so x-session is an
    # argument callers must pass; x-api-key still is not.
    old = _secured([{"ApiKey": []}, {"Session": []}])
    new = _header(_header(copy.deepcopy(old), "x-api-key"), "X-Session")

    [change] = sd.diff_documents(old, new, naming=MAPPED).changes

    assert (change.kind, change.location, change.breaking) == (
        Kind.PARAMETER_ADDED,
        "parameter header X-Session",
        True,
    )
    # An operation that sends no credential (public) has an argument for x-api-key too.
    public, public_new = copy.deepcopy(old), copy.deepcopy(new)
    for spec in (public, public_new):
        spec["paths"]["/things/{id}"]["get"]["security"] = []
    found = sd.diff_documents(public, public_new, naming=MAPPED).find(Kind.PARAMETER_ADDED)
    assert {(c.location, c.breaking) for c in found} == {
        ("parameter header x-api-key", True),
        ("parameter header X-Session", True),
    }


def test_a_scheme_no_longer_sent_in_a_declared_header_gives_it_an_argument() -> None:
    # The parameter was the credential's header; with ApiKey gone from the requirement the
    # generator makes it an argument, required: callers must pass it.
    old = _header(copy.deepcopy(SECURED), "x-api-key")
    new = copy.deepcopy(old)
    new["security"] = [{"PracticeGroupId": []}]

    found = sd.diff_documents(old, new, naming=MAPPED).find(Kind.PARAMETER_ADDED)

    assert [(c.location, c.breaking) for c in found] == [("parameter header x-api-key", True)]


def test_the_api_key_header_declared_on_the_real_spec_is_no_change(tmp_path: Path) -> None:
    # As `make spec-diff` runs it: exit 0, where it reported a new required argument (exit 1).
    new = copy.deepcopy(SPEC)
    get_patient = new["paths"]["/v1/patients/{id}"]["get"]
    get_patient["parameters"].append(
        {"name": "x-api-key", "in": "header", "required": True, "schema": {"type": "string"}}
    )

    result = run_cli(
        ROOT / "openapi.yaml", write_spec(tmp_path, new), "--sdk", str(ROOT / "sdk.yaml")
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No changes.")


# ---- the success response, whatever its status key ---------------------------------------


def _responses(spec: dict[str, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = spec["paths"]["/things/{id}"]["get"]["responses"]
    return responses


def _success_as(status: str) -> dict[str, Any]:
    """MINI with get_thing's success documented under `status`."""
    spec = copy.deepcopy(MINI)
    _responses(spec)[status] = _responses(spec).pop("200")
    return spec


ERROR_ANSWER = {
    "description": "Error",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"detail": {"type": "string"}}}
        }
    },
}


@pytest.mark.parametrize(
    ("was", "now"), [("default", "200"), ("2XX", "200"), ("200", "2XX"), ("default", "2XX")]
)
def test_a_success_moved_to_another_status_key_is_one_response(
    was: str, now: str, tmp_path: Path
) -> None:
    # The method reads it either way (tools/generate.py `success_status`): the same result.
    old, new = _success_as(was), _success_as(now)

    report, result = _report_and_exit_code(tmp_path, old, new)

    [change] = report.changes
    assert (change.kind, change.location, change.breaking) == (
        Kind.SUCCESS_STATUS_CHANGED,
        f"response {now}",
        False,
    )
    assert change.detail == f"success response {was} -> {now} (the method reads it as before)"
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("was", "now"), [("default", "200"), ("200", "2XX")])
def test_a_moved_successs_schema_changes_are_reported_as_usual(was: str, now: str) -> None:
    old, new = _success_as(was), _success_as(now)
    _defs(new)["Thing"]["properties"].pop("tag")
    _defs(new)["Thing"]["properties"]["size"] = {"type": "number"}  # widened: may get 1.5
    _defs(new)["Thing"]["properties"]["id"] = {"type": "string", "format": "uuid"}

    report = sd.diff_documents(old, new)

    where = f"response {now} application/json"
    assert {(c.kind, c.location, c.breaking) for c in report.changes} == {
        (Kind.SUCCESS_STATUS_CHANGED, f"response {now}", False),
        (Kind.FIELD_REMOVED, f"{where}: tag", True),
        (Kind.TYPE_CHANGED, f"{where}: size", True),
        (Kind.TYPE_CHANGED, f"{where}: id", True),
    }
    # And a body that is no longer the model at all.
    other = _success_as(now)
    _responses(other)[now]["content"]["application/json"]["schema"] = {"type": "string"}
    [changed] = sd.diff_documents(old, other).find(Kind.TYPE_CHANGED, location=where)
    assert (changed.location, changed.breaking) == (where, True)


def test_a_default_beside_a_listed_success_is_never_read_nor_compared() -> None:
    # Beside a 200, `default` is an error's answer; the generator drops it (`successes`).
    old = copy.deepcopy(MINI)
    _responses(old)["default"] = copy.deepcopy(ERROR_ANSWER)
    changed = copy.deepcopy(old)
    _responses(changed)["default"]["content"]["application/json"]["schema"] = {"type": "integer"}

    assert sd.diff_documents(old, changed).changes == ()
    assert sd.diff_documents(old, MINI).changes == ()  # removed
    assert sd.diff_documents(MINI, old).changes == ()  # added
    # Where it is the success (no 2xx listed) it is read, and compared.
    alone = _success_as("default")
    narrowed = copy.deepcopy(alone)
    _responses(narrowed)["default"]["content"]["application/json"]["schema"] = {"type": "string"}
    assert sd.diff_documents(alone, narrowed).has_breaking


def test_the_success_removed_is_breaking_wherever_it_was() -> None:
    for status in ("default", "2XX", "200"):
        old, new = _success_as(status), _success_as(status)
        _responses(new)["404"] = _responses(new).pop(status)
        [removed] = sd.diff_documents(old, new).find(Kind.RESPONSE_REMOVED)
        assert (removed.location, removed.breaking) == (f"response {status}", True)


# ---- keywords beside a $ref, and the constraints the SDK checks --------------------------

NAME = "#/components/schemas/Name"
# Where a schema is read: (its site for _schema_at, operation, location, request or not)
SIBLING_SITES = {
    "parameter": (GET, "parameter query q", True),
    "request field": (POST, "request body application/json: name", True),
    "response field": (GET, "response 200 application/json: tag", False),
}


def _with_name(spec: dict[str, Any]) -> dict[str, Any]:
    _defs(spec)["Name"] = {"type": "string", "maxLength": 50}
    return spec


@pytest.mark.parametrize(
    ("sibling", "kind"),
    [
        ({"maxLength": 20}, Kind.CONSTRAINT_CHANGED),  # the SDK refuses 21 characters now
        ({"pattern": "^[A-Z]"}, Kind.CONSTRAINT_CHANGED),
        ({"minLength": 1}, Kind.CONSTRAINT_CHANGED),
        ({"enum": ["red"]}, Kind.ENUM_ADDED),
    ],
    ids=["maxLength", "pattern", "minLength", "enum"],
)
@pytest.mark.parametrize("site", list(SIBLING_SITES))
def test_a_keyword_beside_a_ref_applies_with_its_target(
    site: str, sibling: dict[str, Any], kind: Any, tmp_path: Path
) -> None:
    # JSON Schema 2020-12: `{$ref: Name, maxLength: 20}` is a Name of at most 20 characters, to
    # Hero, to FakeHero and to the SDK's check before sending (the generator keeps it).
    operation, location, request = SIBLING_SITES[site]
    plain, constrained = _with_name(copy.deepcopy(MINI)), _with_name(copy.deepcopy(MINI))
    _schema_at(plain, site, {"$ref": NAME})
    _schema_at(constrained, site, {"$ref": NAME, **sibling})
    # The same, beside the `$ref` of a component the field's `$ref` leads to.
    aliased = _with_name(copy.deepcopy(MINI))
    _defs(aliased)["ShortName"] = {"$ref": NAME, **sibling}
    _schema_at(aliased, site, {"$ref": "#/components/schemas/ShortName"})
    unaliased = copy.deepcopy(aliased)
    _defs(unaliased)["ShortName"] = {"$ref": NAME}

    report, result = _report_and_exit_code(tmp_path, plain, constrained)

    for found in (report, sd.diff_documents(unaliased, aliased)):
        if not request and kind is Kind.CONSTRAINT_CHANGED:
            assert found.changes == (), found.render()  # the SDK does not check answers
            continue
        [change] = found.changes
        assert (change.kind, change.location, change.breaking) == (kind, location, request)
        assert operation in change.operation
    assert result.returncode == (1 if request else 0), result.stdout
    # Lifted again: nothing is refused that was sent.
    assert not sd.diff_documents(constrained, plain).has_breaking
    assert not sd.diff_documents(aliased, unaliased).has_breaking


def test_a_format_or_type_beside_a_ref_is_compared() -> None:
    plain, dated = _with_name(copy.deepcopy(MINI)), _with_name(copy.deepcopy(MINI))
    _schema_at(plain, "response field", {"$ref": NAME})
    _schema_at(dated, "response field", {"$ref": NAME, "format": "date-time"})
    [change] = sd.diff_documents(plain, dated).changes
    assert (change.kind, change.detail, change.breaking) == (
        Kind.TYPE_CHANGED,
        "type string -> string(date-time)",
        True,
    )
    nullable = {"$ref": NAME, "type": ["string", "null"]}  # both apply: still never null
    _schema_at(dated, "response field", nullable)
    assert sd.diff_documents(plain, dated).changes == ()


@pytest.mark.parametrize(
    ("was", "now", "breaking"),
    [
        ({"maxLength": 50}, {"maxLength": 20}, True),
        ({"maxLength": 20}, {"maxLength": 50}, False),
        ({"minimum": 0}, {"minimum": 1}, True),
        ({"minimum": 1}, {"minimum": 0}, False),
        ({"exclusiveMaximum": 9}, {"exclusiveMaximum": 8}, True),
        ({"maxItems": 3}, {}, False),
        ({"pattern": "^a"}, {"pattern": "^b"}, True),
        ({"pattern": "^a"}, {}, False),
    ],
)
def test_a_request_constraint_tightened_is_breaking_loosened_is_not(
    was: dict[str, Any], now: dict[str, Any], breaking: bool
) -> None:
    old, new = copy.deepcopy(MINI), copy.deepcopy(MINI)
    _params(old)[1]["schema"].update(was)
    _params(new)[1]["schema"].update(now)

    [change] = sd.diff_documents(old, new).changes

    assert (change.kind, change.location, change.breaking) == (
        Kind.CONSTRAINT_CHANGED,
        "parameter query q",
        breaking,
    )
    assert change.detail.endswith(": the SDK refuses values it sent before") is breaking


def test_a_constraint_beside_a_ref_and_the_targets_own_both_apply() -> None:
    # Name says at most 50 characters; beside its `$ref`, 80 does not loosen it (both apply),
    # and 20 tightens it.
    plain, wider, narrower = (_with_name(copy.deepcopy(MINI)) for _ in range(3))
    _schema_at(plain, "parameter", {"$ref": NAME})
    _schema_at(wider, "parameter", {"$ref": NAME, "maxLength": 80})
    _schema_at(narrower, "parameter", {"$ref": NAME, "maxLength": 20})
    assert sd.diff_documents(plain, wider).changes == ()
    [change] = sd.diff_documents(plain, narrower).changes
    assert (change.detail, change.breaking) == (
        "maxLength 50 -> 20: the SDK refuses values it sent before",
        True,
    )


def test_a_request_field_made_read_only_beside_its_ref_loses_its_argument() -> None:
    # The generator gives a readOnly body field no argument (Hero sets it), beside a `$ref` too.
    plain, read_only = _with_name(copy.deepcopy(MINI)), _with_name(copy.deepcopy(MINI))
    _schema_at(plain, "request field", {"$ref": NAME})
    _schema_at(read_only, "request field", {"$ref": NAME, "readOnly": True})

    [made] = sd.diff_documents(plain, read_only).changes
    [lifted] = sd.diff_documents(read_only, plain).changes

    location = "request body application/json: name"
    assert (made.kind, made.location, made.breaking, made.subject) == (
        Kind.FIELD_REMOVED,
        location,
        True,
        "name",
    )
    assert made.detail == "field made readOnly: the method no longer has an argument for it"
    assert (lifted.kind, lifted.location, lifted.breaking) == (Kind.FIELD_ADDED, location, True)
    assert lifted.detail == "field no longer readOnly: a new required argument"


def test_a_read_only_request_field_added_is_no_new_argument() -> None:
    new = copy.deepcopy(MINI)
    _defs(new)["NewThing"]["properties"]["id"] = {"type": "string", "readOnly": True}
    _defs(new)["NewThing"]["required"].append("id")

    [added] = sd.diff_documents(MINI, new).changes
    [removed] = sd.diff_documents(new, MINI).changes

    assert (added.kind, added.breaking) == (Kind.FIELD_ADDED, False)
    assert added.detail == "field added (readOnly: Hero sets it, the method has no argument for it)"
    assert (removed.kind, removed.breaking) == (Kind.FIELD_REMOVED, False)
    # In an answer, readOnly changes nothing: a required field added is one users may read.
    answer = copy.deepcopy(MINI)
    _defs(answer)["Thing"]["properties"]["made"] = {"type": "string", "readOnly": True}
    [field] = sd.diff_documents(MINI, answer).changes
    assert (field.kind, field.detail, field.breaking) == (
        Kind.FIELD_ADDED,
        "field added (optional)",
        False,
    )
