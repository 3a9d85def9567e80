"""Shapes a Hero description may take that the generator must handle, or refuse by name.

Each test makes one change to a copy of openapi.yaml, regenerates the SDK from it with the
command `make generate` runs (the `_generate` helper of test_additive_release.py), and calls
the new operation through `HeroHealth` against FakeHero reading the same copy.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.spec_update.test_additive_release import (
    ROOT,
    _assert_generation_stops,
    _generate,
    _run_with_package,
    mypy_strict,
)


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _call(tmp_path: Path, calls: str) -> list[str]:
    """What `calls` (statements on `hero`, one a line) print, then each request FakeHero saw
    as `operation path`, run against the package regenerated into tmp_path."""
    body = "".join(f"        {line}\n" for line in calls.strip().splitlines())
    script = f"""
import asyncio
from herohealth import HeroHealth
from herohealth.testing import FakeHero

fake = FakeHero(spec={str(tmp_path / "openapi.yaml")!r})

async def main() -> None:
    async with HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                          base_url=fake.base_url, http_client=fake.client()) as hero:
{body}
    for request in fake.requests:
        print(request.operation, request.path, sorted(request.query.items()))

asyncio.run(main())
"""
    return _run_with_package(tmp_path, script, lines=True)


def _generated_things(tmp_path: Path, path: str, item: dict[str, Any]) -> str:
    """The Things resource module, generated from a copy of openapi.yaml with `item` at
    `path` (its operations tagged Things)."""

    def change(spec: dict[str, Any]) -> None:
        spec["paths"][path] = item

    result, out = _generate(tmp_path, change, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    return (out / "resources" / "things.py").read_text()


def test_a_path_parameter_named_like_a_keyword_is_sent_by_its_own_name(tmp_path: Path) -> None:
    # openapi-python-client names the arguments `class_` and `self_`, and rewrites its copy of
    # the path to match: the SDK still finds the operation in openapi.yaml, and sends the path
    # openapi.yaml declares.
    get = {"operationId": "getThing", "tags": ["Things"],
           "parameters": [_path("class"), _path("self")],
           "responses": {"204": {"description": "Done"}}}  # fmt: skip

    text = _generated_things(tmp_path, "/v1/things/{class}/{self}", {"get": get})
    assert 'path="/v1/things/{class}/{self}",' in text
    assert "        class_: str,\n        self_: str,\n" in text
    assert _call(
        tmp_path,
        """
print(await hero.things.get_thing("a", "7"))
print((await hero.things.with_raw_response.get_thing(class_="b", self_="8")).status_code)
""",
    ) == ["None", "204", "getThing /v1/things/a/7 []", "getThing /v1/things/b/8 []"]


def _thing(schema: dict[str, Any], name: str = "Thing") -> Any:
    """A change: schema `name`, created by POST /v1/things (createThing) and answered."""
    ref = {"$ref": f"#/components/schemas/{name}"}
    post = {"operationId": "createThing", "tags": ["Things"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
            "responses": {"200": {"description": "Ok",
                                  "content": {"application/json": {"schema": ref}}}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"][name] = schema
        spec["paths"]["/v1/things"] = {"post": post}

    return change


_RENAME = "rename its class in generator.yaml: class_overrides: {0}: {{class_name: ..., "


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Page", "openapi.yaml schema 'Page': the generated model would be herohealth.Page, "
                 "which is the SDK's own; "),
        ("NotFoundError", "the generated model would be herohealth.NotFoundError"),
        ("Param", "herohealth_openapi/resources/things.py: the generated class 'Param' of an "
                  "openapi.yaml schema would also be `Param` from ..models.param and `Param` "
                  "from ._runtime; "),
        ("Any", "herohealth_openapi/models/any_.py: the generated class 'Any' of an "
                "openapi.yaml schema would also be `Any` from typing and its own definition; "),
    ],
    ids=["sdk-public-name", "sdk-error-name", "resource-module-name", "model-module-name"],
)  # fmt: skip
def test_a_schema_named_like_a_name_the_sdk_uses_stops_make_generate(
    tmp_path: Path, name: str, named: str
) -> None:
    # Generated, `herohealth.Page` would be the model or the page type, the resource module's
    # `Param` the model or the runtime's, and mypy --strict fails on the package either way.
    # A class_overrides entry (as MergePreview has) names the model another way.
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    _assert_generation_stops(tmp_path, _thing(schema, name), [named, _RENAME.format(name)])


@pytest.mark.parametrize("prop", ["to_dict", "from_dict", "additional_properties"])
def test_a_property_named_like_a_model_attribute_stops_make_generate(
    tmp_path: Path, prop: str
) -> None:
    # The attrs field would replace the method every model has (or the extra keys' dict):
    # decoding and sending break, and mypy --strict fails on the model.
    schema = {
        "type": "object",
        "properties": {prop: {"type": "string"}, "keys": {"type": "string"}},
    }
    named = (
        f"herohealth_openapi/models/thing.py: the model Thing has a property {prop!r}, named "
        f"like the attribute `{prop}` every generated model has (templates/model.py.jinja)"
    )
    _assert_generation_stops(tmp_path, _thing(schema), [named, "a change to tools/generate.py"])


def test_properties_named_like_mapping_methods_or_keywords_are_generated(tmp_path: Path) -> None:
    # A model is not a mapping: `items`, `keys` and `values` are free, and a keyword is
    # `class_`, sent as "class".
    props = ["items", "keys", "values", "get", "class", "type"]
    schema = {"type": "object", "properties": {p: {"type": "string"} for p in props}}
    result, _ = _generate(tmp_path, _thing(schema), ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    calls = """
await hero.things.create_thing(items="1", keys="2", values="3", get="4", class_="5", type_="6")
print(sorted(fake.requests[-1].json.items()))
"""
    assert _call(tmp_path, calls) == [
        "[('class', '5'), ('get', '4'), ('items', '1'), ('keys', '2'), ('type', '6'), "
        "('values', '3')]",
        "createThing /v1/things []",
    ]


def test_an_operation_id_two_operations_share_stops_make_generate(tmp_path: Path) -> None:
    # Both would be generated (one per tag), but the index, sdk.yaml and FakeHero would know
    # only one of them by the name: the other would be lost without a word.
    def listing(tag: str) -> dict[str, Any]:
        return {"get": {"operationId": "listThings", "tags": [tag],
                        "responses": {"204": {"description": "Done"}}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        spec["paths"].update({"/v1/things": listing("Things"), "/v1/others": listing("Others")})

    named = (
        "openapi.yaml: operationId 'listThings' names 2 operations (GET /v1/things, "
        "GET /v1/others); OpenAPI requires each operationId unique"
    )
    _assert_generation_stops(tmp_path, change, [named, "Hero's description needs one renamed"])


def test_two_operations_without_an_operation_id_named_alike_stop_make_generate(
    tmp_path: Path,
) -> None:
    # Each is named from its method and path, and `/v1/things/` reads as `/v1/things`: one
    # sdk.yaml entry would rename both, so "rename one in sdk.yaml" could not be followed.
    def change(spec: dict[str, Any]) -> None:
        unnamed = {"get": {"tags": ["Things"], "responses": {"204": {"description": "Done"}}}}
        spec["paths"].update({"/v1/things": unnamed, "/v1/things/": copy.deepcopy(unnamed)})

    named = (
        "openapi.yaml: operationId 'get_v1_things' names 2 operations (GET /v1/things (no "
        "operationId: named so from its method and path), GET /v1/things/ (no operationId: "
        "named so from its method and path))"
    )
    _assert_generation_stops(tmp_path, change, [named, "(or given an operationId)"])


def _pets(kind: dict[str, Any], mapping: dict[str, str] | None) -> Any:
    """A change: GET /v1/pets/{pet_id} (getPet) answers a Pet, a Cat or a Dog by `kind`."""

    def pet(sound: str) -> dict[str, Any]:
        return {"type": "object", "required": ["kind"],
                "properties": {"kind": kind, sound: {"type": "string"}}}  # fmt: skip

    discriminator: dict[str, Any] = {"propertyName": "kind"}
    if mapping is not None:
        discriminator["mapping"] = mapping
    ref = "#/components/schemas/"
    get = {"operationId": "getPet", "tags": ["Pets"], "parameters": [_path("pet_id")],
           "responses": {"200": {"description": "Ok", "content": {
               "application/json": {"schema": {"$ref": ref + "Pet"}}}}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"].update(
            Cat=pet("meow"),
            Dog=pet("bark"),
            Pet={"oneOf": [{"$ref": ref + "Cat"}, {"$ref": ref + "Dog"}],
                 "discriminator": discriminator},
        )  # fmt: skip
        spec["paths"]["/v1/pets/{pet_id}"] = {"get": get}

    return change


@pytest.mark.parametrize(
    ("kind", "mapping", "values"),
    [
        ({"type": "string"}, {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"},
         ("cat", "dog")),
        ({"type": "string", "enum": ["cat", "dog"]}, {"cat": "Cat", "dog": "Dog"}, ("cat", "dog")),
        ({"type": "string"}, None, ("Cat", "Dog")),
    ],
    ids=["mapping-to-refs", "enum-mapping-to-names", "no-mapping"],
)  # fmt: skip
def test_a_discriminated_answer_decodes_as_the_variant_its_discriminator_names(
    tmp_path: Path, kind: dict[str, Any], mapping: dict[str, str] | None, values: tuple[str, str]
) -> None:
    # The generator ignores `discriminator`: a Dog decoded as the first variant that accepts
    # it, a Cat (its `kind` a string, or an enum that keeps values it does not know).
    result, _ = _generate(tmp_path, _pets(kind, mapping), ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    cat, dog = values
    calls = f"""
print(await hero.pets.get_pet("1"))  # FakeHero's own answer: its first variant, named so
fake.handle("getPet", lambda request: {{"kind": {dog!r}, "bark": "woof"}})
print(await hero.pets.get_pet("2"))
"""
    assert _call(tmp_path, calls)[:2] == [f"Cat(kind={cat!r})", f"Dog(kind={dog!r}, bark='woof')"]


def test_a_discriminator_naming_one_variant_by_two_values_stops_make_generate(
    tmp_path: Path,
) -> None:
    mapping = {"cat": "Cat", "kitten": "Cat", "dog": "Dog"}
    named = (
        "openapi.yaml schema #/components/schemas/Cat: a discriminator on 'kind' names it as a "
        "variant, but the values ['cat', 'kitten'] all name it; the SDK cannot tell its "
        "variants apart yet"
    )
    _assert_generation_stops(tmp_path, _pets({"type": "string"}, mapping), [named])


def test_an_answer_or_argument_of_any_json_is_typed_any_and_mypy_strict_clean(
    tmp_path: Path,
) -> None:
    # A schema that says nothing (`{}`) is `Any`: the resource module imports it, as it does
    # every other name its annotations use.
    anything: dict[str, Any] = {}
    body = {"type": "object", "properties": {"meta": anything}}
    post = {"operationId": "postAnything", "tags": ["Things"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {"200": {"description": "Ok",
                                  "content": {"application/json": {"schema": {}}}}}}  # fmt: skip

    text = _generated_things(tmp_path, "/v1/anything", {"post": post})
    assert "        meta: Any | None = None,\n" in text
    assert "    ) -> Any:\n" in text
    typed = mypy_strict(tmp_path)
    assert typed.returncode == 0, typed.stdout + typed.stderr
    calls = """
await hero.things.post_anything(meta={"a": [1, None]})
print(fake.requests[-1].json)
"""
    assert _call(tmp_path, calls)[0] == "{'meta': {'a': [1, None]}}"


def test_a_header_parameter_its_security_scheme_sends_is_the_clients_credential(
    tmp_path: Path,
) -> None:
    # Declared again as a parameter (as a FastAPI `Header()` dependency writes it), the API
    # key was a required argument that the client's credential then overwrote, unseen.
    def header(name: str, required: bool) -> dict[str, Any]:
        return {"name": name, "in": "header", "required": required, "schema": {"type": "string"}}

    get = {"operationId": "getThing", "tags": ["Things"],
           "parameters": [header("X-API-Key", True), header("x-practice-group-id", False),
                          header("x-trace", False)],
           "responses": {"204": {"description": "Done"}}}  # fmt: skip
    text = _generated_things(tmp_path, "/v1/things", {"get": get})
    assert "        *,\n        x_trace: str | None = None,\n        **options" in text
    calls = """
await hero.things.get_thing(x_trace="t")
print(sorted(k for k in fake.requests[-1].headers if k.startswith("x-")))
"""
    assert _call(tmp_path, calls)[0] == "['x-api-key', 'x-practice-group-id', 'x-trace']"


@pytest.mark.parametrize("level", ["operation", "path"])
def test_an_operation_with_its_own_servers_stops_make_generate(tmp_path: Path, level: str) -> None:
    # Sent to the client's base_url, an upload Hero serves from another host would go to the
    # wrong one: nothing generated may send it there.
    servers = [{"url": "https://uploads.example.com"}]
    get: dict[str, Any] = {"operationId": "getUpload", "tags": ["Things"],
                           "responses": {"204": {"description": "Done"}}}  # fmt: skip
    item: dict[str, Any] = {"get": get}
    (get if level == "operation" else item)["servers"] = servers

    def change(spec: dict[str, Any]) -> None:
        spec["paths"]["/v1/uploads"] = item

    named = (
        "getUpload: openapi.yaml sends it to its own servers (https://uploads.example.com), but "
        "the SDK sends every operation to the client's base_url; not supported yet"
    )
    _assert_generation_stops(tmp_path, change, [named, "{deferred: <why>}"])


def test_a_header_parameter_named_accept_content_type_or_authorization_is_ignored(
    tmp_path: Path,
) -> None:
    # OpenAPI: such a parameter definition SHALL be ignored. As an argument it was required,
    # and sent over the Accept the SDK reads answers by (or as a credential header of its own).
    def header(name: str) -> dict[str, Any]:
        return {"name": name, "in": "header", "required": True, "schema": {"type": "string"}}

    get = {"operationId": "getThing", "tags": ["Things"],
           "parameters": [header("Accept"), header("content-type"),
                          {**header("AUTHORIZATION"), "required": False},
                          {**header("x-trace"), "required": False}],
           "responses": {"204": {"description": "Done"}}}  # fmt: skip
    text = _generated_things(tmp_path, "/v1/things", {"get": get})
    assert "        *,\n        x_trace: str | None = None,\n        **options" in text
    assert "'accept'" not in text.lower()
    calls = """
await hero.things.get_thing(x_trace="t")
headers = fake.requests[-1].headers
print(headers["accept"], "authorization" in headers, "content-type" in headers)
"""
    assert _call(tmp_path, calls)[0] == "application/json False False"


def _authorized(security_header: str) -> Any:
    """A change: GET /v1/things (getThing) requiring an `Authorization` header parameter, the
    client's API key sent in `security_header` (the ApiKey scheme's header)."""
    authorization = {"name": "Authorization", "in": "header", "required": True,
                     "schema": {"type": "string"}}  # fmt: skip
    get = {"operationId": "getThing", "tags": ["Things"], "parameters": [authorization],
           "responses": {"204": {"description": "Done"}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        spec["components"]["securitySchemes"]["ApiKey"]["name"] = security_header
        spec["paths"]["/v1/things"] = {"get": get}

    return change


def test_a_required_authorization_parameter_no_security_scheme_sends_stops_make_generate(
    tmp_path: Path,
) -> None:
    # OpenAPI ignores the parameter, and so does the SDK: generated, every call went without
    # the header Hero requires, and was answered 401.
    named = [
        "getThing: requires the header parameter 'Authorization', which OpenAPI ignores",
        "declare the credential as a security scheme",
        "sdk.yaml `auth`",
    ]
    _assert_generation_stops(tmp_path, _authorized("x-api-key"), named)


def test_a_required_authorization_parameter_a_security_scheme_sends_is_the_credential(
    tmp_path: Path,
) -> None:
    result, out = _generate(tmp_path, _authorized("Authorization"), ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    text = (out / "resources" / "things.py").read_text()
    assert '("authorization", "api_key")' in text
    assert "authorization: str" not in text  # no argument: the client's credential
    calls = """
await hero.things.get_thing()
print(fake.requests[-1].headers["authorization"])
"""
    # Taken by FakeHero, whose 401 answers a call without the scheme's header; the header
    # is masked in what it records, as a credential.
    assert _call(tmp_path, calls) == ["***", "getThing /v1/things []"]


def _answering(responses: dict[str, Any]) -> Any:
    """A change: GET /v1/things (getThing) answering `responses`; a Thing is {"name": ...}."""
    thing = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}

    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Thing"] = thing
        spec["paths"]["/v1/things"] = {
            "get": {"operationId": "getThing", "tags": ["Things"], "responses": responses}
        }

    return change


def _json_answer(name: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{name}"}
    return {"description": name, "content": {"application/json": {"schema": ref}}}


@pytest.mark.parametrize("key", ["default", "2XX"])
def test_a_success_documented_by_default_or_a_2xx_range_is_read_by_its_schema(
    tmp_path: Path, key: str
) -> None:
    # `default` covers every status not listed, so with no 2xx listed it is what a success
    # answers; a 2XX range covers each 2xx. Either way the answer was None (the method
    # typed so), or FakeHero's own answer an empty body.
    result, out = _generate(tmp_path, _answering({key: _json_answer("Thing")}), ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    assert "    ) -> Thing:\n" in (out / "resources" / "things.py").read_text()
    calls = """
from herohealth.testing import Answer
print(type(await hero.things.get_thing()).__name__)  # FakeHero's own answer, by the schema
fake.handle("getThing", lambda request: Answer(201, {"name": "made"}))
print(await hero.things.get_thing())
"""
    assert _call(tmp_path, calls)[:2] == ["Thing", "Thing(name='made')"]


def test_a_2xx_not_documented_beside_a_default_is_refused_not_read_as_the_default(
    tmp_path: Path,
) -> None:
    # The default (an error's schema, as a 4xx or 5xx would answer) is not what the method
    # returns: a 201 read by it was an `Error` where a `Thing` is typed.
    responses = {"200": _json_answer("Thing"), "default": _json_answer("Error")}

    def change(spec: dict[str, Any]) -> None:
        _answering(responses)(spec)
        spec["components"]["schemas"]["Error"] = {
            "type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}
        }  # fmt: skip

    result, _ = _generate(tmp_path, change, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    calls = """
from herohealth import ResponseValidationError
from herohealth.testing import Answer
fake.handle("getThing", lambda request: Answer(201, {"message": "queued"}))
try:
    print(await hero.things.get_thing())
except ResponseValidationError as error:
    print(str(error).rsplit(": ", 1)[-1])
"""
    assert _call(tmp_path, calls)[0] == "undocumented success status 201"


_UUID_CONSUMER = """
import uuid

from herohealth import HeroHealth


async def put(hero: HeroHealth, thing_id: str) -> None:
    await hero.things.put_thing(thing_id, parent=uuid.uuid4(), owner=thing_id)
    await hero.things.put_thing(uuid.UUID(thing_id), parent=thing_id, owner=uuid.UUID(thing_id))
    await hero.things.put_thing(7)  # type: ignore[arg-type]
"""


def test_a_uuid_argument_takes_a_uuid_or_its_text(tmp_path: Path) -> None:
    # An id read from JSON is text: typed `UUID` alone, passing it failed mypy --strict,
    # though the SDK checks a string by the uuid format and sends it as it is.
    uuid_ = {"type": "string", "format": "uuid"}
    body = {"type": "object", "properties": {"owner": uuid_}}
    put = {"operationId": "putThing", "tags": ["Things"],
           "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": uuid_},
                          {"name": "parent", "in": "query", "schema": uuid_}],
           "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
           "responses": {"204": {"description": "Done"}}}  # fmt: skip

    text = _generated_things(tmp_path, "/v1/things/{thing_id}", {"put": put})
    assert "        thing_id: UUID | str,\n" in text
    assert "        parent: UUID | str | None = None,\n" in text
    (tmp_path / "consumer.py").write_text(_UUID_CONSUMER)
    typed = mypy_strict(tmp_path, "consumer")
    assert typed.returncode == 0, typed.stdout + typed.stderr
    calls = """
import uuid
from herohealth import InvalidInputError
thing_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
await hero.things.put_thing(thing_id, parent=uuid.UUID(thing_id), owner=thing_id)
print(fake.requests[-1].json)
try:
    await hero.things.put_thing("3fa85f64")
except InvalidInputError as error:
    print(error)
"""
    assert _call(tmp_path, calls) == [
        "{'owner': '3fa85f64-5717-4562-b3fc-2c963f66afa6'}",
        "thing_id: must be a UUID, e.g. '3fa85f64-5717-4562-b3fc-2c963f66afa6'",
        "putThing /v1/things/3fa85f64-5717-4562-b3fc-2c963f66afa6 "
        "[('parent', '3fa85f64-5717-4562-b3fc-2c963f66afa6')]",
    ]


def _two_schemas(first: str, second: str) -> Any:
    """A change: schemas `first` and `second`, the body and the answer of createThing."""
    ref = "#/components/schemas/"
    post = {"operationId": "createThing", "tags": ["Things"],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"$ref": ref + first}}}},
            "responses": {"200": {"description": "Ok", "content": {
                "application/json": {"schema": {"$ref": ref + second}}}}}}  # fmt: skip

    def change(spec: dict[str, Any]) -> None:
        for name, prop in ((first, "a"), (second, "b")):
            schema = {"type": "object", "properties": {prop: {"type": "string"}}}
            spec["components"]["schemas"][name] = schema
        spec["paths"]["/v1/things"] = {"post": post}

    return change


@pytest.mark.parametrize(
    ("first", "second", "named"),
    [
        # Two classes, but both models/http_thing.py: the second overwrote the first, and the
        # package, generated without a word, failed on import.
        ("HTTPThing", "HttpThing",
         "openapi.yaml schemas 'HTTPThing' and 'HttpThing': their generated classes HTTPThing "
         "and HttpThing would both be herohealth_openapi/models/http_thing.py; give one a "
         "module of its own in generator.yaml: class_overrides: HTTPThing: {module_name: ...}"),
        # The generator's own warning named only the second, and class_overrides cannot help:
        # keyed by the class name, one entry renames both.
        ("Thing", "thing",
         "openapi.yaml schemas 'Thing' and 'thing' would both be the generated class Thing; "
         "generator.yaml class_overrides cannot tell them apart (an entry is keyed by the "
         "class name, Thing, and renames both)"),
        # generator.yaml names MergePreview's class MergePreviewResponse: a schema of that
        # name would be the same class. An entry of its own tells the two apart.
        ("MergePreviewResponse", "MergePreviewResponse",
         "openapi.yaml schemas 'MergePreview' and 'MergePreviewResponse' would both be the "
         "generated class MergePreviewResponse; rename one's class in generator.yaml: "
         "class_overrides: MergePreviewResponse: {class_name: ..., module_name: ...}"),
    ],
    ids=["one-module", "one-class-name", "an-override's-class"],
)  # fmt: skip
def test_two_schemas_generated_as_one_class_or_module_stop_make_generate_naming_both(
    tmp_path: Path, first: str, second: str, named: str
) -> None:
    _assert_generation_stops(tmp_path, _two_schemas(first, second), [named])


def _beside_refs(spec: dict[str, Any]) -> None:
    """POST /v1/things (createThing): a body whose properties are each a `$ref` with keywords
    beside it that constrain differently from its target's, or `allOf` parts that do."""
    text = {"type": "string"}
    spec["components"]["schemas"].update({
        "ThingName": {**text, "maxLength": 50},
        "ThingCode": {**text, "pattern": "^[A-Z]+$"},
        "ThingKind": {**text, "enum": ["a", "b"]},
        "ThingAddress": {"type": "object", "required": ["line1"],
                         "properties": {"line1": {**text, "maxLength": 5}}},
    })  # fmt: skip

    def ref(name: str, **beside: Any) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{name}", **beside}

    body = {"type": "object", "properties": {
        "name": ref("ThingName", maxLength=100),
        "code": ref("ThingCode", pattern="^.{2}$"),
        "kind": ref("ThingKind", enum=["a", "b", "c"]),
        "address": ref("ThingAddress", required=["postcode"],
                       properties={"postcode": {**text, "maxLength": 8}}),
        "tag": {"allOf": [{"type": "object", "properties": {"x": {**text, "maxLength": 9}}},
                          {"properties": {"x": {"pattern": "^[a-z]+$"}}}]},
    }}  # fmt: skip
    post = {"operationId": "createThing", "tags": ["Things"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {"204": {"description": "Done"}}}  # fmt: skip
    spec["paths"]["/v1/things"] = {"post": post}


def test_keywords_beside_a_ref_or_in_all_of_parts_apply_with_the_targets(tmp_path: Path) -> None:
    # A keyword beside a `$ref` replaced its target's in the rule the SDK checks (Hero applies
    # both, JSON Schema 2020-12): 60 characters were sent where Hero takes 50, and refused.
    # A later allOf part's rule for a property an earlier part has was lost the same way.
    result, _ = _generate(tmp_path, _beside_refs, ROOT / "sdk.yaml")
    assert result.returncode == 0, result.stderr
    secret = "SECRET"
    calls = f"""
from herohealth import InvalidInputError, UnprocessableEntityError
address = {{"line1": "1", "postcode": "AB1"}}
for arguments in [
    dict(name="{secret}" * 10), dict(code="{secret}"), dict(code="ab"), dict(kind="c"),
    dict(address={{"postcode": "{secret}"}}), dict(address={{**address, "line1": "{secret}"}}),
    dict(tag={{"x": "{secret}"}}),
]:
    try:
        await hero.things.create_thing(**arguments)
    except InvalidInputError as error:
        print(error)
    except UnprocessableEntityError:
        print("sent: Hero refused it")
await hero.things.create_thing(name="N" * 50, code="AB", kind="b", address=address,
                               tag={{"x": "abc"}})
"""
    lines = _call(tmp_path, calls)
    assert lines == [
        "name: must be at most 50 characters",
        "code: must match ^.{2}$",
        "code: must match ^[A-Z]+$",
        "kind: must be one of 'a', 'b'",
        "address: property line1: is required",
        "address: property line1: must be at most 5 characters",
        "tag: property x: must match ^[a-z]+$",
        "createThing /v1/things []",  # only the call that fits both: the others sent nothing
    ]
    assert not any(secret in line for line in lines)
