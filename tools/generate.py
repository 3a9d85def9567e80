"""`make generate`: openapi.yaml (+ sdk.yaml) -> generated/herohealth_openapi.

    python tools/generate.py [--spec openapi.yaml] [--sdk sdk.yaml] [--out DIR]

1. Checks sdk.yaml against the spec first: an entry naming an operation, tag or argument
   that openapi.yaml does not have (a Hero release removed or renamed it) stops here, with
   the entry named, before anything is written; so does a tag's resource that an attribute
   of `HeroHealth` would hide (a tag "Timeout"), until sdk.yaml renames it.
2. Runs the pinned openapi-python-client (models and raw operation modules), with
   templates/ overriding some of its templates (templates/README.md).
3. Writes the resource layer, `<out>/resources/`: one module per tag, one async method
   per operation, from templates/sdk/. Types and Python names come from the generator's
   own parser, so they match the models it wrote; rules for local validation, paging and
   idempotency come from openapi.yaml; names from sdk.yaml.
4. Replaces the package's `__init__.py` (templates/sdk/package_init.py.jinja): the same
   names, loaded on first use, so that `import herohealth` does not load the raw client.
5. Copies openapi.yaml into the package and marks it typed (py.typed).

The generator reads JSON and application/octet-stream answers only, and warns (which stops
`make generate`) on any other media type: a release with one PDF download would stop the
update. So it is given every other media type a response declares as octet-stream
(`content_type_overrides`, derived from the spec each run) and each response's JSON media
types first (`json_first`). The resource layer returns a non-JSON success answer's
body as bytes (`Operation.media_types`), whatever the generator's raw module makes of it.
A JSON media type is any of application/json, a `+json` type (application/vnd.hero+json,
application/merge-patch+json), with parameters or not (`is_json`): the first one an answer
offers is read into its model, and accepted (`Operation.accept`); a request body of one is
sent as JSON with that Content-Type (`Body.media_type`).
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from keyword import iskeyword
from pathlib import Path
from typing import Any

import jinja2
import yaml
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.bodies import BodyType
from openapi_python_client.parser.openapi import Endpoint, generate_operation_id
from openapi_python_client.parser.properties import Class, ModelProperty, Property
from openapi_python_client.parser.properties.file import FileProperty
from openapi_python_client.parser.properties.literal_enum_property import LiteralEnumProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.schema.untrusted_string import UntrustedString
from openapi_python_client.strings import ClassName, PythonIdentifier
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
# The handwritten client the generated `Resources` (one property per tag) is a base of.
CLIENT = ROOT / "src" / "herohealth" / "_client.py"
# The SDK's public names (its `__all__`); every generated model is importable beside them.
PUBLIC = ROOT / "src" / "herohealth" / "__init__.py"
BIN = Path(sys.executable).parent

IDEMPOTENT_METHODS = frozenset({"get", "head", "put", "delete", "options"})
HTTP_METHODS = IDEMPOTENT_METHODS | {"post", "patch", "trace"}  # a path item's operations
# What templates/sdk/resource.py.jinja gives every resource class: no method may take these.
RESOURCE_ATTRIBUTES = frozenset({"with_raw_response"})
PAGE_PARAMS = frozenset({"page_index", "page_size"})
# Header parameters OpenAPI says SHALL be ignored (3.0 and 3.1, "Parameter Object": `in:
# header` named Accept, Content-Type or Authorization, in any case): the media types and
# security schemes say what goes there. No argument for one, so none is sent over the SDK's.
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def _request_options() -> frozenset[str]:
    """The per-call options' names: the keys of the runtime template's `RequestOptions`
    and `PagedRequestOptions` (a list method's page size)."""
    tree = ast.parse((TEMPLATES / "sdk" / "_runtime.py").read_text(encoding="utf-8"))
    return frozenset(
        item.target.id
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name in ("RequestOptions", "PagedRequestOptions")
        for item in node.body
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
    )


# Names a generated method takes for itself: `self`, `options` and the per-call options.
RESERVED = frozenset({"self", "options"}) | _request_options()
# The form bodies a method takes as keyword arguments, as `Body.encoding` names them.
FORM_ENCODINGS = {BodyType.FILES: "multipart", BodyType.DATA: "urlencoded"}
# Their media types: a form body's properties are the method's arguments.
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
FILE_ARGUMENT = "Bytes, a binary file, or a (filename, content, content_type) tuple."
# JSON Schema keywords that can be checked on a value before it is sent.
RULE_KEYWORDS = (
    "type",
    "enum",
    "const",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
)

# OpenAPI 3.1's serialization of a parameter (`style`, `explode`): each location's default
# style, and the styles the SDK sends there, each with the kinds of value it can write.
DEFAULT_STYLES = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
SENDABLE_STYLES: Mapping[str, Mapping[str, frozenset[str]]] = {
    "path": {"simple": frozenset({"scalar", "array", "object"})},
    "header": {"simple": frozenset({"scalar", "array", "object"})},
    "cookie": {"form": frozenset({"scalar"})},
    "query": {
        "form": frozenset({"scalar", "array", "object"}),
        "spaceDelimited": frozenset({"array", "object"}),
        "pipeDelimited": frozenset({"array", "object"}),
        "deepObject": frozenset({"object"}),
    },
}


class GenerationError(Exception):
    """openapi.yaml and sdk.yaml do not fit together; the message names the entry."""


# ---- the spec ----------------------------------------------------------------------------


def resolve(spec: Mapping[str, Any], schema: Any, seen: frozenset[str] = frozenset()) -> Any:
    """`schema` with local `$ref`s replaced by what they point at (cycles left as {}), with
    the keywords beside each: over the target's, or `allOf` the two where they clash."""
    if isinstance(schema, list):
        return [resolve(spec, item, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref in seen:
            return {}
        target: Any = spec
        for part in ref.removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        # Keywords beside a `$ref` apply with its target's (JSON Schema 2020-12, as Hero
        # reads them): where one constrains differently from the target's, both are kept.
        merged = _both(target, siblings) if _clash(target, siblings) else {**target, **siblings}
        return resolve(spec, merged, seen | {ref})
    return {key: resolve(spec, value, seen) for key, value in schema.items()}


# The keywords `rule` reads a constraint from; the others (`description`, `readOnly`...) say
# nothing a value must be, and the later schema's replace the earlier's.
CONSTRAINING = frozenset(
    {*RULE_KEYWORDS, "items", "properties", "required", "additionalProperties"}
    | {"allOf", "anyOf", "oneOf"}
)


def _clash(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether two schemas constrain a keyword differently (a parameter's or request body's
    `required: true` is not a schema's list, and no clash)."""
    return any(
        first[key] != second[key]
        and (key != "required" or (isinstance(first[key], list) and isinstance(second[key], list)))
        for key in CONSTRAINING & first.keys() & second.keys()
    )


def _both(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, Any]:
    """A schema a value fits when it fits both: `second` over `first` where they do not
    clash, else `allOf` the two, with their other keywords (`second`'s first) beside."""
    if not _clash(first, second):
        return {**first, **second}
    notes = {k: v for k, v in {**first, **second}.items() if k not in CONSTRAINING}
    return {**notes, "allOf": [dict(first), dict(second)]}


def rule(schema: Mapping[str, Any]) -> dict[str, Any]:
    """What can be checked of a value before sending: `schema` reduced to RULE_KEYWORDS,
    the same of its items, options and properties, and which properties it requires.

    An object's rule says which properties it requires, except those Hero sets itself
    (`readOnly`: an id, a timestamp), and its `additionalProperties`: `false`, or the rule
    of the values of a map (`dict[str, int]`); `true` or none, a property openapi.yaml does
    not describe is sent as given.
    """
    if "allOf" in schema:
        merged, apart = _merged(schema)
        reduced = rule(merged)
        kept = [*reduced.pop("allOf", []), *filter(None, (rule(part) for part in apart))]
        return {**reduced, "allOf": kept} if kept else reduced
    reduced = {key: schema[key] for key in RULE_KEYWORDS if key in schema}
    if isinstance(reduced.get("type"), str):
        reduced["type"] = [reduced["type"]]
    choices = [
        [rule(option) for option in schema[key]] for key in ("anyOf", "oneOf") if key in schema
    ]
    if choices:
        reduced["anyOf"] = choices[0]
    if len(choices) > 1:  # both (from allOf parts): the value must fit one of each
        reduced["allOf"] = [{"anyOf": choices[1]}]
    if "items" in schema:
        reduced["items"] = rule(schema["items"])
    properties = schema.get("properties") or {}
    if properties:
        reduced["properties"] = {name: rule(value) for name, value in properties.items()}
    required = [
        name
        for name in schema.get("required") or []
        if (properties.get(name) or {}).get("readOnly") is not True
    ]
    if required:
        reduced["required"] = required
    extra = schema.get("additionalProperties")
    if extra is False:
        reduced["additionalProperties"] = False
    elif isinstance(extra, dict) and rule(extra):
        reduced["additionalProperties"] = rule(extra)
    return reduced


def _all_of(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A resolved schema with its `allOf` parts merged into one (`_merged`)."""
    return _merged(schema)[0]


# Bounds two schemas may set both of, and which of the two values holds of a value fitting both.
_TIGHTEST = {
    **dict.fromkeys(("minLength", "minItems", "minimum", "exclusiveMinimum"), max),
    **dict.fromkeys(("maxLength", "maxItems", "maximum", "exclusiveMaximum"), min),
}


def _merged(schema: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A resolved schema with its `allOf` parts merged into one, and what of them cannot be.

    Every part applies (JSON Schema): their properties are joined (one in several parts is
    `_both` of its schemas) and required lists too; of two bounds the tighter, of two types
    the values of both; any other keyword the schema's own, else the first part's, but one a
    later part sets differently is kept apart too (a second `pattern`, a narrower `enum`), for
    `rule` to check beside. Other keywords (`description`) are the schema's own, else the first
    part's.
    """
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties, required = dict(merged.get("properties") or {}), list(merged.get("required") or [])
    apart: list[dict[str, Any]] = []
    for part in schema["allOf"]:
        if "allOf" in part:
            part, deeper = _merged(part)
            apart += deeper
        for name, value in (part.get("properties") or {}).items():
            properties[name] = _both(value, properties[name]) if name in properties else value
        required += [name for name in part.get("required") or [] if name not in required]
        clashing: dict[str, Any] = {}
        for key in CONSTRAINING & part.keys() & merged.keys() - {"properties", "required"}:
            if part[key] == merged[key]:
                continue
            if key in _TIGHTEST and _bound(part[key]) and _bound(merged[key]):
                merged[key] = _TIGHTEST[key](part[key], merged[key])
            elif key in ("items", "additionalProperties") and _schemas(part[key], merged[key]):
                merged[key] = _both(part[key], merged[key])
            elif key == "enum" and _texts(merged[key], part[key]):
                merged[key] = [value for value in merged[key] if value in part[key]]
            elif key == "type" and _types_of_both(merged[key], part[key]):
                merged[key] = _types_of_both(merged[key], part[key])
            else:
                clashing[key] = part[key]
        if clashing:
            apart.append(clashing)
        merged = {**part, **merged}
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged, apart


def _bound(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _texts(first: Any, second: Any) -> bool:
    """Whether two enums list text alone, some of it in both (`==` is JSON's equality)."""
    lists = isinstance(first, list) and isinstance(second, list)
    texts = lists and all(isinstance(value, str) for value in [*first, *second])
    return texts and any(value in second for value in first)


def _schemas(*values: Any) -> bool:
    return all(isinstance(value, dict) for value in values)


def _types_of_both(first: Any, second: Any) -> list[str]:
    """The JSON types a value of both `type`s may have (an integer is a number)."""
    ours = [first] if isinstance(first, str) else list(first)
    theirs = [second] if isinstance(second, str) else list(second)
    both = [t for t in ours if t in theirs or (t == "integer" and "number" in theirs)]
    return both + [t for t in theirs if t == "integer" and "number" in ours and t not in both]


def serialization(
    where: str, location: str, raw: Mapping[str, Any], checked: Mapping[str, Any]
) -> tuple[str | None, bool]:
    """A parameter's `Param.style` and `explode`: (None, True) where it is sent as a plain
    value is (a scalar, or a list in a query with a key per item).

    `explode` defaults to true for `form` only (OpenAPI 3.1), and for `deepObject`, whose
    one defined form it is. What the SDK cannot send stops generation, naming `where`:
    sending it some other way would be wrong silently.
    """
    if "x-content" in raw:  # `content: application/json`: its JSON text (`schema_parameters`)
        if location == "cookie":
            raise GenerationError(f"{where}: a JSON cookie value; the SDK cannot send it")
        return "json", False
    style = str(raw.get("style", DEFAULT_STYLES[location]))
    explode = bool(raw.get("explode", style in ("form", "deepObject")))
    types = _kinds(checked)
    kinds = {kind for kind in types if kind in ("array", "object")}
    if types - kinds or not types:
        kinds.add("scalar")
    sendable = SENDABLE_STYLES[location].get(style)
    problem = None
    if sendable is None:
        problem = f"style {style!r} is not supported in a {location}"
    elif kinds - sendable:
        unsent = " or ".join(sorted(kinds - sendable))
        problem = f"style {style!r} in a {location} cannot send {unsent} values"
    elif explode and style in ("spaceDelimited", "pipeDelimited"):
        problem = f"style {style!r} is not defined with explode: true"
    elif not explode and style == "deepObject":
        problem = "style 'deepObject' is only defined with explode: true"
    elif _kinds(checked.get("items") or {}) & {"array", "object"} or any(
        _kinds(p) & {"array", "object"} for p in (checked.get("properties") or {}).values()
    ):
        problem = "a list or object holding lists or objects has no OpenAPI serialization"
    if problem is not None:
        raise GenerationError(f"{where}: {problem}; the SDK cannot send it")
    plain = style == DEFAULT_STYLES[location] and "object" not in kinds
    if plain and ("array" not in kinds or (location == "query" and explode)):
        return None, True
    return style, explode


def _kinds(checked: Mapping[str, Any]) -> set[str]:
    """The JSON types a value of the rule may have, its options' included."""
    found = set(checked.get("type") or [])
    for option in checked.get("anyOf") or []:
        found |= _kinds(option)
    return found


def is_envelope(schema: Mapping[str, Any]) -> bool:
    """Hero's list answer: an object with `data` (an array) and `count` (a number)."""
    properties = schema.get("properties") or {}
    data, count = properties.get("data") or {}, properties.get("count") or {}
    return _has_type(data, "array") and (_has_type(count, "number") or _has_type(count, "integer"))


def _has_type(schema: Mapping[str, Any], name: str) -> bool:
    declared = schema.get("type")
    return declared == name or (isinstance(declared, list) and name in declared)


def essence(media_type: str) -> str:
    """`type/subtype` of a media type, lower case, without its parameters."""
    return media_type.partition(";")[0].strip().lower()


def is_json(media_type: str) -> bool:
    """A JSON media type, as the generator reads one: application/json or a +json type."""
    media = essence(media_type)
    return media == "application/json" or media.endswith("+json")


def json_media(content: Iterable[str]) -> str | None:
    """The JSON media type of `content` (a `content` map's media types) the SDK reads or
    sends: the first one (None if it has none).

    Any JSON media type (application/json, a `+json` type, either with parameters) is read
    into the generated model the same way; the generator parses by the first one it meets.
    """
    return next((media for media in content if is_json(media)), None)


def accept(content: Mapping[str, Any]) -> str:
    """The Accept header of an operation whose success answer offers `content`.

    The media types the SDK reads (the first JSON one, else every one: the body is bytes),
    then JSON, preferred less, which an error answer still is (Hero's `{"message": ...}`).
    """
    json_type = json_media(content)
    read = [json_type] if json_type else list(content)
    if not read or any(essence(m) == "application/json" for m in read):
        return ", ".join(read) or "application/json"
    return ", ".join((*read, "application/json;q=0.9"))


def _responses(spec: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every response object the spec declares: operations' and components' (no `$ref`s)."""
    for _, _, operation in spec_operations(spec):
        yield from (operation.get("responses") or {}).values()
    yield from ((spec.get("components") or {}).get("responses") or {}).values()


def content_type_overrides(spec: Mapping[str, Any]) -> dict[str, str]:
    """Each non-JSON media type of a response, as the generator is to read it: octet-stream.

    Derived from the spec, so a release's new media type (a CSV export, a PNG) never stops
    `make generate`. Only the generator's raw modules see this; the SDK's answer is bytes.
    """
    octet = "application/octet-stream"
    return {
        media: octet
        for response in _responses(spec)
        for media in response.get("content") or {}
        if not is_json(media) and media != octet
    }


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping of `node`, itself included."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def discriminated(spec: Any) -> Any:
    """`spec`, each `discriminator` variant's property made a `const` of the value naming it,
    in place (the generator's copy; FakeHero reads openapi.yaml).

    The generator ignores `discriminator`: it decodes a `oneOf` as the first variant whose
    model accepts the value, and a `Cat` accepts `{"kind": "dog", "bark": ...}` (a string, or
    an enum, which keeps values it does not know). A `const` it checks: the value decodes as
    the variant its discriminator names, as the mapping (or, unmapped, the schema's name) says.
    """
    assigned: dict[str, tuple[str, str]] = {}  # a variant's $ref: its property and value
    for node in list(_nodes(spec)):
        discriminator = node.get("discriminator")
        variants = node.get("oneOf") or node.get("anyOf")
        if not isinstance(discriminator, dict) or not isinstance(variants, list):
            continue
        prop = str(discriminator.get("propertyName"))
        named: dict[str, list[str]] = {}
        for value, target in (discriminator.get("mapping") or {}).items():
            ref = target if "/" in target else f"#/components/schemas/{target}"
            named.setdefault(ref, []).append(str(value))
        for variant in variants:
            ref = variant.get("$ref") if isinstance(variant, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#/components/schemas/"):
                raise GenerationError(
                    f"a discriminator on {prop!r} has a variant that is not a "
                    "#/components/schemas/ $ref; the SDK cannot tell its variants apart yet"
                )
            values = named.get(ref) or [ref.rsplit("/", 1)[-1]]
            schema = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
            properties = schema.get("properties") if isinstance(schema, dict) else None
            if len(values) > 1 or not isinstance(properties, dict) or prop not in properties:
                why = (
                    f"the values {values} all name it"
                    if len(values) > 1
                    else f"it has no property {prop!r} of its own"
                )
                raise GenerationError(
                    f"openapi.yaml schema {ref}: a discriminator on {prop!r} names it as a "
                    f"variant, but {why}; the SDK cannot tell its variants apart yet"
                )
            if assigned.setdefault(ref, (prop, values[0])) != (prop, values[0]):
                raise GenerationError(
                    f"openapi.yaml schema {ref}: two discriminators name it differently "
                    f"({assigned[ref]} and {(prop, values[0])}); the SDK cannot tell its "
                    "variants apart yet"
                )
            kept = {k: v for k, v in properties[prop].items() if k in ("description", "title")}
            properties[prop] = {**kept, "type": "string", "const": values[0]}
    return spec


def as_parsed(spec: Any) -> Any:
    """`spec` as the generator is to read it (its copy, and the Builder's), in place: a
    discriminator's variants told apart, a success documented by `default` alone as one,
    JSON answers first, parameters' `content` schemas."""
    return schema_parameters(json_first(successes(discriminated(spec))))


def successes(spec: Any) -> Any:
    """`spec`, each operation's `default` response kept only where it documents a success,
    as `2XX`, in place (the generator's copy, and the Builder's; FakeHero reads openapi.yaml).

    Only a 2xx answer reaches the generated parser: the request loop raises any other as
    an error of its own tree. `default` covers every status not listed, so with no 2xx
    listed (neither `200` nor a `2XX` range) a success is read by its schema. Beside a
    listed one, it would read a 2xx not listed there (a 201) by the default's schema, an
    error's (`Error`), and return it where the method is typed with the listed answer's:
    without it, that 2xx is refused as undocumented (`raise_on_unexpected_status`).
    """
    for _, _, operation in spec_operations(spec):
        responses = operation.get("responses")
        if not isinstance(responses, dict) or "default" not in responses:
            continue
        default = responses.pop("default")
        if success_status(responses) is None:
            responses["2XX"] = default
    return spec


def json_first(spec: Any) -> Any:
    """`spec`, each response's JSON media types moved before its others, in place.

    Their order means nothing in OpenAPI, but the generator parses a response by the first
    media type it reads: so an answer that offers JSON stays JSON when a release lists a
    PDF before it.
    """
    for response in _responses(spec):
        content = response.get("content")
        if isinstance(content, dict):
            ordered = sorted(content.items(), key=lambda item: not is_json(item[0]))
            response["content"] = dict(ordered)
    return spec


def _parameters(spec: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Every parameter the spec declares (on paths, operations, components), with where."""
    paths = spec.get("paths") or {}
    declared = [(path, p) for path, item in paths.items() for p in item.get("parameters") or []]
    declared += [
        (f"{method.upper()} {path}", p)
        for path, method, operation in spec_operations(spec)
        for p in operation.get("parameters") or []
    ]
    components = (spec.get("components") or {}).get("parameters") or {}
    return declared + [(f"components.parameters.{name}", p) for name, p in components.items()]


def lower_media_types(spec: Any) -> Any:
    """`spec`, the `type/subtype` of each media type in a `content` map in lower case, in
    place (parameters after `;` as written).

    Media types are case-insensitive (RFC 9110), but the generator recognises only lower
    case: an `Application/JSON` answer would be left out and stop generation with its
    warning. Two keys that differ only in case stop generation, naming them.
    """
    components = spec.get("components") or {}
    bodies = [op.get("requestBody") for _, _, op in spec_operations(spec)]
    bodies += list((components.get("requestBodies") or {}).values())
    holders = [*_responses(spec), *bodies, *(p for _, p in _parameters(spec))]
    for holder in holders:
        content = holder.get("content") if isinstance(holder, dict) else None
        if not isinstance(content, dict):
            continue
        lowered = {_lowered(media): value for media, value in content.items()}
        if len(lowered) < len(content):
            raise GenerationError(f"media types differ only in case: {', '.join(content)}")
        holder["content"] = lowered
    return spec


def multipart_files(spec: Any) -> Any:
    """`spec`, each part of a multipart/form-data body that OpenAPI 3.1 writes as a file
    (`contentMediaType`, no `contentEncoding`: FastAPI's UploadFile) marked `format: binary`
    too, in place; an array's items likewise.

    The generator knows a file only by `format: binary` (OpenAPI 3.0's spelling): such a
    part would be an argument of type `str`, sent as a text field.
    """
    components = spec.get("components") or {}
    bodies = [op.get("requestBody") for _, _, op in spec_operations(spec)]
    bodies += list((components.get("requestBodies") or {}).values())
    for body in bodies:
        content = _followed(spec, body).get("content") or {}
        media = content.get("multipart/form-data") if isinstance(content, dict) else None
        schema = _followed(spec, (media or {}).get("schema"))
        for prop in (schema.get("properties") or {}).values():
            prop = _followed(spec, prop)
            for part in (prop, _followed(spec, prop.get("items"))):
                if _is_file_part(part):
                    part["format"] = "binary"
    return spec


def _is_map(schema: Mapping[str, Any]) -> bool:
    """An object of any keys (`additionalProperties`), no property named: a map, not a record."""
    composed = any(key in schema for key in ("allOf", "anyOf", "oneOf"))
    return (
        _has_type(schema, "object")
        and not composed
        and not schema.get("properties")
        and schema.get("additionalProperties", True) is not False
    )


def _is_file_part(schema: Mapping[str, Any]) -> bool:
    types = schema.get("type")
    is_string = types == "string" or (isinstance(types, list) and "string" in types)
    return (
        is_string
        and "contentMediaType" in schema
        and "contentEncoding" not in schema
        and "format" not in schema
    )


def _followed(spec: Mapping[str, Any], node: Any) -> dict[str, Any]:
    """What `node` is, its local `$ref`s followed (the spec's own dict, for editing), or {}."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        seen.add(node["$ref"])
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {})
            if not isinstance(target, dict):
                return {}
        node = target
    return node if isinstance(node, dict) else {}


def _lowered(media_type: str) -> str:
    kind, semicolon, parameters = media_type.partition(";")
    return kind.strip().lower() + semicolon + parameters


def schema_parameters(spec: Any) -> Any:
    """`spec`, each parameter described by `content` given its media type's `schema`, in
    place, and marked `x-content` with that media type.

    The generator reads a parameter by its `schema` alone and leaves one described by
    `content` out of the operation, silently; OpenAPI allows either. Such a parameter is
    sent as JSON text (`?filter={"status":"done"}`); one of another media type stops
    generation, naming it.
    """
    for where, param in _parameters(spec):
        content = param.get("content") if isinstance(param, dict) else None
        if not content:
            continue
        media, described = next(iter(content.items()))
        if not is_json(media) or len(content) != 1:
            raise GenerationError(
                f"{where}: the {param.get('in')} parameter {param.get('name')!r} is "
                f"described as {', '.join(content)}; only one JSON media type is supported yet"
            )
        param["schema"] = described.get("schema") or {}
        param["x-content"] = media
        del param["content"]
    return spec


def success_status(responses: Mapping[Any, Any]) -> str | None:
    """The key of the 2xx response the SDK returns, as the generator's parser ranks them: the
    lowest 2xx status listed, else a `2XX` range; None where neither is."""
    listed = sorted(str(key) for key in responses if str(key).isdigit() and str(key)[0] == "2")
    if listed:
        return listed[0]
    return "2XX" if "2XX" in map(str, responses) else None


def success_response(raw: Mapping[str, Any]) -> Any:
    """The response object of the operation's `success_status`, as the spec writes it."""
    responses = {str(key): value for key, value in (raw.get("responses") or {}).items()}
    status = success_status(responses)
    return responses[status] if status else {}


def spec_operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in (spec.get("paths") or {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


# ---- sdk.yaml ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Naming:
    """sdk.yaml's entry for one operation (or the defaults)."""

    path: tuple[str, ...]  # sub-resources under the tag's resource
    name: str
    idempotent: bool | None = None
    workflow: str | None = None


def naming(entry: Any, default: str, where: str) -> Naming:
    if entry is None:
        return Naming((), default)
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise GenerationError(f"{where}: expected a method name or {{name: ...}}")
    unknown = set(entry) - {"name", "idempotent", "workflow"}
    if unknown:
        raise GenerationError(f"{where}: unknown key(s) {sorted(unknown)}")
    *path, name = entry["name"].split(".")
    for part in [*path, name]:
        if not part.isidentifier() or part != part.lower():
            raise GenerationError(f"{where}: {entry['name']!r} is not a snake_case name")
    return Naming(tuple(path), name, entry.get("idempotent"), entry.get("workflow"))


def deferred_operations(sdk: Mapping[str, Any]) -> dict[str, str]:
    """The operations sdk.yaml defers (`operationId: {deferred: <why>}`), with the reason.

    A deferred operation is left out of the client, on purpose and in writing: a release
    whose one operation the SDK cannot send yet (its message names it) need not stop the
    rest from being generated. `make generate` lists each on every run.
    """
    deferred: dict[str, str] = {}
    for tag, resource in (sdk.get("resources") or {}).items():
        for operation_id, entry in ((resource or {}).get("methods") or {}).items():
            if not (isinstance(entry, dict) and "deferred" in entry):
                continue
            where = f"sdk.yaml resources.{tag}.methods.{operation_id}"
            reason = entry["deferred"]
            if set(entry) != {"deferred"}:
                raise GenerationError(f"{where}: a deferred operation takes no other key")
            if not isinstance(reason, str) or not reason.strip():
                raise GenerationError(f"{where}: `deferred` says why, as text")
            deferred[str(operation_id)] = " ".join(reason.split())
    return deferred


def without_operations(spec: dict[str, Any], operation_ids: Collection[str]) -> dict[str, Any]:
    """`spec` without those operations (in place), and without a path left with none."""
    for path, item in list((spec.get("paths") or {}).items()):
        for method, operation in list(item.items()):
            if method in HTTP_METHODS and operation.get("operationId") in operation_ids:
                del item[method]
        if not any(method in HTTP_METHODS for method in item):
            del spec["paths"][path]
    return spec


def tag_key(name: str) -> str:
    """A tag's Python name, as the generator names its modules (`api/<key>/`) and as sdk.yaml
    names it (`resources.<key>`). Never a keyword or builtin (`class_`), never `_`-led:
    the generator puts `tag` before a name that starts with `_` or a digit (`taginternal`)."""
    return str(PythonIdentifier(name, "tag"))


def resource_name(sdk: Mapping[str, Any], tag: str) -> str:
    """The tag's resource attribute on the client: sdk.yaml's `name`, else the tag's key."""
    return str(((sdk.get("resources") or {}).get(tag) or {}).get("name", tag))


def client_attributes(source: Path = CLIENT) -> frozenset[str]:
    """What `class HeroHealth` defines itself: methods, properties, class and `self.` attributes.

    Read from its source, neither imported nor listed here: importing herohealth loads the
    generated package being replaced (its old `Resources` would pass for the client's own),
    and a copy here would drift from the class. `_`-led names are kept: a rename may try one.
    """
    tree = ast.parse(source.read_text())
    found = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "HeroHealth"]
    if not found:
        raise GenerationError(f"{source}: no class HeroHealth to put the resources on")
    names: set[str] = set()
    for node in found[0].body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    for inner in ast.walk(found[0]):  # `self.<name> = ...` in any method
        if (
            isinstance(inner, ast.Attribute)
            and isinstance(inner.ctx, ast.Store)
            and isinstance(inner.value, ast.Name)
            and inner.value.id == "self"
        ):
            names.add(inner.attr)
    return frozenset(names)


def check_operation_ids(spec: Mapping[str, Any], prefix: str) -> None:
    """GenerationError naming each operationId of openapi.yaml given to more than one
    operation. OpenAPI requires them unique; the SDK's index, sdk.yaml, FakeHero and
    `make spec-diff` know an operation by it, so one of the two would be lost. An operation
    without one is known by the name the generator gives it (`get_v1_things`, from its
    method and path; `prefix` starts one that would start with a digit): two may share
    that too (`/v1/things` and `/v1/things/`), or it may be another's operationId."""
    used: dict[str, list[str]] = {}
    for path, method, operation in spec_operations(spec):
        operation_id = operation.get("operationId")
        where = f"{method.upper()} {path}"
        if not operation_id:
            operation_id = generate_operation_id(
                path=UntrustedString(path), method=method, prefix=prefix
            )
            where += " (no operationId: named so from its method and path)"
        used.setdefault(str(operation_id), []).append(where)
    problems = [
        f"openapi.yaml: operationId {operation_id!r} names {len(where)} operations "
        f"({', '.join(where)}); OpenAPI requires each operationId unique, and the SDK, sdk.yaml "
        "and FakeHero know an operation by it. Hero's description needs one renamed (or given an "
        "operationId); which name the SDK gives each meanwhile is a decision, not something to "
        "generate"
        for operation_id, where in sorted(used.items())
        if len(where) > 1
    ]
    if problems:
        raise GenerationError("\n".join(problems))


def check_sdk_config(spec: Mapping[str, Any], sdk: Mapping[str, Any]) -> None:
    """Every entry of sdk.yaml must refer to something openapi.yaml has, and every tag's
    resource must be reachable as `hero.<name>`."""
    operations: dict[str, tuple[str, dict[str, Any]]] = {}
    titles: dict[str, str] = {}
    for _, _, operation in spec_operations(spec):
        title = str((operation.get("tags") or ["default"])[0])
        tag = tag_key(title)
        titles.setdefault(tag, title)
        operations[operation.get("operationId", "")] = (tag, operation)
    problems = []
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    for name in sdk.get("auth") or {}:
        if name not in schemes:
            problems.append(f"sdk.yaml auth.{name}: openapi.yaml has no security scheme {name!r}")
    for tag, resource in (sdk.get("resources") or {}).items():
        if tag not in titles:
            problems.append(f"sdk.yaml resources.{tag}: openapi.yaml has no operation tagged so")
        unknown = set(resource) - {"name", "methods", "checks"}
        if unknown:
            problems.append(f"sdk.yaml resources.{tag}: unknown key(s) {sorted(unknown)}")
        for operation_id, entry in (resource.get("methods") or {}).items():
            found = operations.get(operation_id)
            if found is None or found[0] != tag:
                workflow = entry.get("workflow") if isinstance(entry, dict) else None
                used = f" (the handwritten workflow in {workflow} calls it)" if workflow else ""
                problems.append(
                    f"sdk.yaml resources.{tag}.methods.{operation_id}: openapi.yaml has no "
                    f"operation {operation_id!r} tagged {tag!r}{used}"
                )
    problems += _unreachable_resources(titles, sdk, client_attributes())
    if problems:
        raise GenerationError("\n".join(problems))


def _unreachable_resources(
    titles: Mapping[str, str], sdk: Mapping[str, Any], client: frozenset[str]
) -> list[str]:
    """A tag's resource that `HeroHealth` would hide (its own attribute of that name wins
    over the generated `Resources` property), or that shares its name with another's."""
    entries, source = sdk.get("resources") or {}, CLIENT.relative_to(ROOT)
    names = {tag: resource_name(sdk, tag) for tag in titles}
    problems = []
    for tag, name in sorted(names.items()):
        entry = entries.get(tag) or {}
        renamed = "name" in entry
        where = f"sdk.yaml resources.{tag}.name" if renamed else f"openapi.yaml tag {titles[tag]!r}"
        # A tag extended by a handwritten workflow is one HeroHealth overrides on purpose.
        methods = (entry.get("methods") or {}).values()
        extended = any(isinstance(e, dict) and e.get("workflow") for e in methods)
        others = sorted(titles[t] for t, n in names.items() if n == name and t != tag)
        if renamed and (not name.isidentifier() or name != name.lower() or iskeyword(name)):
            problems.append(f"{where}: {name!r} is not a snake_case Python name")
        elif renamed and name.startswith("_"):
            problems.append(f"{where}: {name!r} would be private; name it without a leading _")
        elif renamed and others:
            problems.append(f"{where}: hero.{name} is already the resource of tag {others[0]!r}")
        elif name in client and not extended:
            way = f"rename it in sdk.yaml: resources.{tag}: {{name: ...}}"
            problems.append(
                f"{where}: its resource hero.{name} would be hidden by HeroHealth.{name} "
                f"({source}); {'choose another name' if renamed else way}"
            )
        elif extended and name not in client:
            problems.append(
                f"{where}: sdk.yaml names handwritten workflows for it, but HeroHealth has no "
                f"`{name}` to provide them ({source})"
            )
    return problems


# ---- what a template renders ---------------------------------------------------------------


@dataclass
class Argument:
    name: str
    wire: str
    location: str
    required: bool
    annotation: str
    rule: dict[str, Any]
    check: str | None
    description: str
    style: str | None = None  # openapi.yaml's serialization, where not a plain value's
    explode: bool = True
    sends_null: bool = False  # a JSON body property openapi.yaml allows to be null
    deprecated: bool = False  # `deprecated: true` on the parameter or the property's schema

    @property
    def signature(self) -> str:
        """`name: type`, with `= None` for an optional argument (None: not sent), and
        `| Null` where `NULL` sends a JSON null. A required argument never takes None, even
        where openapi.yaml allows null: None is "not sent", which is refused (`NULL` sends
        the null)."""
        annotation = self.annotation + (" | Null" if self.sends_null else "")
        if self.required:
            return f"{self.name}: {_without_none(annotation)}"
        annotation = annotation if "None" in annotation else f"{annotation} | None"
        return f"{self.name}: {annotation} = None"


def _without_none(annotation: str) -> str:
    """A union annotation without its top-level `None` (`str | None` -> `str`)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(annotation):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(annotation[start:at].strip())
            start = at + 1
    parts.append(annotation[start:].strip())
    return " | ".join(part for part in parts if part != "None") or annotation


@dataclass
class Method:
    name: str
    operation_id: str
    constant: str
    http_method: str
    path: str
    module: str
    idempotent: bool
    arguments: list[Argument]
    body: dict[str, Any] | None
    returns: str
    item: str | None
    has_response_body: bool
    media_types: tuple[str, ...]
    accept: str
    page_params: bool
    auth: list[tuple[str, str]]
    doc: str
    workflow: str | None
    # The PEP 702 message of an operation openapi.yaml marks `deprecated: true`, else None.
    deprecated: str | None = None

    @property
    def deprecated_arguments(self) -> list[str]:
        """The keyword names the request loop warns about when given (`Operation.deprecated`)."""
        return sorted(a.name for a in self.arguments if a.deprecated)

    @property
    def positional(self) -> list[Argument]:
        return [a for a in self.arguments if a.location == "path"]

    @property
    def keywords(self) -> list[Argument]:
        return _required_first([a for a in self.arguments if a.location != "path"])

    @property
    def overloads(self) -> list[list[str]]:
        """The keyword signatures of one `@overload` per variant of a `oneOf` body, so that
        a type checker refuses arguments of two variants together: each takes its variant's
        properties, required as that variant requires them, and none only others have (the
        path, query and header parameters as the method does). None where fewer than two
        variants can be told apart (`_matchable`): the method alone says it all."""
        variants = _matchable(self.body["variants"] if self.body else [])
        if len(variants) < 2:
            return []
        signatures = []
        for names, required in variants:
            own = [
                replace(a, required=a.name in required) if a.location == "body" else a
                for a in self.arguments
                if a.location != "path" and (a.location != "body" or a.name in names)
            ]
            signatures.append([a.signature for a in _required_first(own)])
        return signatures


# A body variant: the argument names it allows, and those it requires.
Variant = tuple[set[str], set[str]]


def _matchable(variants: Iterable[tuple[Iterable[str], Iterable[str]]]) -> list[Variant]:
    """The variants (allowed names, required names) an overload of their own could match:
    mypy refuses an overload that never can. So not a variant whose every call another also
    takes (it allows as many arguments and requires no more), nor the second of two alike."""
    distinct: list[Variant] = []
    for names, required in variants:
        if (set(names), set(required)) not in distinct:
            distinct.append((set(names), set(required)))
    return [
        (names, required)
        for names, required in distinct
        if not any(
            names <= wider and narrower <= required and (wider, narrower) != (names, required)
            for wider, narrower in distinct
        )
    ]


def _required_first(arguments: list[Argument]) -> list[Argument]:
    return [a for a in arguments if a.required] + [a for a in arguments if not a.required]


@dataclass
class Resource:
    attribute: str
    path: tuple[str, ...]  # attribute names from the client
    class_name: str
    doc: str
    methods: list[Method] = field(default_factory=list)
    children: dict[str, Resource] = field(default_factory=dict)

    def walk(self) -> Iterator[Resource]:
        yield self
        for child in self.children.values():
            yield from child.walk()


@dataclass
class Module:
    tag: str
    resource: Resource
    imports: set[str] = field(default_factory=set)

    @property
    def deprecates(self) -> bool:
        """Whether a method needs `typing_extensions` at run time (its `@deprecated`)."""
        return any(m.deprecated for r in self.resource.walk() for m in r.methods)


# ---- from the generator's parse to resources ---------------------------------------------


def sent_alternatives(
    alternatives: Sequence[Collection[str]], mapped: Collection[str]
) -> list[Collection[str]] | None:
    """The security alternatives an operation sends, all on each call: every one whose
    schemes sdk.yaml `auth` maps to credentials (FastAPI writes the schemes a route requires
    together as alternatives, one each, and Hero requires both). None sent when there are
    none or `{}` comes first (a public operation, optional authentication), nor when `{}`
    is among them and none is mapped. None: nothing fits, generation refuses. spec_diff
    reads what breaks SDK callers from the same rule."""
    if not alternatives or not alternatives[0]:
        return []
    sent = [alt for alt in alternatives if alt and all(name in mapped for name in alt)]
    if sent or any(not alt for alt in alternatives):
        return sent
    return None


def credential_headers(
    schemes: Mapping[str, Any], sent: Iterable[Collection[str]]
) -> dict[str, str | None]:
    """Per scheme of the `sent` alternatives (`sent_alternatives`), in order, the header that
    carries its credential, lower-cased; None for one that is not an API key in a header
    (generation refuses it). A header parameter of that name is the client's credential,
    sent on every call: it takes no argument, which would be overwritten. spec_diff skips
    such a parameter by the same rule."""
    headers: dict[str, str | None] = {}
    for alternative in sent:
        for name in alternative:
            scheme = schemes.get(name) or {}
            in_header = (scheme.get("type"), scheme.get("in")) == ("apiKey", "header")
            headers[name] = str(scheme["name"]).lower() if in_header else None
    return headers


class Builder:
    def __init__(self, spec: dict[str, Any], sdk: Mapping[str, Any], config: Config) -> None:
        self.spec = spec
        self.sdk = sdk
        self.config = config
        parsed = GeneratorData.from_dict(copy.deepcopy(spec), config=config)
        if not isinstance(parsed, GeneratorData):
            raise GenerationError(f"openapi-python-client cannot parse the spec: {parsed}")
        self.parsed = parsed
        self.raw = {(path, method): op for path, method, op in spec_operations(spec)}
        # Per operation, the security alternatives it does not send: they name a scheme
        # sdk.yaml `auth` maps to no credential (make generate lists them on every run).
        self.unsent: dict[str, list[str]] = {}
        tags = {t["name"]: t.get("description", "") for t in spec.get("tags") or []}
        self.tag_docs = {
            tag_key(name): _in_docstring(" ".join(str(doc).split())) for name, doc in tags.items()
        }
        self.tag_names = {tag_key(name): name for name in tags}

    def spec_path(self, endpoint: Endpoint) -> str:
        """The path of openapi.yaml `endpoint` was parsed from. The generator renames a path
        parameter named like a Python keyword or builtin in its copy (`{class}` is
        `{class_}`); the SDK sends the name openapi.yaml gives."""
        parsed = endpoint.path.get_untrusted_value()
        if (parsed, endpoint.method) in self.raw:  # almost every path: nothing was renamed
            return parsed
        renamed = {
            f"{{{p.name.get_untrusted_value()}}}": f"{{{p.python_name}}}"
            for p in endpoint.path_parameters
        }
        for path, method in self.raw:
            if method == endpoint.method and parsed == re.sub(
                r"{[^}]+}", lambda m: renamed.get(m.group(0), m.group(0)), path
            ):
                return path
        raise GenerationError(f"{endpoint.method.upper()} {parsed}: not a path of openapi.yaml")

    def modules(self) -> list[Module]:
        modules = []
        for tag, collection in sorted(self.parsed.endpoint_collections_by_tag.items()):
            title = self.tag_names.get(tag, tag)
            doc = self.tag_docs.get(tag) or _in_docstring(
                f"The {title} operations of the Hero Health API."
            )
            # The module and class keep the tag's name; sdk.yaml may rename the attribute.
            name = resource_name(self.sdk, tag)
            module = Module(tag, Resource(name, (name,), f"{ClassName(tag, '')}Resource", doc))
            entries = (self.sdk.get("resources") or {}).get(tag) or {}
            for endpoint in collection.endpoints:
                self._add(module, endpoint, entries)
            modules.append(module)
        return modules

    def _add(self, module: Module, endpoint: Endpoint, entries: Mapping[str, Any]) -> None:
        raw = self.raw[(self.spec_path(endpoint), endpoint.method)]
        operation_id = raw.get("operationId") or str(endpoint.name)
        where = f"sdk.yaml resources.{module.tag}.methods.{operation_id}"
        named = naming((entries.get("methods") or {}).get(operation_id), endpoint.name, where)
        resource = module.resource
        for part in named.path:
            if part not in resource.children:
                class_name = f"{resource.class_name.removesuffix('Resource')}"
                class_name += f"{ClassName(part, '')}Resource"
                resource.children[part] = Resource(
                    part, (*resource.path, part), class_name, f"`{part}` operations."
                )
            resource = resource.children[part]
        method_name = f"_{named.name}" if named.workflow else named.name
        clash = [m.operation_id for m in resource.methods if m.name == method_name]
        if clash:
            taken: str | None = clash[0]
        elif method_name in resource.children:
            taken = "a sub-resource"
        elif method_name in RESOURCE_ATTRIBUTES:
            taken = "an attribute of every resource"
        else:
            taken = None
        if taken:
            raise GenerationError(
                f"{where}: method name {named.name!r} is already taken ({taken}); "
                "rename one in sdk.yaml"
            )
        idempotent = named.idempotent
        if idempotent is None:
            idempotent = raw.get("x-idempotent")
        if idempotent is None:
            idempotent = endpoint.method in IDEMPOTENT_METHODS
        method = self._method(module, endpoint, raw, operation_id, entries)
        method.name, method.idempotent, method.workflow = method_name, idempotent, named.workflow
        if raw.get("deprecated") is True:
            # Named as users call it (a workflow's public name, not the protected method).
            called = ".".join((*resource.path, named.name))
            hint = deprecation_hint(raw)
            method.deprecated = f"{called} is deprecated in Hero's API description"
            method.deprecated += f": {hint}" if hint else ""
        resource.methods.append(method)

    def _method(
        self,
        module: Module,
        endpoint: Endpoint,
        raw: Mapping[str, Any],
        operation_id: str,
        entries: Mapping[str, Any],
    ) -> Method:
        checks = {**(self.sdk.get("checks") or {}), **(entries.get("checks") or {})}
        offered = resolve(self.spec, success_response(raw)).get("content") or {}
        # A success answer that offers no JSON is returned as its body, bytes.
        media_types = () if json_media(offered) else tuple(offered)
        if media_types:
            returns, item, has_body, paged = "bytes", None, True, False
        else:
            returns, item, has_body, paged = self._response(module, endpoint, offered)
        # The path item's parameters, then the operation's own, which override them.
        path = self.spec_path(endpoint)
        path_item = self.spec["paths"][path]
        for owner in (raw, path_item):  # the operation's own servers, else its path's
            servers = owner.get("servers")
            if servers and servers != self.spec.get("servers"):
                urls = ", ".join(str(s.get("url")) for s in servers if isinstance(s, dict))
                raise GenerationError(
                    f"{operation_id}: openapi.yaml sends it to its own servers ({urls}), but "
                    "the SDK sends every operation to the client's base_url; not supported yet "
                    "(which of them each `environment` means is a decision)"
                )
        raw_params = {
            (p["in"], p["name"]): p
            for owner in (path_item, raw)
            for p in (resolve(self.spec, owner.get("parameters")) or [])
        }
        declared = {name for (where, name) in raw_params if where == "query"}
        page_params = paged and declared >= PAGE_PARAMS
        auth = self._auth(operation_id, raw)
        # A header parameter its security scheme sends (`x-api-key`, declared again as a
        # parameter) is the client's credential, sent on every call: an argument for it would
        # be overwritten by the credential, so there is none (`credential_headers`).
        credentials = {header for header, _ in auth}
        arguments: list[Argument] = []
        path_order = re.findall(r"{([^}]+)}", path)
        located = [
            ("path", sorted(endpoint.path_parameters, key=lambda p: path_order.index(p.name))),
            ("query", endpoint.query_parameters),
            ("header", endpoint.header_parameters),
            ("cookie", endpoint.cookie_parameters),
        ]
        for location, props in located:
            for prop in props:
                if page_params and location == "query" and prop.name in PAGE_PARAMS:
                    continue  # the paginator sends these, page by page
                if location == "header" and _text(prop.name).lower() in (
                    credentials | IGNORED_HEADERS
                ):
                    _credential_sent(operation_id, prop, credentials)
                    continue
                schema = raw_params[(location, prop.name)].get("schema") or {}
                description = raw_params[(location, prop.name)].get("description", "")
                argument = self._argument(
                    module, prop, location, schema, prop.required, description
                )
                argument.deprecated = (
                    raw_params[(location, prop.name)].get("deprecated") is True
                    or resolve(self.spec, schema).get("deprecated") is True
                )
                argument.style, argument.explode = serialization(
                    f"{operation_id}: the {location} parameter {argument.wire!r}",
                    location,
                    raw_params[(location, prop.name)],
                    argument.rule,
                )
                if argument.style is not None and "object" in _kinds(argument.rule):
                    # The generated model, or a plain dict of the same properties.
                    argument.annotation += " | Mapping[str, Any]"
                    module.imports.update(
                        {"from collections.abc import Mapping", "from typing import Any"}
                    )
                arguments.append(argument)
        body = self._body(module, endpoint, raw, arguments)
        for argument in arguments:
            entry = checks.get(argument.name)
            if entry and argument.check is None:  # a file keeps its own (`binary`)
                argument.check = entry["check"]
                argument.annotation = entry.get("type", argument.annotation)
                argument.sends_null = False  # a domain check takes a value, never NULL
            if argument.sends_null:
                module.imports.add("from ._runtime import Null")
        self._no_clashes(operation_id, arguments, PAGE_PARAMS if page_params else frozenset())
        constant = "_" + str(endpoint.name).upper()
        return Method(
            name="",
            operation_id=operation_id,
            constant=constant,
            http_method=endpoint.method.upper(),
            path=path,
            module=f"{self.config.package_name_override}.api.{module.tag}.{endpoint.name}",
            idempotent=False,
            arguments=arguments,
            body=body,
            returns=returns,
            item=item,
            has_response_body=has_body,
            media_types=media_types,
            accept=accept(offered),
            page_params=page_params,
            auth=auth,
            doc=_docstring(raw, arguments),
            workflow=None,
        )

    def _response(
        self, module: Module, endpoint: Endpoint, offered: Mapping[str, Any]
    ) -> tuple[str, str | None, bool, bool]:
        by_status = {str(r.status_code.pattern): r for r in endpoint.responses.patterns}
        status = success_status(by_status)  # the one `offered` is of (`success_response`)
        if status is None:
            return "None", None, False, False
        response = by_status[status]
        json_type = json_media(offered)
        content = offered[json_type] if json_type else None
        if not content:
            return "None", None, False, False
        prop = response.prop
        self._import(module, prop)
        returns = _code(prop.get_type_string())
        schema = content.get("schema") or {}
        if isinstance(prop, ModelProperty) and is_envelope(schema):
            data = next(p for p in _properties(prop) if p.name == "data")
            inner = getattr(data, "inner_property", None)
            if inner is not None:
                self._import(module, inner)
                return returns, _code(inner.get_type_string()), True, True
        return returns, None, True, False

    def _body(
        self,
        module: Module,
        endpoint: Endpoint,
        raw: Mapping[str, Any],
        arguments: list[Argument],
    ) -> dict[str, Any] | None:
        json_bodies = [b for b in endpoint.bodies if is_json(b.content_type.get_untrusted_value())]
        # A form body only where the operation takes no JSON: the same arguments either way.
        chosen = json_bodies or [b for b in endpoint.bodies if b.body_type in FORM_ENCODINGS]
        if not chosen:
            if endpoint.bodies:  # never left out silently: the method would send no body
                media = endpoint.bodies[0].content_type.get_untrusted_value()
                raise GenerationError(
                    f"{endpoint.name}: a {media} request body is not supported yet"
                )
            return None
        encoding = "json" if json_bodies else FORM_ENCODINGS[chosen[0].body_type]
        media = chosen[0].content_type.get_untrusted_value()
        # A JSON body is sent with its media type (a +json one); httpx would say application/json.
        media_type = media if json_bodies and media != "application/json" else None
        request_body = resolve(self.spec, raw.get("requestBody") or {})
        content = request_body.get("content") or {}
        schema = content[media].get("schema") or {}
        prop = chosen[0].prop
        variants_props: list[ModelProperty]
        if encoding == "json" and _is_map(resolve(self.spec, schema)):
            # No properties to be arguments (FastAPI's `dict[str, int]` body): the whole map
            # is the one argument, as a body that is not an object is.
            whole = self._whole_body(module, prop, schema, request_body, arguments)
            return {**whole, "media_type": media_type}
        if isinstance(prop, ModelProperty):
            variants_props, variant_schemas = [prop], [schema]
        elif isinstance(prop, UnionProperty) and all(
            isinstance(p, ModelProperty) for p in prop.inner_properties
        ):
            variants_props = list(prop.inner_properties)  # type: ignore[arg-type]
            variant_schemas = schema.get("oneOf") or schema.get("anyOf") or []
        elif encoding == "json":
            whole = self._whole_body(module, prop, schema, request_body, arguments)
            return {**whole, "media_type": media_type}
        else:
            raise GenerationError(
                f"{endpoint.name}: a form body that is not an object is not supported yet"
            )
        if encoding != "json" and len(variants_props) > 1:
            raise GenerationError(
                f"{endpoint.name}: a form body with variants is not supported yet"
            )
        if len(variant_schemas) == 1 and isinstance(prop, UnionProperty):
            prop = variants_props[0]
        variants = []
        seen: dict[str, Argument] = {}
        for variant, variant_schema in zip(variants_props, variant_schemas, strict=True):
            variant_schema = rule_source(variant_schema)
            names, required = set(), set()
            for inner in _properties(variant):
                property_schema = (variant_schema.get("properties") or {}).get(inner.name) or {}
                if resolve(self.spec, property_schema).get("readOnly") is True:
                    continue  # Hero's to set (an id, a timestamp): never sent, so no argument
                names.add(inner.python_name)
                is_required = inner in (variant.required_properties or [])
                if is_required:
                    required.add(inner.python_name)
                if inner.python_name in seen:
                    continue
                description = property_schema.get("description", "")
                if encoding == "json":
                    argument = self._argument(
                        module, inner, "body", property_schema, is_required, description
                    )
                    argument.sends_null = _allows_null(argument.rule)
                else:
                    argument = self._part(module, endpoint, encoding, inner, property_schema)
                argument.deprecated = resolve(self.spec, property_schema).get("deprecated") is True
                seen[inner.python_name] = argument
            variants.append((sorted(names), sorted(required)))
        for name, argument in seen.items():
            # Required only where every variant requires it.
            argument.required = all(name in required for _, required in variants)
            arguments.append(argument)
        return {
            "required": bool(request_body.get("required")),
            "variants": variants,
            "encoding": encoding,
            "media_type": media_type,
        }

    def _whole_body(
        self,
        module: Module,
        prop: Property,
        schema: Mapping[str, Any],
        request_body: Mapping[str, Any],
        arguments: list[Argument],
    ) -> dict[str, Any]:
        """A JSON body that is not an object (a list of records, for a bulk operation): one
        keyword argument, `body`, checked against the body's schema and sent as it is."""
        required = bool(request_body.get("required"))
        description = str(request_body.get("description") or schema.get("description") or "")
        argument = self._argument(module, prop, "body", schema, required, description)
        argument.name = argument.wire = "body"
        arguments.append(argument)
        return {
            "required": required,
            "variants": [(["body"], ["body"] if required else [])],
            "encoding": "json_value",
        }

    def _part(
        self,
        module: Module,
        endpoint: Endpoint,
        encoding: str,
        prop: Property,
        schema: Mapping[str, Any],
    ) -> Argument:
        """A property of a form body: a file (`format: binary`), or a field sent as text.

        A file takes what users have (`FileInput`); the `binary` check reads it, once. A
        field is checked by its schema like any argument, and sent as a query value is
        written: an object has no text form, so it stops generation rather than be
        sent as Python's repr.
        """
        description = str(schema.get("description", ""))
        if isinstance(prop, FileProperty):
            if encoding != "multipart":
                raise GenerationError(
                    f"{endpoint.name}: the file {prop.name!r} can only be sent in a "
                    "multipart/form-data body"
                )
            module.imports.add("from ._runtime import FileInput")
            description = f"{description} {FILE_ARGUMENT}".strip()
            return Argument(
                str(prop.python_name), _text(prop.name), "body", True, "FileInput", {},
                "binary", " ".join(description.split()),
            )  # fmt: skip
        argument = self._argument(module, prop, "body", schema, True, description)
        if "binary" in _formats(argument.rule) or "binary" in _formats(
            argument.rule.get("items") or {}
        ):
            raise GenerationError(
                f"{endpoint.name}: the form field {argument.wire!r} is a list of files or a "
                "file among other types; only a single file per field is supported yet"
            )
        if _has_object(argument.rule):
            raise GenerationError(
                f"{endpoint.name}: the form field {argument.wire!r} is an object or a list of "
                "objects; only text, numbers, booleans and lists of them are supported yet"
            )
        return argument

    def _argument(
        self,
        module: Module,
        prop: Property,
        location: str,
        schema: Mapping[str, Any],
        required: bool,
        description: str,
    ) -> Argument:
        self._import(module, prop)
        resolved = resolve(self.spec, schema)
        checked = rule(resolved)
        annotation = _code(prop.get_type_string(no_optional=True))
        for enum in _enums(prop):
            # A request may send only the values openapi.yaml lists (a response field is
            # typed with the open alias, as Hero may add values): `KnownSex`, not `Sex`.
            known = f"Known{enum.class_info.name}"
            annotation = re.sub(rf"\b{enum.class_info.name}\b", known, annotation)
            module.imports.add(f"from ..models.{enum.class_info.module_name} import {known}")
        formats = _formats(checked)
        if "date-time" in formats:
            annotation = annotation.replace("datetime.datetime", "datetime.datetime | str")
        elif "date" in formats:
            annotation = annotation.replace("datetime.date", "datetime.date | str")
        if "uuid" in formats:  # an id as JSON has it, checked by the format and sent as it is
            annotation = re.sub(r"\bUUID\b", "UUID | str", annotation)
        if _allows_null(checked) and "None" not in annotation:
            annotation += " | None"
        return Argument(
            name=str(prop.python_name),
            wire=_text(prop.name),
            location=location,
            required=required,
            annotation=annotation,
            rule=checked,
            check=None,
            description=" ".join(str(description).split()),
        )

    def _auth(self, operation_id: str, raw: Mapping[str, Any]) -> list[tuple[str, str]]:
        """The headers the operation's security requirement sends, with their credentials.

        OpenAPI lists alternatives, each requiring all of its schemes; which are sent is
        `sent_alternatives` (the client holds each credential, and a server that takes one
        alternative takes a request carrying two). None fitting stops generation; the others
        are listed by every run (`unsent`).
        """
        requirements = raw.get("security", self.spec.get("security")) or []
        credentials = self.sdk.get("auth") or {}
        sent = sent_alternatives(requirements, credentials)
        if sent is None:
            names = sorted({name for requirement in requirements for name in requirement})
            raise GenerationError(
                f"{operation_id}: requires security scheme(s) {names}, but sdk.yaml `auth` maps "
                f"only {sorted(credentials)}: a new credential needs a client setting first"
            )
        if requirements and requirements[0]:  # `{}` first sends nothing, by choice
            unsent = ["+".join(sorted(r)) for r in requirements if r and r not in sent]
            if unsent:
                self.unsent[operation_id] = unsent
        schemes = (self.spec.get("components") or {}).get("securitySchemes") or {}
        headers: list[tuple[str, str]] = []
        for name, header in credential_headers(schemes, sent).items():
            if header is None:
                raise GenerationError(
                    f"{operation_id}: security scheme {name!r} is not an API key "
                    "in a header; the SDK cannot send it yet"
                )
            if (header, str(credentials[name])) not in headers:
                headers.append((header, str(credentials[name])))
        return headers

    @staticmethod
    def _no_clashes(operation_id: str, arguments: list[Argument], paged_by: frozenset[str]) -> None:
        names: dict[str, str] = {}
        for argument in arguments:
            if argument.name in RESERVED:
                raise GenerationError(
                    f"{operation_id}: the {argument.location} parameter {argument.wire!r} is "
                    f"named like a per-call option ({argument.name}); not supported yet"
                )
            if argument.name in names:
                raise GenerationError(
                    f"{operation_id}: {argument.name!r} is both a {names[argument.name]} and a "
                    f"{argument.location} parameter; not supported yet"
                )
            names[argument.name] = argument.location
        # An object query parameter, `form` and exploded, sends each property as a key of its
        # own (`?after=...`): a key another parameter sends too would lose one of the values.
        exploded = [a for a in arguments if (a.location, a.style, a.explode) == _EXPLODED]
        keys = {key: f"the paginator's {key!r}" for key in paged_by}
        keys.update(
            (a.wire, f"the query parameter {a.wire!r}")
            for a in arguments
            if a.location == "query" and a not in exploded
        )
        for argument in exploded:
            for key in argument.rule.get("properties") or {}:
                if key in keys:
                    raise GenerationError(
                        f"{operation_id}: the query parameter {argument.wire!r} sends its "
                        f"property {key!r} as ?{key}=, as is {keys[key]}; not supported yet"
                    )
                keys[key] = f"the property {key!r} of {argument.wire!r}"

    def _import(self, module: Module, prop: Any) -> None:
        """The imports `prop`'s type needs (models and enums, however deeply nested)."""
        info = getattr(prop, "class_info", None)
        if info is not None:
            module.imports.add(f"from ..models.{info.module_name} import {info.name}")
        for inner in getattr(prop, "inner_properties", None) or []:
            self._import(module, inner)
        if getattr(prop, "inner_property", None) is not None:
            self._import(module, prop.inner_property)
        for line in prop.get_imports(prefix=".."):
            if "import UNSET" in line or "import cast" in line or " check_" in line:
                continue
            module.imports.add(line)
        # A schema that says nothing (`{}`) is `Any`, which the generator's own modules import
        # from their template, so no property asks for it.
        if re.search(r"\bAny\b", _code(prop.get_type_string())):
            module.imports.add("from typing import Any")


def _credential_sent(operation_id: str, prop: Property, credentials: Collection[str]) -> None:
    """Stops generation where a required Authorization header parameter (which OpenAPI
    ignores, as the SDK does) is sent by none of the operation's security schemes: every
    call would go without it, and be refused."""
    name = _text(prop.name)
    if name.lower() == "authorization" and prop.required and name.lower() not in credentials:
        raise GenerationError(
            f"{operation_id}: requires the header parameter {name!r}, which OpenAPI ignores "
            "(the SDK sends none), and none of its security schemes sends an Authorization "
            "header, so Hero would refuse every call: declare the credential as a security "
            "scheme (components.securitySchemes, the operation's `security`) and map it to "
            "a client setting in sdk.yaml `auth`"
        )


def _enums(prop: Any) -> list[LiteralEnumProperty]:
    """The enum properties in `prop`'s type, however nested in unions and lists."""
    if isinstance(prop, LiteralEnumProperty):
        return [prop]
    inner = [*(getattr(prop, "inner_properties", None) or [])]
    if getattr(prop, "inner_property", None) is not None:
        inner.append(prop.inner_property)
    return [enum for child in inner for enum in _enums(child)]


def _properties(model: ModelProperty) -> list[Property]:
    """A model's properties, required ones first (the generator fills both lists)."""
    return [*(model.required_properties or []), *(model.optional_properties or [])]


def rule_source(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """An object schema with its allOf parts merged, or the single variant of a oneOf."""
    options = schema.get("oneOf") or schema.get("anyOf") or []
    if "properties" not in schema and len(options) == 1:
        return rule_source(options[0])
    return _all_of(schema) if "allOf" in schema else schema


def _has_object(checked: Mapping[str, Any]) -> bool:
    """Whether a value of the rule may be a JSON object (itself, an item, or an option)."""
    nested = [*(checked.get("anyOf") or []), *([checked["items"]] if "items" in checked else [])]
    return "object" in (checked.get("type") or []) or any(_has_object(n) for n in nested)


def _formats(checked: Mapping[str, Any]) -> set[str]:
    found = {checked["format"]} if "format" in checked else set()
    for option in [*(checked.get("anyOf") or []), *(checked.get("allOf") or [])]:
        found |= _formats(option)
    return found


# An object query parameter sent as a key per property (`?after=...&before=...`).
_EXPLODED = ("query", "form", True)


def _allows_null(checked: Mapping[str, Any]) -> bool:
    """Whether a rule lets the value be null (`type: [X, "null"]`, or a null `anyOf` option)."""
    return "null" in (checked.get("type") or []) or any(
        "null" in (o.get("type") or []) for o in checked.get("anyOf") or []
    )


def _text(value: Any) -> str:
    return value.get_untrusted_value() if hasattr(value, "get_untrusted_value") else str(value)


def _code(value: Any) -> str:
    text = value.as_unembedded_code() if hasattr(value, "as_unembedded_code") else str(value)
    # In a class body a method named `list` would shadow the builtin in annotations.
    return re.sub(r"(?<![\w.])list\[", "builtins.list[", text)


def _docstring(raw: Mapping[str, Any], arguments: list[Argument]) -> str:
    summary = " ".join(str(raw.get("summary") or raw.get("operationId") or "").split())
    description = " ".join(str(raw.get("description") or "").split())
    lines = [summary or "Call the operation."]
    if raw.get("deprecated") is True:  # first, where an IDE's hover shows it
        lines = [" ".join(("Deprecated.", deprecation_hint(raw))).strip(), "", *lines]
    if description and description != summary:
        lines += ["", description]
    described = [a for a in arguments if a.description or a.deprecated]
    if described:
        lines += ["", "Args:"]
        lines += [f"    {a.name}: {_argument_doc(a)}" for a in described]
    lines += ["", f"`{raw.get('operationId', '')}` in openapi.yaml."]
    return _in_docstring("\n".join(lines))


def _argument_doc(argument: Argument) -> str:
    if not argument.deprecated:
        return argument.description
    return f"Deprecated. {_unprefixed(argument.description)}".rstrip()


def deprecation_hint(raw: Mapping[str, Any]) -> str:
    """What openapi.yaml tells callers of a deprecated operation: its `x-deprecation` text,
    else the sentence of its description that mentions it ("Deprecated: use ... instead."),
    without a leading "Deprecated:" (the message says so already); "" when it says nothing."""
    hint = raw.get("x-deprecation")
    if not isinstance(hint, str):
        found = re.search(r"[^.]*\bdeprecat[^.]*\.?", str(raw.get("description") or ""), re.I)
        hint = found.group() if found else ""
    return _unprefixed(" ".join(hint.split()))


def _unprefixed(text: str) -> str:
    """`text` without a leading "Deprecated:" (what it follows says so already)."""
    text = re.sub(r"^deprecated\s*[:.,-]\s*", "", text.strip(), flags=re.I)
    return text[:1].upper() + text[1:]


def _in_docstring(text: str) -> str:
    """`text` as it can stand between triple quotes: Hero's free text may hold a backslash
    (`^\\d+$`), a triple quote, or end with a quote, any of which would break the module."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text[:-1] + '\\"' if text.endswith('"') else text


# ---- writing -----------------------------------------------------------------------------


def load_config(spec_path: Path, overrides: Mapping[str, str]) -> Config:
    config_file = ConfigFile.load_from_path(ROOT / "generator.yaml")
    config_file.content_type_overrides = dict(overrides)
    return Config.from_sources(config_file, MetaType.NONE, spec_path, "utf-8", False, None)


def generator_input(
    spec_path: Path, overrides: Mapping[str, str], deferred: Collection[str], scratch: Path
) -> tuple[Path, Path]:
    """The spec (`json_first`) and config (generator.yaml + `overrides`) the generator reads.

    Both are read and written with the generator's own YAML library (YAML 1.2), so the
    copy means to it exactly what openapi.yaml does.
    """
    yaml12 = YAML(typ="safe", pure=True)
    yaml12.representer.sort_base_mapping_type_on_output = False  # the spec's order is kept
    # Block style, never wrapped: its emitter wraps a flow mapping's key ("text/csv;
    # charset=utf-8") into YAML that does not parse.
    yaml12.default_flow_style, yaml12.width = False, 2**31 - 1
    spec, config = scratch / "openapi.yaml", scratch / "generator.yaml"  # YAML reads JSON too
    read = without_operations(multipart_files(lower_media_types(yaml12.load(spec_path))), deferred)
    yaml12.dump(as_parsed(read), spec)
    settings = yaml12.load(ROOT / "generator.yaml")
    yaml12.dump({**settings, "content_type_overrides": dict(overrides)}, config)
    return spec, config


def run_generator(spec_path: Path, config: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - the pinned generator, fixed arguments
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec_path.resolve()),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            out.name,
            "--fail-on-warning",
            "--custom-template-path",
            str(TEMPLATES),
        ],
        cwd=out.parent,
        check=True,
        env={"PATH": f"{BIN}:/usr/bin:/bin"},
    )


def sdk_templates() -> jinja2.Environment:
    env = jinja2.Environment(  # noqa: S701 - it writes Python source, not HTML
        loader=jinja2.FileSystemLoader(TEMPLATES / "sdk"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pyrepr"] = repr
    return env


def write_package_init(spec: Mapping[str, Any], out: Path) -> None:
    """The package's `__init__.py`: the generator's names, imported on first use."""
    title = (spec.get("info") or {}).get("title", "")
    text = sdk_templates().get_template("package_init.py.jinja").render(title=title)
    (out / "__init__.py").write_text(text)


def _bindings(body: Iterable[ast.stmt]) -> dict[str, set[str]]:
    """What each name of a module or class body is bound by: imports by what they import,
    classes and functions as definitions, assignments as such (`if` and `try` included)."""
    found: dict[str, set[str]] = {}
    for node in body:
        if isinstance(node, ast.If | ast.Try):
            handlers = node.handlers if isinstance(node, ast.Try) else []
            nested = [*node.body, *node.orelse, *(s for h in handlers for s in h.body)]
            for name, origins in _bindings(nested).items():
                found.setdefault(name, set()).update(origins)
        elif isinstance(node, ast.ImportFrom):
            source = "." * node.level + (node.module or "")
            for alias in node.names:
                found.setdefault(alias.asname or alias.name, set()).add(
                    f"`{alias.name}` from {source}"
                )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.asname or alias.name.partition(".")[0]
                found.setdefault(name, set()).add(f"the module {alias.name}")
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found.setdefault(node.name, set()).add("its own definition")
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, set()).add("an assignment")
    return found


def _public_names(source: Path = PUBLIC) -> frozenset[str]:
    """`herohealth.__all__`, as the source assigns it."""
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return frozenset(ast.literal_eval(node.value))
    raise GenerationError(f"{source}: no __all__ to read the SDK's public names from")


_RENAME_CLASS = (
    "rename {whose} class in generator.yaml: class_overrides: {name}: "
    "{{class_name: ..., module_name: ...}} (as MergePreview is)"
)


def check_generated_names(package: Path, classes: Collection[str], shown: str) -> None:
    """GenerationError naming each generated model or enum class (`classes`) whose name
    another name of the module using it has, or the SDK's own (`herohealth.Page`), and each
    model property named like an attribute the model template gives every model (`to_dict`):
    either would be hidden, and mypy --strict fails on the generated code. `package` is
    staged under another name: messages call it `shown`."""
    problems = [
        f"openapi.yaml schema {name!r}: the generated model would be herohealth.{name}, "
        f"which is the SDK's own; " + _RENAME_CLASS.format(whose="its", name=name)
        for name in sorted(_public_names() & set(classes))
    ]
    for module in sorted([*package.glob("models/*.py"), *package.glob("resources/*.py")]):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        where = Path(shown, module.relative_to(package))
        for name, origins in sorted(_bindings(tree.body).items()):
            if name in classes and len(origins) > 1:
                problems.append(
                    f"{where}: the generated class {name!r} of an openapi.yaml schema would "
                    f"also be {' and '.join(sorted(origins))}; "
                    + _RENAME_CLASS.format(whose="its", name=name)
                )
        for node in tree.body:
            if module.parent.name == "models" and isinstance(node, ast.ClassDef):
                problems.extend(_property_clashes(where, node))
    if problems:
        raise GenerationError("\n".join(problems))


# How openapi-python-client refuses a second schema of a class name (0.29.1's warnings).
_DUPLICATE_CLASS = re.compile(
    r'duplicate models with name "([^"]+)"|conflicting enums named (\S+) '
)


def check_class_names(
    spec: Mapping[str, Any], parsed: GeneratorData, config: Config, shown: str
) -> None:
    """GenerationError naming the openapi.yaml schemas whose generated classes would share a
    name or a module, before the generator runs, with the generator.yaml entry that parts
    them where one can.

    A class name twice (`Thing` and `thing`) the generator refuses, but its warning names the
    second schema only. A module twice (`HTTPThing` and `HttpThing`, both `http_thing.py`) it
    writes without a word, the second over the first: the package then fails on import.
    `class_overrides` is keyed by the class a schema's name makes (`ClassName`, before any
    override): it renames one of two only where theirs differ. `shown` names the package."""
    schemas = (spec.get("components") or {}).get("schemas") or {}
    made = {name: Class.from_string(string=name, config=config) for name in schemas}
    problems = []
    errors = [*parsed.errors]
    errors += [e for c in parsed.endpoint_collections_by_tag.values() for e in c.parse_errors]
    refused: dict[str, set[str]] = {}  # a class name: the operations an inline schema is in
    for error in errors:
        found = _DUPLICATE_CLASS.search(str(error.detail or ""))
        if found:
            inline = re.search(r"parsing (\S+ \S+) within", str(error.header or ""))
            places = refused.setdefault(found.group(1) or found.group(2), set())
            places.update([inline.group(1)] if inline else [])
    for class_name, places in sorted(refused.items()):
        named = sorted(name for name, made_as in made.items() if made_as.name == class_name)
        parties = [repr(name) for name in named]
        parties += [f"an inline schema of {place}" for place in sorted(places)]
        keys = [str(ClassName(name, config.field_prefix)) for name in named]
        keys += [class_name] * len(places)  # an inline schema's is the class name itself
        problem = (
            f"openapi.yaml schema{'s' if len(named) > 1 else ''} {' and '.join(parties)} "
            f"would {'both' if len(parties) == 2 else 'all'} be the generated class {class_name}; "
        )
        apart = [key for key in keys if keys.count(key) == 1]
        if len(apart) < len(keys) - 1:
            shared = next(key for key in keys if keys.count(key) > 1)
            problem += (
                "generator.yaml class_overrides cannot tell them apart (an entry is keyed by "
                f"the class name, {shared}, and renames both): giving one another name is a "
                "change to tools/generate.py (a design decision: the name users import it by)"
            )
        else:
            key = ([k for k in apart if k not in config.class_overrides] or apart)[0]
            problem += _RENAME_CLASS.format(whose="one's", name=key)
        problems.append(problem)
    by_module: dict[str, set[str]] = {}
    for model in [*parsed.models, *parsed.enums]:
        by_module.setdefault(str(model.class_info.module_name), set()).add(
            str(model.class_info.name)
        )
    for module, class_names in sorted(by_module.items()):
        if len(class_names) < 2:
            continue
        parties, keys = [], []
        for class_name in sorted(class_names):
            named = sorted(name for name, made_as in made.items() if made_as.name == class_name)
            parties += [repr(name) for name in named] or [f"an inline schema ({class_name})"]
            keys += [str(ClassName(name, config.field_prefix)) for name in named] or [class_name]
        key = ([k for k in keys if k not in config.class_overrides] or keys)[0]
        problems.append(
            f"openapi.yaml schemas {' and '.join(parties)}: their generated classes "
            f"{' and '.join(sorted(class_names))} would "
            f"{'both' if len(class_names) == 2 else 'all'} be {shown}/models/{module}.py; give "
            f"one a module of its own in generator.yaml: class_overrides: {key}: "
            "{module_name: ...}"
        )
    if problems:
        raise GenerationError("\n".join(problems))


def _property_clashes(where: Path, model: ast.ClassDef) -> Iterator[str]:
    """A property of a generated model (an annotated field of its class) named like another
    attribute of the class: one the model template gives every model (`to_dict`,
    `additional_properties`) or another property."""
    fields = Counter(
        node.target.id
        for node in model.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    )
    defined = Counter(
        node.name for node in model.body if isinstance(node, ast.FunctionDef | ast.ClassDef)
    )
    for name in sorted(fields):
        if fields[name] + defined[name] > 1:
            yield (
                f"{where}: the model {model.name} has a property {name!r}, named like the "
                f"attribute `{name}` every generated model has (templates/model.py.jinja): the "
                "generator has no other Python name for it; giving it one is a change to "
                "tools/generate.py (a design decision: the name users will read it by)"
            )


def write_models_init(parsed: GeneratorData, out: Path) -> None:
    """`models/__init__.py`: the generator's models and enums, and each enum's `Known` alias."""
    imports: list[tuple[str, list[str]]] = []
    for model in [*parsed.models, *parsed.enums]:
        names = [str(model.class_info.name)]
        if isinstance(model, LiteralEnumProperty):
            names.append(f"Known{model.class_info.name}")
        imports.append((str(model.class_info.module_name), names))
    alls = [name for _, names in imports for name in names]
    text = (
        sdk_templates()
        .get_template("models_init.py.jinja")
        .render(imports=sorted(imports), alls=alls)
    )
    (out / "models" / "__init__.py").write_text(text)


def write_resources(
    modules: list[Module],
    servers: list[tuple[str, str]],
    credentials: Mapping[str, str],
    deferred: Mapping[str, str],
    out: Path,
) -> None:
    env = sdk_templates()
    directory = out / "resources"
    directory.mkdir()
    shutil.copy(TEMPLATES / "sdk" / "_runtime.py", directory / "_runtime.py")
    resource = env.get_template("resource.py.jinja")
    for module in modules:
        text = resource.render(module=module, resources=list(module.resource.walk())[::-1])
        (directory / f"{module.tag}.py").write_text(text)
    index = env.get_template("resources_init.py.jinja")
    exploded: dict[str, set[str]] = {}
    for module in modules:
        for walked in module.resource.walk():
            for method in walked.methods:
                for argument in method.arguments:
                    if (argument.location, argument.style, argument.explode) == _EXPLODED:
                        names = argument.rule.get("properties") or {}
                        exploded.setdefault(argument.wire, set()).update(names)
    index_text = index.render(
        modules=modules,
        servers=servers,
        credentials=credentials,
        deferred=deferred,
        exploded={wire: sorted(names) for wire, names in sorted(exploded.items())},
    )
    (directory / "__init__.py").write_text(index_text)
    for command in (
        [
            "ruff",
            "check",
            ".",
            "--isolated",
            "--no-cache",
            "--fix-only",
            "--quiet",
            "--select",
            "I,F401,UP",
        ],
        ["ruff", "format", ".", "--isolated", "--no-cache", "--quiet"],
    ):
        subprocess.run([str(BIN / command[0]), *command[1:]], cwd=directory, check=True)  # noqa: S603


def environments(spec: Mapping[str, Any], sdk: Mapping[str, Any]) -> list[tuple[str, str]]:
    """openapi.yaml's servers as (environment name, base URL), named by sdk.yaml."""
    names = {description: name for name, description in (sdk.get("environments") or {}).items()}
    servers = {str(s.get("description", "")): s["url"] for s in spec.get("servers") or []}
    for description, name in names.items():
        if description not in servers:
            raise GenerationError(
                f"sdk.yaml environments.{name}: openapi.yaml has no server {description!r}"
            )
    return [
        (names.get(description) or PythonIdentifier(description, ""), url.rstrip("/"))
        for description, url in servers.items()
    ]


def no_longer_deferred(
    spec: Mapping[str, Any], sdk: Mapping[str, Any], spec_path: Path, deferred: Mapping[str, str]
) -> None:
    """GenerationError naming each deferred operation the SDK can now generate: a deferral
    stays only while it is needed, so none outlives the feature it waited for."""
    if not deferred:
        return
    full = copy.deepcopy(dict(spec))
    try:
        config = load_config(spec_path, content_type_overrides(full))
        builder = Builder(as_parsed(full), sdk, config)
    except GenerationError:
        return  # the full spec does not parse: what is deferred stays so
    generable = []
    for tag, collection in builder.parsed.endpoint_collections_by_tag.items():
        for endpoint in collection.endpoints:  # one the generator cannot parse is not here
            raw = builder.raw[(builder.spec_path(endpoint), endpoint.method)]
            operation_id = raw.get("operationId") or str(endpoint.name)
            if operation_id not in deferred:
                continue
            module = Module(tag, Resource(tag, (tag,), "Probe", ""))
            try:
                builder._method(module, endpoint, raw, operation_id, {})
            except GenerationError:
                continue  # still cannot be sent
            generable.append(f"sdk.yaml resources.{tag}.methods.{operation_id}")
    stale = ": deferred, but the SDK can generate it now: remove the entry"
    if generable:
        raise GenerationError("\n".join(where + stale for where in sorted(generable)))


_NOT_YET = ("supported yet", "cannot send it")
_DEFER_HINT = (
    "Until the SDK can send it, the operation may be left out on purpose: in sdk.yaml, "
    "resources.<tag>.methods.<operationId>: {deferred: <why>}"
)


def _read_mapping(path: Path, *, empty_ok: bool = False) -> dict[str, Any]:
    """A YAML file's top-level mapping; GenerationError naming the file if it is missing,
    unreadable, not YAML, or (an empty sdk.yaml aside) not a mapping."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise GenerationError(f"cannot read {path}: {error}") from None
    except yaml.YAMLError as error:
        raise GenerationError(f"{path} is not valid YAML: {error}") from None
    if document is None and empty_ok:
        return {}
    if not isinstance(document, dict):
        found = type(document).__name__
        raise GenerationError(f"{path} must hold a mapping at the top, not {found}")
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--sdk", type=Path, default=ROOT / "sdk.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "generated" / "herohealth_openapi")
    args = parser.parse_args(argv)
    try:
        spec, sdk = _read_mapping(args.spec), _read_mapping(args.sdk, empty_ok=True)
    except GenerationError as error:
        print(f"make generate: {error}\n{args.out} is left as it was", file=sys.stderr)
        return 1
    try:
        multipart_files(lower_media_types(spec))  # as the generator's copy (generator_input) is
        check_operation_ids(spec, load_config(args.spec, {}).field_prefix)
        check_sdk_config(spec, sdk)
        deferred = deferred_operations(sdk)
        no_longer_deferred(spec, sdk, args.spec, deferred)
        without_operations(spec, deferred)  # from here on; FakeHero's copy keeps them
        overrides = content_type_overrides(spec)
        builder = Builder(as_parsed(spec), sdk, load_config(args.spec, overrides))
        modules = builder.modules()
        servers = environments(spec, sdk)
    except GenerationError as error:
        print(f"make generate: openapi.yaml and sdk.yaml disagree:\n{error}", file=sys.stderr)
        if any(words in str(error) for words in _NOT_YET):
            print(_DEFER_HINT, file=sys.stderr)
        return 1
    # Built beside the package, which is replaced only once all of it is written: a failed
    # run leaves the previous package whole, so `import herohealth` keeps working.
    staged = args.out.with_name(f".{args.out.name}.new")
    try:
        check_class_names(spec, builder.parsed, builder.config, args.out.name)
        with tempfile.TemporaryDirectory() as scratch:
            run_generator(*generator_input(args.spec, overrides, deferred, Path(scratch)), staged)
        write_resources(modules, servers, sdk.get("auth") or {}, deferred, staged)
        write_models_init(builder.parsed, staged)
        write_package_init(spec, staged)
        check_generated_names(
            staged,
            {str(m.class_info.name) for m in [*builder.parsed.models, *builder.parsed.enums]},
            args.out.name,
        )
        shutil.copy(args.spec, staged / "openapi.yaml")
        (staged / "py.typed").touch()
    except BaseException as error:
        shutil.rmtree(staged, ignore_errors=True)
        if isinstance(error, GenerationError):
            print(f"make generate: {error}\n{args.out} is left as it was", file=sys.stderr)
            return 1
        if not isinstance(error, subprocess.CalledProcessError):
            raise
        tool = Path(error.cmd[0]).name  # the generator (any warning stops it), or ruff
        print(f"make generate: {tool} stopped (its output is above); {args.out} is left as it was",
              file=sys.stderr)  # fmt: skip
        return 1
    shutil.rmtree(args.out, ignore_errors=True)
    staged.rename(args.out)
    for operation_id, reason in deferred.items():  # every run, so none is forgotten
        print(f"make generate: {operation_id} is deferred by sdk.yaml, not generated: {reason}",
              file=sys.stderr)  # fmt: skip
    for operation_id, alternatives in sorted(builder.unsent.items()):
        print(f"make generate: {operation_id} does not send the security alternative(s) "
              f"{', '.join(alternatives)}: each names a scheme sdk.yaml auth maps no credential to",
              file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
