"""The answer to an operation the fake holds no state for, built from openapi.yaml.

The first of the response's `example`/`examples` that validates against its schema (Hero's
examples are sometimes placeholders such as `{data: [{}], count: 0}`), otherwise a value
generated from the schema, the same on every call:

- an object gets its required properties, but never a `writeOnly` one (a password: Hero
  takes it, never sends it back); a list envelope (`data` and `count`) answers
  `{"data": [one item], "count": 1}`;
- `const`, else the first `enum` value; `oneOf`/`anyOf`: the first variant (with a
  `discriminator`, its property set to the value naming that variant: its `mapping` entry,
  else the schema's name); `allOf`: the parts merged; a type list: its first type other
  than "null";
- strings: by `format` (date, date-time, uuid, email, uri), else one that fits a simple
  `pattern` (`^\\d+$` -> "1") and `minLength`/`maxLength`; numbers: `minimum` or 0;
  arrays: `minItems` items, at least one.

A success answer that is not JSON (a PDF, a CSV) is bytes: its first example that is a
string or bytes, otherwise `FakeHero <operationId>` and a newline.
"""

from __future__ import annotations

import re
from typing import Any

from herohealth.testing._spec import Operation, Spec, discriminator_values

_FORMATS = {
    "date": "2024-01-01",
    "date-time": "2024-01-01T00:00:00Z",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "email": "patient@example.com",
    "uri": "https://example.com/",
}
# Tried in order against a `pattern`: enough for ids, codes and words.
_PATTERNED = ("1", "string", "A", "a1", "A1", "GB", "0", "abc-123", "x")
_MAX_DEPTH = 12  # a schema that requires itself, forever, gets null that deep


def answer(spec: Spec, op: Operation) -> Any:
    """The body of the operation's documented success (None when it has no content)."""
    if op.answer_schema is None:  # no JSON: bytes of its media type, or no content
        return None if op.answer_media_type is None else _bytes(op)
    valid = spec.validator(op.answer_at)
    for example in op.answer_examples:
        if valid.is_valid(example):
            return example
    return generate(spec, op.answer_schema)


def _bytes(op: Operation) -> bytes:
    for example in op.answer_examples:
        if isinstance(example, bytes | str):  # YAML's !!binary is bytes
            return example.encode() if isinstance(example, str) else example
    return f"FakeHero {op.id}\n".encode()


def generate(spec: Spec, schema: Any, depth: int = 0) -> Any:
    """A deterministic value `schema` accepts (see the module doc)."""
    schema = _merged(spec, spec.resolve(schema))
    if depth > _MAX_DEPTH or not isinstance(schema, dict):
        return None
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants:
        found = generate(spec, {**_without(schema, "oneOf", "anyOf"), **variants[0]}, depth + 1)
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(found, dict):
            value = _naming(discriminator, variants)
            if value is not None:
                found[discriminator["propertyName"]] = value
        return found
    kind = _type(schema)
    if kind == "object":
        return _object(spec, schema, depth)
    if kind == "array":
        count = max(schema.get("minItems", 1), 1 if schema.get("maxItems", 1) else 0)
        return [generate(spec, schema.get("items", {}), depth + 1) for _ in range(count)]
    if kind == "string":
        return _string(schema)
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", -1) + 1)
        return low if "maximum" not in schema else min(low, schema["maximum"])
    return {"boolean": False}.get(kind or "")  # null, or a schema with no type: null


def _naming(discriminator: dict[str, Any], variants: list[Any]) -> str | None:
    """The discriminator value naming the first variant (a `$ref`): its mapping's, else its
    name, as the checks read it; None when none names it (an inline variant)."""
    named = discriminator_values(discriminator, variants)
    return next((value for value, index in named.items() if index == 0), None)


def _object(spec: Spec, schema: dict[str, Any], depth: int) -> dict[str, Any]:
    properties = schema.get("properties", {})
    names = [name for name in schema.get("required", ()) if not write_only(properties.get(name))]
    if "data" in properties and "count" in properties:
        names = ["data", "count", *(n for n in names if n not in ("data", "count"))]
    found = {name: generate(spec, properties.get(name, {}), depth + 1) for name in names}
    if isinstance(found.get("data"), list) and "count" in found:
        found["count"] = len(found["data"])
    return found


def write_only(schema: Any) -> bool:
    """Whether a property is `writeOnly` (beside a `$ref` too: `Spec` copies the flag there)."""
    return isinstance(schema, dict) and schema.get("writeOnly") is True


def _string(schema: dict[str, Any]) -> str:
    low: int = schema.get("minLength", 0)
    high: int | None = schema.get("maxLength")
    candidates = [_FORMATS[schema["format"]]] if schema.get("format") in _FORMATS else []
    pattern = schema.get("pattern")
    candidates += [c for c in _PATTERNED if not pattern or re.search(pattern, c, re.ASCII)]
    for candidate in candidates:
        if len(candidate) >= low and (high is None or len(candidate) <= high):
            return candidate
    text = (candidates or ["s"])[0]
    return (text * (low // len(text) + 1))[: high if high is not None else max(low, 1)]


def _merged(spec: Spec, schema: Any) -> Any:
    """`schema` with its `allOf` parts merged in: properties and required lists joined."""
    if not isinstance(schema, dict) or "allOf" not in schema:
        return schema
    merged: dict[str, Any] = _without(schema, "allOf")
    for part in schema["allOf"]:
        part = _merged(spec, spec.resolve(part))
        properties = {**part.get("properties", {}), **merged.get("properties", {})}
        required = [*merged.get("required", ()), *part.get("required", ())]
        merged = {**part, **merged}  # the outer schema's keywords win, then earlier parts'
        merged.update({"properties": properties} if properties else {})
        merged.update({"required": required} if required else {})
    return merged


def _type(schema: dict[str, Any]) -> str | None:
    declared = schema.get("type")
    if isinstance(declared, list):
        declared = next((t for t in declared if t != "null"), "null")
    if declared is None and ("properties" in schema or "required" in schema):
        return "object"
    if declared is None and "items" in schema:
        return "array"
    return declared


def _without(schema: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if key not in keys}
