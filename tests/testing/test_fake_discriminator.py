"""A request body that is a `oneOf` with a `discriminator` is checked as OpenAPI reads it:
as the variant its property names (by the `mapping`, else by the schema's name), never as
whichever variant happens to accept it, as answers are.

The spec is an additive copy of openapi.yaml: POST /v1/letters takes a Letter (a Typed or
a Scanned letter, named by `kind` through a mapping), POST /v1/pets a list of Pets (a Cat
or a Dog, named by `kind` with the schema's own name). The SDK has no method for them, so
plain httpx talks to the fake in process.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from herohealth.testing import FakeHero

REF = "#/components/schemas/"


def _post(operation_id: str, schema: str) -> dict[str, Any]:
    content = {"application/json": {"schema": {"$ref": REF + schema}}}
    return {
        "post": {
            "operationId": operation_id,
            "requestBody": {"required": True, "content": content},
            "responses": {"200": {"description": "Ok", "content": content}},
        }
    }


PATHS: dict[str, Any] = {"/v1/letters": _post("sendLetter", "Letter"),
                         "/v1/pets": _post("addPets", "Pets")}  # fmt: skip
SCHEMAS: dict[str, Any] = {
    "Letter": {"oneOf": [{"$ref": REF + "Typed"}, {"$ref": REF + "Scanned"}],
               "discriminator": {"propertyName": "kind",
                                 "mapping": {"typed": REF + "Typed", "scanned": REF + "Scanned"}}},
    "Typed": {"type": "object", "required": ["kind", "text"],
              "properties": {"kind": {"type": "string"}, "text": {"type": "string"}}},
    "Scanned": {"type": "object", "required": ["kind", "pages"],
                "properties": {"kind": {"type": "string"},
                               "pages": {"type": "integer", "minimum": 1}}},
    "Pets": {"type": "object", "required": ["pets"],
             "properties": {"pets": {"type": "array", "items": {"$ref": REF + "Pet"}}}},
    "Pet": {"oneOf": [{"$ref": REF + "Cat"}, {"$ref": REF + "Dog"}],
            "discriminator": {"propertyName": "kind"}},
    "Cat": {"type": "object", "required": ["kind", "meow"],
            "properties": {"kind": {"type": "string"}, "meow": {"type": "string"}}},
    "Dog": {"type": "object", "required": ["kind", "bark"],
            "properties": {"kind": {"type": "string"}, "bark": {"type": "string"}}},
}  # fmt: skip
SECRET = "Dear Dr Hopper"  # stands for patient data: never quoted back


@pytest.fixture(scope="module")
def spec_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = yaml.safe_load(
        (importlib.resources.files("herohealth_openapi") / "openapi.yaml").read_text()
    )
    spec["paths"].update(PATHS)
    spec["components"]["schemas"].update(SCHEMAS)
    path = tmp_path_factory.mktemp("discriminator") / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def fake(spec_path: Path) -> Iterator[FakeHero]:
    with FakeHero(spec=spec_path) as fake:
        yield fake


@pytest.fixture
async def raw(fake: FakeHero) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        yield client


@pytest.mark.parametrize(
    ("path", "body", "errors"),
    [
        # Named a Typed letter, with a Scanned letter's fields: a Typed letter lacking text.
        ("/v1/letters", {"kind": "typed", "pages": 2}, [("text", "is required")]),
        # A Scanned letter's problem alone, not a Typed letter's too.
        ("/v1/letters", {"kind": "scanned", "pages": 0, "text": SECRET},
         [("pages", "must be 1 or more")]),
        # A value naming no variant: the discriminator property, with the values it takes.
        ("/v1/letters", {"kind": "fax", "text": SECRET},
         [("kind", "must be one of 'typed', 'scanned'")]),
        # Without a mapping, by the schema's name; inside a list, by the item's place.
        ("/v1/pets", {"pets": [{"kind": "Cat", "meow": SECRET}, {"kind": "Dog", "meow": SECRET}]},
         [("pets.1.bark", "is required")]),
        ("/v1/pets", {"pets": [{"kind": "Hamster", "meow": SECRET}]},
         [("pets.0.kind", "must be one of 'Cat', 'Dog'")]),
    ],
    ids=["fits-another-variant", "named-variants-problem-only", "names-no-variant",
         "by-schema-name-nested", "schema-name-names-no-variant"],
)  # fmt: skip
async def test_a_discriminated_body_is_checked_as_the_variant_its_value_names(
    raw: httpx.AsyncClient, fake: FakeHero, path: str, body: Any, errors: list[tuple[str, str]]
) -> None:
    response = await raw.post(path, json=body)

    assert response.status_code == 422, response.text
    listed = response.json()["errors"]
    assert [(error["field"], error["message"]) for error in listed] == errors
    for value in (SECRET, "fax", "Hamster"):  # what was sent is never quoted
        assert value not in response.text
    assert fake.requests[-1].status == 422


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/letters", {"kind": "typed", "text": SECRET}),
        ("/v1/letters", {"kind": "scanned", "pages": 3}),
        # Fits both variants (as a Scanned letter may carry its text): the one it names.
        ("/v1/letters", {"kind": "scanned", "pages": 3, "text": SECRET}),
        ("/v1/pets", {"pets": [{"kind": "Dog", "bark": "woof", "meow": "also"}]}),
    ],
    ids=["typed", "scanned", "fits-both", "by-schema-name"],
)
async def test_a_body_of_the_variant_it_names_is_taken(
    raw: httpx.AsyncClient, path: str, body: Any
) -> None:
    response = await raw.post(path, json=body)

    assert response.status_code == 200, response.text
