"""An additive Hero release reaches users with every guarantee after `make generate` alone.

The release (tests/spec_update/additive_release.py: a new tag with nine operations,
another with two whose answers are not JSON, another with three form bodies, another with two
as FastAPI writes them, a new optional Patient field, a new enum value) is written into a
temporary directory, the SDK is
regenerated from it with the command `make generate` runs, and tests/spec_update/additive/
is run in a subprocess against the regenerated package (first on PYTHONPATH) and this
checkout's src/ and sdk.yaml, unchanged. A request body the SDK cannot send yet stops
generation, naming it; so does a tag whose resource an attribute of `HeroHealth` would hide,
until an sdk.yaml copy renames it (then it is reached by the new name). A spec the generator
itself refuses stops it too, leaving the package it would have replaced whole.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

from herohealth import RequestOptions
from tests.helpers import checkout_pythonpath
from tests.spec_update.additive_release import ROOT, write_additive_release

BIN = Path(sys.executable).parent
PAGE_PARAMS = ("page_index", "page_size")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("additive")
    spec = write_additive_release(directory)
    generation = _run_generate(spec, ROOT / "sdk.yaml", directory / "herohealth_openapi")
    assert generation.returncode == 0, generation.stderr
    return spec


NULL_CONSUMER = """
from herohealth import NULL, HeroHealth


async def clear(hero: HeroHealth) -> None:
    await hero.booking_hca.update_booking("7", note=NULL)
    await hero.booking_hca.update_booking("7", status=NULL)  # type: ignore[arg-type]
    await hero.booking_hca.search_bookings(room=NULL)  # type: ignore[arg-type]
    # Required, and may be null: NULL sends the null; None ("not sent") is refused.
    await hero.booking_hca.quote_booking(patient_id="1", starts_at="2026-12-01", discount_code=NULL)
    await hero.booking_hca.quote_booking(
        patient_id="1", starts_at="2026-12-01", discount_code=None  # type: ignore[arg-type]
    )
    # page_size where Hero pages the list, and nowhere else.
    await hero.booking_hca.list_bookings(page_size=2).to_list()
    await hero.booking_hca.get_booking("7", page_size=2)  # type: ignore[call-arg]
"""


def test_generation_leaves_nothing_but_the_package(regenerated: Path) -> None:
    # ruff runs inside the package as the generator's post-hook and again on the resources:
    # neither may leave its cache there, to be packaged or committed with the output.
    package = regenerated.parent / "herohealth_openapi"
    assert (package / "resources" / "booking_hca.py").is_file()
    assert sorted(p.relative_to(package) for p in package.rglob(".*")) == []


def test_the_generated_resource_is_typed_and_mypy_strict_clean(regenerated: Path) -> None:
    resource = regenerated.parent / "herohealth_openapi" / "resources" / "booking_hca.py"
    text = resource.read_text()
    assert "def list_bookings(" in text
    assert "-> AsyncPaginator[Booking]:" in text
    # page_size is typed only where Hero pages the list (listBookings declares page_index).
    listing = text[text.index("def list_bookings(") :]
    assert "**options: Unpack[PagedRequestOptions],\n    ) -> AsyncPaginator" in listing
    getting = text[text.index("async def get_booking(") :]
    assert "**options: Unpack[RequestOptions],\n    ) -> Booking:" in getting
    assert "async def get_booking(\n        self,\n        booking_id: str," in text
    assert "starts_at: datetime.datetime | str," in text
    for module in resource.parent.glob("*.py"):  # Hero's free text in docstrings included
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an invalid escape is a SyntaxWarning
            compile(module.read_text(), str(module), "exec")
    create = text[text.index("async def create_booking(") :]
    assert " id: " not in create[: create.index("->")]  # readOnly: Hero sets it, never sent
    assert " booked_at: " not in create[: create.index("->")]  # readOnly where it refers
    assert "        discount_code: str | Null,\n" in text  # required: None is never sent
    letters = (resource.parent / "letters.py").read_text()
    assert "async def download_letter(\n        self,\n        letter_id: str," in letters
    assert "    ) -> bytes:" in letters
    uploads = (resource.parent / "attachments.py").read_text()
    assert "        file: FileInput,\n        label: str | None = None," in uploads
    assert "label: str,\n        pinned: bool | None = None," in uploads  # the urlencoded body
    update = text[text.index("async def update_booking(") :]
    assert "        note: None | str | Null = None," in update  # NULL sends a JSON null
    assert "        room: None | str = None," in text  # a query value has no null
    # NULL where openapi.yaml allows null; elsewhere mypy refuses it: `--strict` reports an
    # ignore that is not needed, so the run is clean only if that line is an error.
    (regenerated.parent / "consumer.py").write_text(NULL_CONSUMER)
    result = mypy_strict(regenerated.parent, "consumer")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_new_operations_keep_every_guarantee(regenerated: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [
            str(BIN / "python"),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            str(ROOT / "tests" / "spec_update" / "additive"),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            # This checkout's src/ too: the installed herohealth may be another checkout's
            # (a git worktree sharing the main checkout's editable install).
            "PYTHONPATH": checkout_pythonpath(regenerated.parent),
            "HERO_ADDITIVE_SPEC": str(regenerated),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert " passed" in output, output  # not a run that collected nothing
    assert " failed" not in output, output


@pytest.mark.parametrize(
    ("change", "named"),
    [
        pytest.param(
            lambda spec: spec["paths"]["/v1/patients/{id}/merge"].pop("post"),
            ["resources.patients.methods.merge_patients", "herohealth.resources.patients"],
            id="workflow-operation-removed",
        ),
        pytest.param(
            lambda spec: spec["paths"]["/v1/patients/{id}"]["get"].update(
                operationId="fetch_patient"
            ),
            ["resources.patients.methods.get_patient"],
            id="renamed-operation-sdk-yaml-names",
        ),
        pytest.param(
            lambda spec: (
                spec["components"]["securitySchemes"].update(
                    PartnerToken={"type": "apiKey", "in": "header", "name": "x-partner-token"}
                ),
                spec.update(security=[{"ApiKey": [], "PracticeGroupId": [], "PartnerToken": []}]),
            ),
            ["requires security scheme(s)", "PartnerToken", "sdk.yaml `auth`"],
            id="new-required-auth-scheme",
        ),
    ],
)
def test_a_breaking_release_stops_make_generate_naming_what_still_refers_to_it(
    tmp_path: Path, change: Any, named: list[str]
) -> None:
    _assert_generation_stops(tmp_path, change, named)


def _upload(content: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": "uploadScan",
            "tags": ["Attachments"],
            "requestBody": {"required": True, "content": content},
            "responses": {"204": {"description": "Stored"}},
        }
    }


def _form(properties: dict[str, Any]) -> dict[str, Any]:
    return {"multipart/form-data": {"schema": {"type": "object", "properties": properties}}}


_FILE = {"type": "string", "format": "binary"}


@pytest.mark.parametrize(
    ("content", "named"),
    [
        pytest.param(
            {"application/octet-stream": {"schema": _FILE}},
            ["upload_scan", "application/octet-stream request body is not supported yet"],
            id="raw-binary-body",
        ),
        pytest.param(
            _form({"meta": {"type": "object", "properties": {"a": {"type": "string"}}}}),
            ["upload_scan", "form field 'meta' is an object"],
            id="object-form-field",
        ),
        pytest.param(
            _form({"files": {"type": "array", "items": _FILE}}),
            ["upload_scan", "form field 'files' is a list of files"],
            id="list-of-files",
        ),
    ],
)
def test_a_request_body_the_sdk_cannot_send_yet_stops_make_generate(
    tmp_path: Path, content: dict[str, Any], named: list[str]
) -> None:
    # Never generated as a method that drops the body: that would send the request without it.
    change = lambda spec: spec["paths"].update({"/v1/scans": _upload(content)})  # noqa: E731
    _assert_generation_stops(tmp_path, change, [*named, "{deferred: <why>}"])


_SCAN = "/v1/patients/{id}/scans"
_WHY = "an application/octet-stream body: the SDK cannot send one yet (HERO-123)"


def _scan_upload(spec: dict[str, Any]) -> None:
    """A Patients operation the SDK cannot send yet, beside the tag's thirteen."""
    upload = _upload({"application/octet-stream": {"schema": _FILE}})
    upload["post"]["tags"] = ["Patients"]
    upload["post"]["parameters"] = [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    spec["paths"][_SCAN] = upload


def test_an_operation_sdk_yaml_defers_is_left_out_listed_and_the_rest_generated(
    tmp_path: Path,
) -> None:
    sdk = _sdk_with_methods(tmp_path, {"uploadScan": {"deferred": _WHY}})
    result, out = _generate(tmp_path, _scan_upload, sdk)

    assert result.returncode == 0, result.stderr
    assert f"make generate: uploadScan is deferred by sdk.yaml, not generated: {_WHY}" in (
        result.stderr
    )
    assert not (out / "api" / "patients" / "upload_scan.py").exists()  # not even raw
    assert _SCAN in yaml.safe_load((out / "openapi.yaml").read_text())["paths"]  # for FakeHero
    script = f"""
from herohealth import HeroHealth
from herohealth._generated import OPERATIONS
from herohealth_openapi.resources import DEFERRED

assert dict(DEFERRED) == {{"uploadScan": {_WHY!r}}}, DEFERRED
assert "uploadScan" not in OPERATIONS and "get_patient" in OPERATIONS  # the rest, as before
hero = HeroHealth(api_key="k", practice_group_id="pg", base_url="https://hero.test")
assert not hasattr(hero.patients, "upload_scan") and callable(hero.patients.get)
print("deferred")
"""
    assert _run_with_package(tmp_path, script) == ["deferred"]


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ({"uploadScan": {"deferred": _WHY, "name": "scan"}},
         "methods.uploadScan: a deferred operation takes no other key"),
        ({"uploadScan": {"deferred": " "}}, "methods.uploadScan: `deferred` says why, as text"),
        ({"uploadScans": {"deferred": _WHY}},
         "methods.uploadScans: openapi.yaml has no operation 'uploadScans' tagged 'patients'"),
        ({"uploadScan": {"deferred": _WHY}, "get_patient_billing_info": {"deferred": "was hard"}},
         "sdk.yaml resources.patients.methods.get_patient_billing_info: deferred, but the SDK "
         "can generate it now: remove the entry"),
    ],
    ids=["other-keys", "no-reason", "unknown-operation", "no-longer-needed"],
)  # fmt: skip
def test_a_deferral_that_says_no_reason_or_names_nothing_stops_make_generate(
    tmp_path: Path, entry: dict[str, Any], named: str
) -> None:
    sdk = _sdk_with_methods(tmp_path, entry)
    _assert_generation_stops(tmp_path, _scan_upload, [named], sdk=sdk)


def _sdk_with_methods(tmp_path: Path, methods: dict[str, Any]) -> Path:
    """A copy of sdk.yaml with `methods` entries beside its own for the Patients tag."""
    sdk = yaml.safe_load((ROOT / "sdk.yaml").read_text())
    sdk["resources"]["patients"]["methods"].update(methods)
    path = tmp_path / "sdk.yaml"
    path.write_text(yaml.safe_dump(sdk, sort_keys=False))
    return path


def test_an_operation_named_as_a_resource_attribute_stops_make_generate(tmp_path: Path) -> None:
    # `with_raw_response` is every resource's: a method of that name would be unreachable.
    def change(spec: dict[str, Any]) -> None:
        operation = {"operationId": "with_raw_response", "tags": ["Patients"]}
        operation["responses"] = {"204": {"description": "Done"}}
        spec["paths"]["/v1/patients/raw"] = {"get": operation}

    _assert_generation_stops(tmp_path, change, ["'with_raw_response' is already taken"])


# Every per-call option but page_size, which a paged list declares as its own parameter.
_OPTIONS = sorted(RequestOptions.__optional_keys__ - {"page_size"})


@pytest.mark.parametrize("option", _OPTIONS)
def test_a_parameter_named_like_a_per_call_option_stops_make_generate(
    tmp_path: Path, option: str
) -> None:
    # The method could not take both (mypy refuses the overlap; the argument would win).
    parameter = {"name": option, "in": "query", "schema": {"type": "string"}}
    named_like = f"is named like a per-call option ({option})"
    _assert_generation_stops(tmp_path, _things(parameter), [named_like])


def _things(parameter: dict[str, Any], *others: dict[str, Any]) -> Any:
    """A change: a GET /v1/things (tag Things) taking `parameter` (and `others`)."""
    answer = {"description": "Ok", "content": {"application/json": {"schema": {"type": "object"}}}}
    get = {"operationId": "listThings", "tags": ["Things"], "parameters": [parameter, *others],
           "responses": {"200": answer}}  # fmt: skip
    path = "/v1/things/{id}" if parameter["in"] == "path" else "/v1/things"
    return lambda spec: spec["paths"].update({path: {"get": get}})


_STRINGS = {"type": "array", "items": {"type": "string"}}


@pytest.mark.parametrize(
    ("parameter", "named"),
    [
        pytest.param(
            {"name": "id", "in": "path", "required": True, "style": "label",
             "schema": {"type": "string"}},
            "the path parameter 'id': style 'label' is not supported in a path",
            id="label-path",
        ),
        pytest.param(
            {"name": "ids", "in": "query", "style": "spaceDelimited", "explode": True,
             "schema": _STRINGS},
            "the query parameter 'ids': style 'spaceDelimited' is not defined with explode: true",
            id="space-delimited-exploded",
        ),
        pytest.param(
            {"name": "q", "in": "query", "style": "deepObject", "schema": {"type": "string"}},
            "the query parameter 'q': style 'deepObject' in a query cannot send scalar values",
            id="deep-object-string",
        ),
        pytest.param(
            {"name": "f", "in": "query", "style": "deepObject",
             "schema": {"type": "object", "properties": {"a": _STRINGS}}},
            "the query parameter 'f': a list or object holding lists or objects",
            id="deep-object-of-lists",
        ),
        pytest.param(
            {"name": "ids", "in": "cookie", "schema": _STRINGS},
            "the cookie parameter 'ids': style 'form' in a cookie cannot send array values",
            id="cookie-list",
        ),
    ],
)  # fmt: skip
def test_a_parameter_style_the_sdk_cannot_send_stops_make_generate(
    tmp_path: Path, parameter: dict[str, Any], named: str
) -> None:
    # Never sent some other way (a Python repr, a key per item): the server would misread it.
    _assert_generation_stops(tmp_path, _things(parameter), ["listThings: " + named])


_WINDOW = {"name": "window", "in": "query",
           "schema": {"type": "object", "properties": {"after": {"type": "string"}}}}  # fmt: skip


@pytest.mark.parametrize(
    ("other", "named"),
    [
        (
            {"name": "after", "in": "query", "schema": {"type": "string"}},
            "the query parameter 'window' sends its property 'after' as ?after=, as is the "
            "query parameter 'after'",
        ),
        (
            {**_WINDOW, "name": "range"},
            "the query parameter 'range' sends its property 'after' as ?after=, as is the "
            "property 'after' of 'window'",
        ),
    ],
    ids=["a-parameter", "another-object"],
)
def test_an_exploded_object_property_named_as_another_query_key_stops_make_generate(
    tmp_path: Path, other: dict[str, Any], named: str
) -> None:
    # `?after=` would carry one of the two values, the other silently lost.
    _assert_generation_stops(tmp_path, _things(_WINDOW, other), ["listThings: " + named])


def test_an_exploded_object_property_named_as_a_page_parameter_stops_make_generate(
    tmp_path: Path,
) -> None:
    paging = [{"name": n, "in": "query", "schema": {"type": "integer"}} for n in PAGE_PARAMS]
    size = {"page_size": {"type": "integer"}}
    view = {"name": "view", "in": "query", "schema": {"type": "object", "properties": size}}
    envelope = {"type": "object", "required": ["data", "count"],
                "properties": {"data": {"type": "array", "items": {"type": "object"}},
                               "count": {"type": "number"}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        _things(view, *paging)(spec)
        answer = spec["paths"]["/v1/things"]["get"]["responses"]["200"]
        answer["content"]["application/json"]["schema"] = envelope

    named = "the query parameter 'view' sends its property 'page_size' as ?page_size=, as is the "
    _assert_generation_stops(tmp_path, change, [f"listThings: {named}paginator's 'page_size'"])


def test_a_parameter_described_by_non_json_content_stops_make_generate(tmp_path: Path) -> None:
    # Never left out of the method, as the generator itself would leave it.
    parameter = {"name": "q", "in": "query", "content": {"text/plain": {"schema": {}}}}
    named = "GET /v1/things: the query parameter 'q' is described as text/plain"
    _assert_generation_stops(tmp_path, _things(parameter), [named])


def _assert_generation_stops(
    tmp_path: Path, change: Any, named: list[str], sdk: Path = ROOT / "sdk.yaml"
) -> None:
    result, out = _generate(tmp_path, change, sdk)
    assert result.returncode == 1
    for text in named:
        assert text in result.stderr
    assert not out.exists()  # nothing half-written: the committed package stays as it was


def test_a_spec_the_generator_refuses_leaves_the_package_as_it_was(tmp_path: Path) -> None:
    result, out = _generate(tmp_path, lambda spec: None, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    before = {p: p.read_bytes() for p in out.rglob("*.py")}
    assert out / "resources" / "__init__.py" in before

    def mixed_enum(spec: dict[str, Any]) -> None:  # openapi-python-client warns, and stops
        spec["components"]["schemas"]["Patient"]["properties"]["mixed"] = {"enum": [1, "a"]}

    result, out = _generate(tmp_path, mixed_enum, ROOT / "sdk.yaml")
    assert result.returncode == 1
    stopped = f"make generate: openapi-python-client stopped (its output is above); {out} is left"
    assert stopped in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*.py")} == before  # whole, as it was
    assert sorted(tmp_path.iterdir()) == [out, tmp_path / "openapi.yaml"]  # nothing left over


@pytest.mark.parametrize(
    ("spec_text", "sdk_text", "said"),
    [
        (None, None, "cannot read {spec}: [Errno 2] No such file or directory"),
        ("paths: [\n", None, "{spec} is not valid YAML: "),
        ("- openapi\n", None, "{spec} must hold a mapping at the top, not list"),
        (None, "- resources\n", "{sdk} must hold a mapping at the top, not list"),
    ],
    ids=["missing spec", "spec not YAML", "spec a list", "sdk.yaml a list"],
)
def test_an_unreadable_file_stops_make_generate_naming_it(
    tmp_path: Path, spec_text: str | None, sdk_text: str | None, said: str
) -> None:
    spec, sdk, out = tmp_path / "openapi.yaml", tmp_path / "sdk.yaml", tmp_path / "package"
    if spec_text is not None or sdk_text is not None:
        spec.write_text(spec_text or (ROOT / "openapi.yaml").read_text())
    sdk.write_text(sdk_text or (ROOT / "sdk.yaml").read_text())

    result = _run_generate(spec, sdk, out)

    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"make generate: {said.format(spec=spec, sdk=sdk)}")
    assert result.stderr.rstrip().endswith(f"{out} is left as it was")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_security_alternative_the_sdk_cannot_send_is_named_by_make_generate(
    tmp_path: Path,
) -> None:
    def session_too(spec: dict[str, Any]) -> None:
        schemes = spec["components"]["securitySchemes"]
        schemes["Session"] = {"type": "apiKey", "in": "header", "name": "x-session"}
        spec["security"].append({"Session": []})

    result, out = _generate(tmp_path, session_too, ROOT / "sdk.yaml")

    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "security alternative" in line]
    # Each operation without a security list of its own inherits the new alternative.
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    inheriting = {
        operation["operationId"]
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method != "parameters" and "security" not in operation
    }
    assert {note.split()[2] for note in notes} == inheriting
    assert len(notes) == len(inheriting)
    assert (
        "make generate: get_patient does not send the security alternative(s) Session: each "
        "names a scheme sdk.yaml auth maps no credential to"
    ) in notes
    assert (out / "resources" / "patients.py").exists()  # generated all the same


def _generate(
    tmp_path: Path, change: Any, sdk: Path
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`make generate`'s command on a copy of openapi.yaml with `change` made, into tmp_path."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    change(spec)
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    out = tmp_path / "herohealth_openapi"
    return _run_generate(path, sdk, out), out


def _run_generate(spec: Path, sdk: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`make generate`'s command: `spec` and `sdk` into `out`."""
    return subprocess.run(  # noqa: S603 - our own generator, fixed arguments
        [str(BIN / "python"), str(ROOT / "tools" / "generate.py"), "--spec", str(spec),
         "--sdk", str(sdk), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def _tagged(tag: str) -> Any:
    """A change: GET /v1/options/{option_id} (getOption, answering 204) tagged `tag`."""
    option_id = {"name": "option_id", "in": "path", "required": True, "schema": {"type": "string"}}
    get = {"operationId": "getOption", "tags": [tag], "parameters": [option_id],
           "responses": {"204": {"description": "Done"}}}  # fmt: skip
    return lambda spec: spec["paths"].update({"/v1/options/{option_id}": {"get": get}})


def _sdk_with(tmp_path: Path, resources: dict[str, dict[str, Any]]) -> Path:
    """A copy of sdk.yaml with `resources` entries merged into its own."""
    sdk = yaml.safe_load((ROOT / "sdk.yaml").read_text())
    for tag, entry in resources.items():
        sdk["resources"].setdefault(tag, {}).update(entry)
    path = tmp_path / "sdk.yaml"
    path.write_text(yaml.safe_dump(sdk, sort_keys=False))
    return path


@pytest.mark.parametrize(
    ("tag", "attribute"),
    [("With Options", "with_options"), ("Timeout", "timeout"), ("aclose", "aclose")],
)
def test_a_tag_named_as_an_attribute_of_the_client_stops_make_generate(
    tmp_path: Path, tag: str, attribute: str
) -> None:
    # HeroHealth's own `with_options` would hide the generated `Resources.with_options`.
    named = [
        f"openapi.yaml tag {tag!r}: its resource hero.{attribute} would be hidden by "
        f"HeroHealth.{attribute}",
        f"rename it in sdk.yaml: resources.{attribute}: {{name: ...}}",
    ]
    _assert_generation_stops(tmp_path, _tagged(tag), named)


_RENAMED = "sdk.yaml resources.with_options.name: "


@pytest.mark.parametrize(
    ("resources", "named"),
    [
        ({"with_options": {"name": "base_url"}},
         _RENAMED + "its resource hero.base_url would be hidden by HeroHealth.base_url"),
        ({"with_options": {"name": "_settings"}}, _RENAMED + "'_settings' would be private"),
        ({"with_options": {"name": "patients"}},
         _RENAMED + "hero.patients is already the resource of tag 'Patients'"),
        ({"with_options": {"name": "import"}}, _RENAMED + "'import' is not a snake_case Python"),
        ({"with_options": {"name": "options_v2"}, "patients": {"name": "people"}},
         "resources.patients.name: sdk.yaml names handwritten workflows for it, but HeroHealth "
         "has no `people`"),
    ],
    ids=["a-client-attribute", "private", "another-tags-resource", "a-keyword", "workflows"],
)  # fmt: skip
def test_a_resource_rename_that_clashes_stops_make_generate(
    tmp_path: Path, resources: dict[str, dict[str, Any]], named: str
) -> None:
    sdk = _sdk_with(tmp_path, resources)
    _assert_generation_stops(tmp_path, _tagged("With Options"), [named], sdk=sdk)


def test_a_resource_renamed_in_sdk_yaml_is_reached_by_its_new_name(tmp_path: Path) -> None:
    # "_Internal" is the generator's `taginternal` (its module), in sdk.yaml too.
    renames = {"with_options": {"name": "options_v2"}, "taginternal": {"name": "internal"}}
    internal = {"get": {"operationId": "getInternal", "tags": ["_Internal"],
                        "responses": {"204": {"description": "Done"}}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        _tagged("With Options")(spec)
        spec["paths"]["/v1/internal"] = internal

    result, out = _generate(tmp_path, change, _sdk_with(tmp_path, renames))
    assert result.returncode == 0, result.stderr
    index = (out / "resources" / "__init__.py").read_text()
    assert "def options_v2(self) -> WithOptionsResource:" in index
    assert "def internal(self) -> TaginternalResource:" in index
    assert (out / "resources" / "with_options.py").exists()  # the module keeps the tag's name
    # Through the regenerated package: the index, the client and FakeHero.
    script = f"""
import asyncio
from herohealth import HeroHealth
from herohealth._generated import OPERATIONS
from herohealth.testing import FakeHero

assert OPERATIONS["getOption"][:2] == ("options_v2", "get_option"), OPERATIONS["getOption"]
fake = FakeHero(spec={str(tmp_path / "openapi.yaml")!r})

async def main() -> None:
    async with HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                          base_url=fake.base_url, http_client=fake.client()) as hero:
        assert await hero.options_v2.get_option("7") is None
        assert hero.with_options(timeout=5).timeout.read == 5  # still the client's own
    assert [(r.operation, r.path) for r in fake.requests] == [("getOption", "/v1/options/7")]

asyncio.run(main())
print("reached")
"""
    assert _run_with_package(tmp_path, script) == ["reached"]


def mypy_strict(directory: Path, *modules: str) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` on the resources regenerated into `directory` and on `modules` there
    (consumers), with this checkout's src/ for the facade."""
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [
            *(str(BIN / "mypy"), "--strict", "--no-incremental"),
            *("-p", "herohealth_openapi.resources"),
            *(argument for module in modules for argument in ("-m", module)),
        ],
        cwd=directory,
        env={**os.environ, "MYPYPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
    )


def _run_with_package(tmp_path: Path, script: str, *, lines: bool = False) -> list[str]:
    """What `script` prints (its words, or `lines`), run with the package regenerated into
    tmp_path on the path."""
    run = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [str(BIN / "python"), "-c", script],
        env={**os.environ, "PYTHONPATH": checkout_pythonpath(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout.splitlines() if lines else run.stdout.split()


def test_importing_the_sdk_loads_no_resource_model_or_operation_module(regenerated: Path) -> None:
    # Import cost must not grow with the spec: resources, models and raw operation modules
    # load on first use. Only the index (one line per operation) is read at import.
    script = (
        "import sys, herohealth, herohealth_openapi\n"
        "print(herohealth_openapi.__file__)\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('herohealth_openapi')))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [str(BIN / "python"), "-c", script],
        env={**os.environ, "PYTHONPATH": checkout_pythonpath(regenerated.parent)},
        capture_output=True,
        text=True,
        check=True,
    )
    origin, *modules = result.stdout.split()
    assert origin.startswith(str(regenerated.parent))  # the regenerated package, 7 operations more
    loaded = set(modules)
    assert "herohealth_openapi.resources" in loaded
    heavy = {m for m in loaded if m.split(".")[1:2] in (["api"], ["models"])}
    tags = {m for m in loaded if m.startswith("herohealth_openapi.resources.")} - {
        "herohealth_openapi.resources._runtime"
    }
    assert heavy == set()
    assert tags == set()


def test_a_nested_field_fitting_no_shape_of_its_one_of_names_each_shapes_problem(
    tmp_path: Path,
) -> None:
    # A model's oneOf field: the error is the field's, with each shape's first problem.
    def change(spec: dict[str, Any]) -> None:
        schemas = spec["components"]["schemas"]
        schemas["Clinic"] = {
            "type": "object",
            "required": ["clinic_id"],
            "properties": {"clinic_id": {"type": "string"}},
        }
        schemas["Remote"] = {
            "type": "object",
            "required": ["url"],
            "properties": {"url": {"type": "string"}},
        }
        schemas["Visit"] = {
            "type": "object",
            "required": ["place"],
            "properties": {
                "place": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/Clinic"},
                        {"$ref": "#/components/schemas/Remote"},
                    ]
                }
            },
        }
        answer = {
            "description": "Ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Visit"}}},
        }
        get = {"operationId": "getVisit", "tags": ["Visits"], "responses": {"200": answer}}
        spec["paths"]["/v1/visits/current"] = {"get": get}  # fmt: skip

    result, _ = _generate(tmp_path, change, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    script = """
from herohealth_openapi.models import Visit
from herohealth_openapi.types import FieldValueError
try:
    Visit.from_dict({"place": {"clinic_id": 9434765919}})
except FieldValueError as error:
    print(repr(error.field))
    print(error.problem)
"""
    field, problem = _run_with_package(tmp_path, script, lines=True)
    assert field == "'place'"
    assert problem == (
        "fits none of its documented shapes: Clinic (field 'clinic_id': expected a string); "
        "Remote (field 'url': required field missing)"
    )


def test_a_deprecated_operation_called_by_a_workflow_warns_at_the_users_line(
    tmp_path: Path,
) -> None:
    # hero.patients.merge is handwritten (resources/patients.py) over the generated
    # merge_patients: Hero deprecating that operation must warn at the user's call, where
    # Python's default filters show a DeprecationWarning, not inside the SDK's module.
    def change(spec: dict[str, Any]) -> None:
        spec["paths"]["/v1/patients/{id}/merge"]["post"]["deprecated"] = True

    result, _ = _generate(tmp_path, change, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    script = f"""
import asyncio, datetime, warnings
from herohealth import HeroHealth
from herohealth.testing import FakeHero

fake = FakeHero(spec={str(tmp_path / "openapi.yaml")!r})
ada = dict(first_name="Ada", last_name="Lovelace", dob=datetime.date(1989, 4, 11))
main_id, incoming_id = fake.add_patient(**ada), fake.add_patient(**ada)

async def main() -> None:
    async with HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                          base_url=fake.base_url, http_client=fake.client()) as hero:
        preview = await hero.patients.merge_preview(main_id, incoming_id)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            await hero.patients.merge(preview)
    for warning in caught:
        print(warning.category.__name__, warning.filename, warning.message, sep=" | ")
    print([r.operation for r in fake.requests][-1])

asyncio.run(main())
"""
    assert _run_with_package(tmp_path, script, lines=True) == [
        "DeprecationWarning | <string> | patients.merge is deprecated in Hero's API description",
        "merge_patients",  # still sent
    ]


def _referrals(spec: dict[str, Any]) -> None:
    """A change: POST /v1/clinics/{clinic_id}/referrals, whose body is a oneOf of two objects
    (refer by NHS number, optionally urgent, or by a letter), both requiring a reason."""
    schemas = spec["components"]["schemas"]
    reason = {"type": "string", "minLength": 1}
    schemas["ReferralByNhsNumber"] = {
        "type": "object",
        "required": ["nhs_ref", "reason"],
        "properties": {"nhs_ref": {"type": "string"}, "reason": reason,
                       "urgent": {"type": "boolean"}},
    }  # fmt: skip
    schemas["ReferralByLetter"] = {
        "type": "object",
        "required": ["letter_id", "reason"],
        "properties": {"letter_id": {"type": "string"}, "reason": reason},
    }
    variants = [{"$ref": f"#/components/schemas/{name}"} for name in
                ("ReferralByNhsNumber", "ReferralByLetter")]  # fmt: skip
    clinic_id = {"name": "clinic_id", "in": "path", "required": True, "schema": {"type": "string"}}
    post = {
        "operationId": "createReferral", "tags": ["Referrals"], "parameters": [clinic_id],
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": {"oneOf": variants}}}},
        "responses": {"204": {"description": "Referred"}},
    }  # fmt: skip
    spec["paths"]["/v1/clinics/{clinic_id}/referrals"] = {"post": post}


REFERRAL_CONSUMER = """
from herohealth import HeroHealth


async def refer(hero: HeroHealth) -> None:
    await hero.referrals.create_referral("7", nhs_ref="1", reason="pain", urgent=True)
    await hero.referrals.create_referral("7", letter_id="L1", reason="pain", timeout=5)
    await hero.referrals.with_raw_response.create_referral("7", letter_id="L1", reason="pain")
    # Mixing the variants, or leaving out what the chosen one requires: no overload fits.
    await hero.referrals.create_referral(  # type: ignore[call-overload]
        "7", nhs_ref="1", letter_id="L1", reason="pain"
    )
    await hero.referrals.create_referral(  # type: ignore[call-overload]
        "7", letter_id="L1", reason="pain", urgent=True
    )
    await hero.referrals.create_referral("7", nhs_ref="1")  # type: ignore[call-overload]
    await hero.referrals.with_raw_response.create_referral(  # type: ignore[call-overload]
        "7", nhs_ref="1", letter_id="L1", reason="pain"
    )
"""


def _referrals_and_a_narrower_variant(spec: dict[str, Any]) -> None:
    """`_referrals`, with a third variant whose every call the NHS number one takes too
    (it has no `urgent`): an overload of its own could never be matched, which mypy refuses."""
    _referrals(spec)
    spec["components"]["schemas"]["ReferralByNhsNumberOnly"] = {
        "type": "object",
        "required": ["nhs_ref", "reason"],
        "properties": {"nhs_ref": {"type": "string"}, "reason": {"type": "string"}},
    }
    body = spec["paths"]["/v1/clinics/{clinic_id}/referrals"]["post"]["requestBody"]
    body["content"]["application/json"]["schema"]["oneOf"].append(
        {"$ref": "#/components/schemas/ReferralByNhsNumberOnly"}
    )


@pytest.mark.parametrize(
    "change",
    [_referrals, _referrals_and_a_narrower_variant],
    ids=["two-variants", "and-a-narrower-one"],
)
def test_a_one_of_body_gets_an_overload_per_variant_that_mypy_holds_to(
    tmp_path: Path, change: Any
) -> None:
    result, out = _generate(tmp_path, change, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    text = (out / "resources" / "referrals.py").read_text()
    by_nhs_number = (
        "    @overload\n    async def create_referral(\n        self,\n        clinic_id: str,\n"
        "        *,\n        nhs_ref: str,\n        reason: str,\n"
        "        urgent: bool | None = None,\n        **options: Unpack[RequestOptions],\n"
        "    ) -> None: ...\n"
    )
    by_letter = (
        "    @overload\n    async def create_referral(\n        self,\n        clinic_id: str,\n"
        "        *,\n        reason: str,\n        letter_id: str,\n"
        "        **options: Unpack[RequestOptions],\n    ) -> None: ...\n"
    )
    assert by_nhs_number in text
    assert by_letter in text
    assert text.count("    @overload\n") == 2
    # Then the implementation, taking either, with the docstring.
    implementation = text[text.index(by_letter) + len(by_letter) :]
    assert implementation.startswith("\n    async def create_referral(\n")
    assert "        letter_id: str | None = None,\n" in implementation
    assert '"""' in implementation[: implementation.index("return await")]
    assert "self.create_referral = raw_response(resource.create_referral)" in text
    # `--strict` reports an ignore that is not needed: clean only if each marked call is an
    # error, and the others are not.
    (tmp_path / "consumer.py").write_text(REFERRAL_CONSUMER)
    checked = mypy_strict(tmp_path, "consumer")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_arguments_of_two_variants_of_a_one_of_body_are_refused_naming_the_conflict(
    tmp_path: Path,
) -> None:
    # The request loop checks which variant the arguments fit, and sends nothing when none:
    # the closest variant's problem, naming the argument it conflicts with (not `reason`,
    # which both take).
    result, _ = _generate(tmp_path, _referrals, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    script = f"""
import asyncio
from herohealth import HeroHealth, InvalidInputError
from herohealth.testing import FakeHero

fake = FakeHero(spec={str(tmp_path / "openapi.yaml")!r})

async def main() -> None:
    async with HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                          base_url=fake.base_url, http_client=fake.client()) as hero:
        for mixed in ({{"nhs_ref": "1", "letter_id": "L1"}}, {{"letter_id": "L1", "urgent": True}}):
            try:
                await hero.referrals.create_referral("7", reason="pain", **mixed)
            except InvalidInputError as error:
                print(error)
        raw = hero.referrals.with_raw_response
        print((await raw.create_referral("7", letter_id="L1", reason="pain")).status_code)
    print([(r.operation, sorted(r.json.items())) for r in fake.requests])

asyncio.run(main())
"""
    assert _run_with_package(tmp_path, script, lines=True) == [
        "letter_id: cannot be sent together with nhs_ref",
        "urgent: cannot be sent together with letter_id",
        "204",
        "[('createReferral', [('letter_id', 'L1'), ('reason', 'pain')])]",
    ]
