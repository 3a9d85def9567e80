"""openapi.yaml as the fake reads it: operations, their parameters, schemas and security.

The fake follows the spec it is given (by default the copy shipped inside the generated
package): routes, auth headers, request checks and generated answers all come from here,
so a new Hero spec needs no code change. A spec is parsed once per path (`load`).

Schemas are validated with JSON Schema 2020-12 (OpenAPI 3.1's dialect), every `$ref`
resolved against the whole document. A `oneOf` or `anyOf` with a `discriminator` is read
as OpenAPI says, in requests and answers alike: an object is the variant its property
names (`discriminator_values`), checked as that variant alone. Two leniencies on requests,
both where Hero's own reference does so: "One of" variants without a discriminator may
overlap (register's `title` is a free string or a Title, so an enum title matches both),
and a `date-time` may be a bare date (the reference's examples send `dob: '1989-04-11'`).
Answers are checked strictly.
"""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from attrs import evolve, frozen
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from herohealth._generated import CREDENTIALS, OPERATIONS, essence
from herohealth._validation import ecma_pattern

Schema = Mapping[str, Any]

_URI = "urn:herohealth:openapi"  # the spec's name in the registry $refs resolve in
# The form bodies the fake parses (with python-multipart, through starlette).
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
_JSON = "application/json"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Header parameters OpenAPI says SHALL be ignored (the SDK sends none of them as an argument).
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


@frozen
class Param:
    """A path, query or header parameter, or a part of a form body ("body"): its JSON types
    (its items' for an array, its properties' for an object) and checks. `binary`: a file
    part (`format: binary`, or OpenAPI 3.1's `contentMediaType`). `style` and `explode`:
    how an array or object value is written (OpenAPI 3.1, defaults filled in);
    `style="json"` for a value sent as its JSON text (`content: application/json`)."""

    name: str
    location: str
    required: bool
    types: frozenset[str]
    item_types: frozenset[str]  # empty unless `types` has "array"
    validator: Validator
    binary: bool = False
    style: str = "form"
    explode: bool = True
    properties: Mapping[str, frozenset[str]] = {}  # never mutated: read only


@frozen
class Documented:
    """A response openapi.yaml documents for an operation (a status, a range such as
    "2XX", or "default")."""

    # Its first JSON media type, else its first (a PDF); None when it documents no content.
    media_type: str | None
    schema_at: str | None  # the JSON pointer of its JSON schema; None when it gives none


@frozen
class Operation:
    """One operation: where it is routed, what it takes, and what it answers."""

    id: str
    method: str
    path: str
    params: tuple[Param, ...]
    body_schema: Schema | None  # the JSON request body's schema (its first JSON media type's)
    body: Validator | None  # its validator
    body_required: bool
    form: str | None  # the media type of a form body, when the operation takes no JSON
    parts: tuple[Param, ...]  # the form body's properties, each checked as a parameter is
    auth_headers: tuple[tuple[str, str], ...]  # (credential, header) the caller sends
    status: int  # the first documented 2xx
    answer_schema: Schema | None  # its JSON schema; None when it offers no JSON
    answer_at: str  # that schema's JSON pointer in the spec
    answer_examples: tuple[Any, ...]
    # The media type the 2xx is answered as: its first JSON one, else its first (a PDF:
    # bytes of that type); None for no content.
    answer_media_type: str | None = None
    # The JSON request body's media type (type/subtype) where it is not application/json
    # (a +json one): a request must say it, as a server that routes by it would insist.
    body_media_type: str | None = None
    # Every response documented, by its key in the spec: "201", "4XX", "default".
    responses: Mapping[str, Documented] = {}  # never mutated: read only

    def documented(self, status: int) -> Documented | None:
        """The response openapi.yaml documents for `status`: its own, its range's, or
        `default`'s (OpenAPI 3.1: an explicit code wins over a range, both over default)."""
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in self.responses:
                return self.responses[key]
        return None


class Spec:
    """A parsed openapi.yaml: its operations by operationId, and schema helpers."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self._flag_refs(document)
        self._registry: Registry[Any] = Registry().with_resource(
            _URI, Resource.from_contents(document, default_specification=DRAFT202012)
        )
        self.operations = {op.id: op for op in self._operations()}
        self.default_auth = self._auth_headers({})  # for a request no operation matches

    def _flag_refs(self, node: Any) -> None:
        """Copy `readOnly` and `writeOnly` beside each `$ref` to a schema marked so, in place.

        `required` passes over a request's readOnly properties (an answer's writeOnly ones)
        by the flag on the property, as the SDK leaves them out: one that refers to a schema
        marked readOnly (`booked_at: {$ref: SetByHero}`) is as much Hero's to set.
        """
        if isinstance(node, list):
            for item in node:
                self._flag_refs(item)
        if not isinstance(node, dict):
            return
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
            try:
                target = self.resolve(node)
            except (KeyError, IndexError, ValueError, TypeError):  # an example's own "$ref" key
                target = None
            for flag in ("readOnly", "writeOnly"):
                if isinstance(target, Mapping) and target.get(flag) is True:
                    node.setdefault(flag, True)
        for value in node.values():
            self._flag_refs(value)

    def resolve(self, schema: Any) -> Any:
        """`schema` with its `$ref` (a pointer into the spec) followed, as often as needed."""
        while isinstance(schema, Mapping) and "$ref" in schema:
            schema = self._at(schema["$ref"])
        return schema

    def validator(self, pointer: str, *, request: bool = False) -> Validator:
        """A 2020-12 validator of the schema at `pointer` (lenient for requests, see above)."""
        kind, formats = (_RequestValidator, _REQUEST) if request else (_AnswerValidator, _ANSWER)
        # By reference, so the schema's own `$ref`s resolve against the whole spec.
        schema = {"$ref": f"{_URI}#{pointer}"}
        checker: Validator = kind(schema, registry=self._registry, format_checker=formats)
        return checker

    def located(self, pointer: str, *below: str) -> tuple[str, Any]:
        """The node at `pointer`, then at each key of `below` under it, and where it really is.

        Every `$ref` on the way is followed, so the pointer returned names the schema itself
        (`/components/schemas/Attachment` for a list's `properties`, `data`, `items`).
        """
        pointer, node = self._located(pointer)
        for key in below:
            pointer, node = self._located(f"{pointer}/{_escape(key)}")
        return pointer, node

    def property_schemas(self, pointer: str) -> dict[str, tuple[str, Any]]:
        """Each property of the object schema at `pointer`, in order: (its pointer, its schema).

        Through `$ref`s, `allOf`s and variants, as `properties` reads them.
        """
        pointer, schema = self._located(pointer)
        found = {
            name: self._located(f"{pointer}/properties/{_escape(name)}")
            for name in schema.get("properties", {})
        }
        for key in ("allOf", "anyOf", "oneOf"):
            for index in range(len(schema.get(key, ()))):
                found.update(self.property_schemas(f"{pointer}/{key}/{index}"))
        return found

    def properties(self, schema: Any) -> dict[str, Any]:
        """The properties an object schema declares, through `$ref`s, `allOf`s and variants."""
        return {k: v for part in self._parts(schema) for k, v in part.get("properties", {}).items()}

    def required(self, schema: Any) -> list[str]:
        """The required properties of an object schema (of its first variant, for a oneOf)."""
        schema = self.resolve(schema)
        names = [*schema.get("required", ())]
        for part in schema.get("allOf", ()):
            names += self.required(part)
        variants = schema.get("oneOf") or schema.get("anyOf")
        return names or (self.required(variants[0]) if variants else [])

    def enum(self, schema: Any) -> frozenset[Any] | None:
        """The values an enum schema allows, through `$ref`s and nullable `anyOf`s."""
        found = [frozenset(part["enum"]) for part in self._parts(schema) if "enum" in part]
        return frozenset().union(*found) if found else None

    def types(self, schema: Any) -> frozenset[str]:
        """The JSON types a schema allows, through `$ref`s, `allOf`s and variants."""
        found = [part.get("type", ()) for part in self._parts(schema)]
        return frozenset(t for declared in found for t in _listed(declared))

    def _parts(self, schema: Any) -> Iterator[Schema]:
        """The schema and, recursively, each schema of its allOf, anyOf and oneOf."""
        schema = self.resolve(schema)
        if isinstance(schema, Mapping):
            yield schema
            for key in ("allOf", "anyOf", "oneOf"):
                for part in schema.get(key, ()):
                    yield from self._parts(part)

    def _at(self, ref: str) -> Any:
        return self._located(ref[1:])[1] if ref.startswith("#") else _no_remote(ref)

    def _located(self, pointer: str) -> tuple[str, Any]:
        """The node at a JSON pointer, `$ref`s followed, and the pointer it is really at."""
        node: Any = self.document
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            # YAML may key a response by the number 200, not the string "200".
            node = node[part] if isinstance(node, Mapping) and part in node else node[int(part)]
        if isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            return self._located(ref[1:]) if ref.startswith("#") else _no_remote(ref)
        return pointer, node

    def _operations(self) -> Iterator[Operation]:
        for path in self.document.get("paths", {}):
            item_at, item = self._located(f"/paths/{_escape(path)}")
            for method in _METHODS:
                if method in item:
                    yield self._operation(path, method, item_at, item)

    def _operation(self, path: str, method: str, item_at: str, item: Schema) -> Operation:
        op_at, op = f"{item_at}/{method}", item[method]
        declared = {}  # an operation's own parameter overrides the path item's
        for at in (item_at, op_at):
            for index in range(len(self._located(at)[1].get("parameters", ()))):
                param_at, param = self._located(f"{at}/parameters/{index}")
                declared[(param["name"], param["in"])] = (param_at, param)
        params = tuple(
            self._styled(self._param(name, where, bool(p.get("required")), schema, at), p, at)
            for (name, where), (param_at, p) in declared.items()
            if where in ("path", "query", "header")
            and not (where == "header" and name.lower() in _IGNORED_HEADERS)
            for schema, at in [self._described(param_at, p)]
        )
        body_at, body = self._located(f"{op_at}/requestBody") if "requestBody" in op else ("", {})
        taken = body.get("content", {})
        body_json = json_media(taken)
        body_schema = taken[body_json].get("schema") if body_json else None
        forms = [m for m in FORMS if m in taken]
        form = forms[0] if forms and body_schema is None else None
        status = _success(op.get("responses", {}))
        answer_at, answer = self._located(f"{op_at}/responses/{status}") if status else ("", {})
        offered = answer.get("content", {})
        answer_json = json_media(offered)
        # A success that offers no JSON (a PDF) is answered as its first media type.
        media_type = answer_json or next(iter(offered), None)
        sent_as = essence(body_json or _JSON)
        return Operation(
            id=operation_id_of(method, path, op),
            method=method.upper(),
            path=path,
            params=params,
            body_schema=body_schema,
            body=None
            if body_schema is None
            else self.validator(_schema_at(body_at, body_json), request=True),
            body_required=bool(body.get("required")),
            form=form,
            parts=self._form_parts(_schema_at(body_at, form)) if form else (),
            auth_headers=self._auth_headers(op),
            status=int(status) if status and status.isdigit() else 200,
            answer_schema=offered[answer_json].get("schema", {}) if answer_json else None,
            answer_at=_schema_at(answer_at, answer_json),
            answer_examples=_examples(offered[media_type]) if media_type else (),
            answer_media_type=media_type,
            body_media_type=None if sent_as == _JSON else sent_as,
            responses=self._responses(op_at, op.get("responses", {})),
        )

    def _responses(self, op_at: str, responses: Schema) -> dict[str, Documented]:
        found = {}
        for key in responses:
            at, response = self._located(f"{op_at}/responses/{_escape(str(key))}")
            offered = response.get("content") or {}
            json_type = json_media(offered)
            has_schema = json_type is not None and "schema" in (offered[json_type] or {})
            name = str(key).upper() if str(key).lower() != "default" else "default"
            found[name] = Documented(
                json_type or next(iter(offered), None),
                _schema_at(at, json_type) if has_schema else None,
            )
        return found

    def _param(self, name: str, where: str, required: bool, schema: Schema, at: str) -> Param:
        types = self.types(schema)
        items = self.types(self.resolve(schema).get("items", {})) if "array" in types else set()
        validator = self.validator(at, request=True)
        return Param(name, where, required, types, frozenset(items), validator)

    def _described(self, at: str, param: Schema) -> tuple[Schema, str]:
        """A parameter's schema and where it is: its own, or its `content` media type's
        (sent as JSON text, as the SDK sends it)."""
        if "content" in param:
            media = next(iter(param["content"]))
            return self.located(at, "content", media, "schema")[::-1]
        return param.get("schema", {}), f"{at}/schema"

    def _styled(self, param: Param, declared: Schema, at: str) -> Param:
        """`param` with its serialization, as OpenAPI 3.1 defaults it: `form` (exploded) in a
        query, `simple` in a path or header, `json` where `content` describes it; and its
        object properties' types."""
        default = "form" if param.location == "query" else "simple"
        style = "json" if "content" in declared else declared.get("style", default)
        explode = declared.get("explode", style in ("form", "deepObject"))
        properties = {}
        if "object" in param.types and style != "json":
            found = self.property_schemas(at).items()
            properties = {name: self.types(schema) for name, (_, schema) in found}
        return evolve(param, style=style, explode=bool(explode), properties=properties)

    def _form_parts(self, pointer: str) -> tuple[Param, ...]:
        required = self.required(self._located(pointer)[1])
        return tuple(
            evolve(
                self._param(name, "body", name in required, schema, at),
                binary=is_file(self.resolve(schema)),
            )
            for name, (at, schema) in self.property_schemas(pointer).items()
        )

    def _auth_headers(self, op: Schema) -> tuple[tuple[str, str], ...]:
        """(credential, header) of each apiKey-in-header scheme the operation's security needs.

        The credential is the client setting sdk.yaml maps the scheme to (`api_key`...), as
        the SDK sends it; a scheme sdk.yaml does not map is named by itself. As the SDK
        sends every alternative sdk.yaml maps (FastAPI writes the schemes a route requires
        together as alternatives, one each), each of their headers is needed; with none
        mapped, the first alternative's.
        """
        schemes = self.document.get("components", {}).get("securitySchemes", {})
        security = op.get("security", self.document.get("security", [])) or [{}]
        mapped = [r for r in security if r and all(name in CREDENTIALS for name in r)]
        needed = mapped if security[0] and mapped else security[:1]
        found: dict[str, tuple[str, str]] = {}
        for name in (name for requirement in needed for name in requirement):
            if schemes[name].get("type") == "apiKey" and schemes[name].get("in") == "header":
                found.setdefault(name, (CREDENTIALS.get(name, name), schemes[name]["name"]))
        return tuple(found.values())


def is_file(schema: Schema) -> bool:
    """A file part of a form body: `format: binary` (OpenAPI 3.0), or a string with a
    `contentMediaType` and no `contentEncoding` (OpenAPI 3.1, as FastAPI writes UploadFile)."""
    if schema.get("format") == "binary":
        return True
    types = schema.get("type")
    is_string = types == "string" or (isinstance(types, list) and "string" in types)
    return is_string and "contentMediaType" in schema and "contentEncoding" not in schema


def is_json(media_type: str) -> bool:
    """A JSON media type: application/json or a `+json` one, with parameters or not."""
    media = essence(media_type)
    return media == "application/json" or media.endswith("+json")


def json_media(content: Schema) -> str | None:
    """The first JSON media type of a `content` map: the one the SDK reads and sends."""
    return next((media for media in content if is_json(media)), None)


def operation_id_of(method: str, path: str, op: Schema) -> str:
    """The operation's operationId; for one openapi.yaml gives none, the name the SDK was
    generated with (`get_v1_practices`, from the index), else "GET /v1/practices"."""
    if "operationId" in op:
        return str(op["operationId"])
    method = method.upper()
    generated = (i for i, at in OPERATIONS.items() if (at.http_method, at.path) == (method, path))
    return next(generated, f"{method} {path}")


def _listed(declared: str | list[str]) -> list[str]:
    return [declared] if isinstance(declared, str) else declared


def _success(responses: Schema) -> str | None:
    """The first documented 2xx status, else a `2XX` range, else `default` (it covers every
    status not listed: the SDK reads a success by it); None when the operation has none."""
    keys = sorted(map(str, responses))
    listed = next((s for s in keys if s.isdigit() and s.startswith("2")), None)
    return listed or next((s for s in ("2XX", "default") if s in keys), None)


def _schema_at(at: str, media: str | None) -> str:
    """The pointer of the schema of `media` in the request body or response at `at`."""
    return f"{at}/content/{_escape(media or '')}/schema"


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _no_remote(ref: str) -> Any:
    raise ValueError(f"the fake resolves only $refs within the spec, not {ref!r}")


def _examples(content: Schema) -> tuple[Any, ...]:
    examples = [example["value"] for example in content.get("examples", {}).values()]
    return (content["example"], *examples) if "example" in content else tuple(examples)


def load(path: str | None = None) -> Spec:
    """The spec at `path` (the shipped openapi.yaml for None), parsed once per version.

    A file is parsed again only when its modification time changed.
    """
    if path is None:
        return _parsed(None, 0)
    resolved = Path(path).resolve()
    return _parsed(str(resolved), resolved.stat().st_mtime_ns)


@functools.cache
def _parsed(path: str | None, modified: int) -> Spec:
    if path is None:
        text = (importlib.resources.files("herohealth_openapi") / "openapi.yaml").read_text()
    else:
        text = Path(path).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: faster
    return Spec(yaml.load(text, Loader=loader))  # noqa: S506  # a safe loader either way


# ---- the validators -------------------------------------------------------------------------


def _formats(*, date_time_may_be_a_date: bool) -> FormatChecker:
    checker = FormatChecker()  # jsonschema's own checks (date, uuid, email, ...), and:

    @checker.checks("date-time", raises=ValueError)
    def date_time(value: object) -> bool:
        # RFC 3339, without needing rfc3339-validator installed
        if not isinstance(value, str):
            return True
        if date_time_may_be_a_date and ISO_DATE.fullmatch(value):
            value += "T00:00:00Z"
        return bool(_DATE_TIME.fullmatch(value) and datetime.datetime.fromisoformat(value))

    return checker


_REQUEST = _formats(date_time_may_be_a_date=True)
_ANSWER = _formats(date_time_may_be_a_date=False)
_KEYWORDS = Draft202012Validator.VALIDATORS


def _nullable_type(
    validator: Validator, types: Any, instance: object, schema: Schema
) -> Iterator[ValidationError]:
    # OpenAPI 3.0's `nullable: true`, for a spec written in that dialect.
    if not (instance is None and schema.get("nullable")):
        yield from _KEYWORDS["type"](validator, types, instance, schema)


def _not_blank(
    validator: Validator, length: int, instance: object, schema: Schema
) -> Iterator[ValidationError]:
    # Hero's reference says "non-empty" where the spec says `minLength: 1`: spaces are empty.
    if length >= 1 and isinstance(instance, str) and instance and not instance.strip():
        yield ValidationError("must not be empty")
    else:
        yield from _KEYWORDS["minLength"](validator, length, instance, schema)


def _required_unless(flag: str) -> Any:
    """`required`, but not of a property marked `flag`: a `readOnly` one (an id Hero sets) is
    never sent in a request, a `writeOnly` one (a password) never comes back in an answer."""

    def required(
        validator: Validator, names: Any, instance: object, schema: Schema
    ) -> Iterator[ValidationError]:
        properties = schema.get("properties") or {}
        kept = [n for n in names if (properties.get(n) or {}).get(flag) is not True]
        yield from _KEYWORDS["required"](validator, kept, instance, schema)

    return required


def _discriminated(keyword: str, *, otherwise: str | None = None) -> Any:
    """`oneOf` or `anyOf` as OpenAPI reads one with a `discriminator`: an object is the
    variant its property names (the `mapping`'s, else the schema's name), so a Dog whose
    properties a Cat would accept too is one Dog, not two matches, and a Dog with a Cat's
    properties is a Dog missing its own. A value naming no variant is a problem of the
    property itself. Without a discriminator (or a value for it), the keyword `otherwise`
    names (a request's `oneOf` is checked as `anyOf`), else `keyword` itself."""
    plain = _KEYWORDS[otherwise or keyword]

    def variants_of(
        validator: Any, variants: Any, instance: object, schema: Schema
    ) -> Iterator[ValidationError]:
        # `Any`: the Validator protocol does not declare `descend`, which every validator has.
        discriminator = schema.get("discriminator")
        if not isinstance(discriminator, Mapping) or not isinstance(instance, Mapping):
            yield from plain(validator, variants, instance, schema)
            return
        name = discriminator.get("propertyName")
        value = instance.get(name)
        named = discriminator_values(discriminator, variants)
        if not isinstance(value, str):  # not said: any variant that fits, as without one
            yield from plain(validator, variants, instance, schema)
        elif value not in named:
            yield from validator.descend(value, {"enum": [*named]}, path=name)
        else:
            yield from validator.descend(instance, variants[named[value]], schema_path=named[value])

    return variants_of


def discriminator_values(discriminator: Mapping[str, Any], variants: Any) -> dict[str, int]:
    """Each value of a `discriminator` and the index in `variants` of the variant (a `$ref`)
    it names: the `mapping`'s values (to a `$ref` or a schema's name), and for a variant
    the mapping does not name, the schema's own name. The one reading of a discriminator,
    for the checks of requests and answers and for the answers the fake builds."""
    refs = [v.get("$ref", "") if isinstance(v, Mapping) else "" for v in variants]
    named = {ref.rsplit("/", 1)[-1]: index for index, ref in enumerate(refs) if ref}
    mapping = discriminator.get("mapping")
    mapped = {}  # a variant the mapping names goes by its value there, as the SDK reads it
    for value, target in (mapping if isinstance(mapping, Mapping) else {}).items():
        for index, ref in enumerate(refs):
            if ref and target in (ref, ref.rsplit("/", 1)[-1]):
                mapped[str(value)] = index
    unmapped = {name: index for name, index in named.items() if index not in mapped.values()}
    return {**unmapped, **mapped}


_AnswerValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        "pattern": ecma_pattern,
        "type": _nullable_type,
        "required": _required_unless("writeOnly"),
        "oneOf": _discriminated("oneOf"),
        "anyOf": _discriminated("anyOf"),
    },
)
_RequestValidator = validators.extend(  # type: ignore[no-untyped-call]
    _AnswerValidator,
    {
        "oneOf": _discriminated("oneOf", otherwise="anyOf"),
        "minLength": _not_blank,
        "required": _required_unless("readOnly"),
    },
)
