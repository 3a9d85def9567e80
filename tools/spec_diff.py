"""Spec change report: what a new openapi.yaml changes for users of the SDK.

    python tools/spec_diff.py [--sdk sdk.yaml] OLD NEW

prints the changes grouped by operation (document-wide security first), each line marked
BREAKING or ok, then a summary line; it exits 1 when anything is breaking, 0 otherwise,
2 when a document (or the naming file) cannot be read or is not valid OpenAPI. This is
the scripted interface: `make spec-diff` runs it but cannot pass 1 and 2 on (make exits
2 for any failing recipe), so the recipe prints a last line naming the outcome and this
tool's code instead.

Both documents are read with jsonschema-path's reader, checked with openapi-spec-validator
and walked through `jsonschema_path.SchemaPath`, which resolves every `$ref` (parameters,
request bodies, responses, schemas) with `referencing`. This module writes only the comparison
rules: each schema is normalised to a `Shape` (types incl. "null", format, enum,
properties, required, items, union variants), then old and new shapes are compared
field by field.

Normalising: `allOf` members are merged into one shape; `{type: "null"}` members of
`anyOf`/`oneOf` make the field nullable (so `type: [X, "null"]` and
`anyOf: [{$ref: X}, {type: "null"}]` mean the same thing); a union left with a single
member is that member; a union of several members keeps them as variants, named by
their component (`<RegisterPdsByNhsNumber>`) or by position (`<oneOf[0]>`). Array
items are compared under `field[]`. Operations are matched by method and path, then
by operationId (a moved path).

Rules. A *request* is what SDK users send (parameters, request bodies), a *response*
what they read. The generated client is regenerated from the new document, so a
change is breaking when code written against the old SDK can fail or silently get
values it was not typed for.

=========================================  ==========  ==========  ========================
Change                                     Request     Response    Why
=========================================  ==========  ==========  ========================
operation added                            ok          ok          new function only
operation removed                          BREAKING    BREAKING    function disappears
operationId renamed (same method+path)     BREAKING    BREAKING    generated module renamed
operation moved (same operationId)         ok          ok          same function, new URL
first tag changed (another resource)       BREAKING    BREAKING    hero.<resource> moves the method
parameter added, optional                  ok          -           new keyword argument
parameter added, required                  BREAKING    -           callers must pass it
parameter removed                          BREAKING    -           argument disappears
parameter optional -> required             BREAKING    -           callers must pass it
parameter required -> optional             ok          -           still accepted
parameter style or explode changed         BREAKING    -           SDK writes the old form
request body added / made required         BREAKING    -           callers must send it
request body removed                       BREAKING    -           `body` disappears
request body required -> optional          ok          -
media type added                           ok          ok*         *JSON where bytes were: BREAKING
media type removed, one the SDK uses       BREAKING*   BREAKING*   *ok when JSON stays JSON
media type removed, one it never uses      ok          ok          a PDF beside JSON, say
response status added                      -           ok          new status is parsed
response status removed                    -           BREAKING    result no longer parsed
success response's status changed          -           ok          same method, see below
field added, optional                      ok          ok          model gains an attribute
field added, required                      BREAKING    ok          callers must set it
field removed                              BREAKING    BREAKING    attribute disappears
field optional -> required                 BREAKING    ok          callers must set it
field required -> optional                 ok          BREAKING    users may get UNSET
field made nullable                        ok          BREAKING    users may get None
field made non-nullable                    BREAKING    ok          None is refused
type widened (new accepts all old types)   ok          BREAKING    users may get new types
type narrowed or changed                   BREAKING    BREAKING*   *ok when new ⊂ old
format added / removed / changed           BREAKING    BREAKING    Python type changes
enum value added                           ok          ok          SDK keeps unknown values
enum value removed                         BREAKING    ok          see below
enum constraint added to a free field      BREAKING    ok          fewer values accepted
enum constraint removed                    ok          ok          any string still a str
constraint tightened (bound, pattern)      BREAKING    -           SDK refuses the value
constraint loosened or removed             ok          -           SDK sends more values
request field made readOnly                BREAKING    -           its argument disappears
request field no longer readOnly           as added    -           a new argument
union variant added                        ok          BREAKING    users may get a new shape
union variant removed                      BREAKING    ok          shape no longer accepted
union <-> single schema                    BREAKING    BREAKING    model class changes
security scheme newly required             BREAKING    -           SDK does not send it: 401
security scheme no longer required         ok          -           fewer credentials needed
security alternative no longer accepted    BREAKING    -           its callers get 401
security alternative added                 ok          -           old credentials still do
security scheme added / removed            ok          -           see the requirement rows
security scheme type, `in` or name changed BREAKING    -           SDK sends the old one
alternative with a scheme sdk.yaml lacks   ok*         -           *see "Security" below
operation, parameter or field deprecated   ok          ok          still served; calls warn
operation, parameter or field undeprecated ok          ok          calls stop warning
=========================================  ==========  ==========  ========================

Beside a `$ref`: JSON Schema 2020-12 (OpenAPI 3.1's dialect) applies every keyword written
beside a `$ref` together with its target, as `allOf` would: `{$ref: ClinicCode, maxLength: 5}`
is a ClinicCode of at most 5 characters, to Hero, to FakeHero and to the SDK's checks (the
generator's `Param.rule` keeps them). So each schema is read with the keywords beside each
`$ref` it leads along, and they are compared as if written in the schema itself.

Constraints are the keywords the SDK checks a value by before sending it (tools/generate.py
`RULE_KEYWORDS`, past type, enum and format): bounds (`minLength`, `maximum`, `maxItems`...)
and `pattern`. In a request, one added, a bound raised (a minimum) or lowered (a maximum),
or a pattern added or changed is breaking: the SDK refuses, before sending, a value it sent
before, and Hero would refuse it too. In a response they are not compared: the SDK does not
check what it reads. A top-level field of a request body marked `readOnly` (Hero sets it)
is no argument of the method, so one added or removed is a notice; one made readOnly loses
its argument, and one no longer readOnly gains one.

Responses, as the generated method reads them (tools/generate.py `successes`,
`success_status`): its result is the success response, the lowest 2xx listed, else a `2XX`
range, else `default` when no 2xx is listed; a `default` beside a listed 2xx is never read
(an error's schema), so it is not compared. The success response of each document is
compared as one whatever its key (`default` -> `200`, `2XX` -> `200`, `200` -> `201`): a
notice that the status changed, then its media types and schemas as usual. The other
responses are compared by status.

Deprecation (`deprecated: true` newly on an operation, a parameter or a field of a request
body or response; on a parameter's or field's schema, or beside its `$ref` as OpenAPI 3.1
allows, `clinic_code: {$ref: ..., deprecated: true}`) is a notice: Hero still serves it,
and the regenerated SDK flags a deprecated method to type checkers (PEP 702) and warns
when it, or a deprecated argument, is used. An operation added already deprecated says so
in its "operation added" line. The reverse (`deprecated: true` gone: Hero keeps it after
all) is a notice too: the regenerated SDK stops warning, and code written against either
SDK still runs.

Media types, as the SDK uses them: it reads (and sends) the first JSON media type of a
response (a request body), whatever it is called (application/json, a `+json` type such
as application/vnd.hero.v2+json or application/merge-patch+json, either with parameters),
into one model; so a JSON media type replaced by another is compared by schema, old one's
against new one's. A response that offers no JSON is returned as bytes: its schema (`format:
binary`, `contentMediaType`) is never compared, only its media types. JSON added to such an
answer is breaking (the method returns a model instead of bytes), and so is JSON removed
from one that keeps another media type (bytes instead of a model). A request body without
JSON sends its first form, whose schema is the method's arguments and is compared.

Parameters are keyed by `in` and name, so path, query, header and cookie parameters follow
the same rows; a header parameter's name is case-insensitive and becomes a keyword argument
(`X-Request-Id` -> `x_request_id`), so a header added as required is breaking: callers must
pass the new argument. A header parameter named Accept, Content-Type or Authorization is
not compared: OpenAPI says its definition is ignored, and the SDK takes no argument for it.
Nor is one the SDK sends a credential in (`x-api-key` declared again beside an API-key
scheme of that header, tools/generate.py `credential_headers`): the client's credential goes
there on every call, so it is no argument either. Which schemes the SDK sends follows
sdk.yaml (`--sdk`, see "Security"); without it, or where sdk.yaml maps no credential to any
alternative (generation refuses until it does), each scheme is taken to be sent.

Security: `security` lists alternatives, each naming the schemes sent together; an
operation's own list replaces the top-level one. The top-level list is compared once
("Document: top-level security"), an operation's effective list only where it has its own
in either document. A scheme is *required* when every alternative names it. An old
alternative is refused when no new alternative is a subset of it. Scopes and OAuth flows
are not compared (Hero authenticates with API-key headers), and header names in schemes
compare case-insensitively.

With sdk.yaml (`--sdk`), the rows follow what the SDK sends, as `make generate` writes it:
the schemes of every alternative sdk.yaml maps whole, all on each call (FastAPI writes a
route's required schemes one per alternative, `[{ApiKey: []}, {PracticeGroupId: []}]`), or
nothing when `{}` comes first. So a scheme newly required that the SDK sends already, and
an alternative refused while the alternative the SDK sends is still accepted, are ok. A
scheme that a new alternative names and sdk.yaml does not map is reported ("security
scheme the SDK does not send"): ok with the old credentials still sent whole; breaking
where the SDK sends two or more alternatives together, since read as FastAPI writes them
the new one may be required too; and refused by generation ("sdk.yaml auth maps no
credential to it") when no alternative is left that the SDK can send.

The naming file (`--sdk sdk.yaml`, the Makefile passes it): sdk.yaml names operations by
operationId under `resources.<tag>.methods`, and `make generate` refuses to run while an
entry names an operation the spec no longer has under that tag. A removed, renamed or
re-tagged operation that sdk.yaml names says so ("sdk.yaml names it:
resources.patients.methods.merge_patients"); every breaking change of an operation sdk.yaml
marks `workflow:` adds "the handwritten workflow in <module> calls it"; a removed request
argument that a domain check names adds "sdk.yaml checks.nhs_number names it" (the check
would silently stop applying). sdk.yaml's `auth` maps schemes to client credentials: a newly
required scheme it does not map says "sdk.yaml auth maps no credential to it" (generation
refuses), one it maps names the credential the SDK will send; a removed scheme it maps says
"sdk.yaml names it: auth.<scheme>". A line before the summary counts what generation refuses.
A re-tagged operation moves between the resources sdk.yaml names (`resources.<tag>.name`),
and only breaks callers when that resource changes.

Enum values: the generator writes enums as `Literal[...]` aliases of `str`
(generator.yaml `literal_enums`) and the facade keeps a value it does not know, so an
added value never breaks parsing. A value removed from a *request* enum is breaking:
callers that send it are refused, by Hero and by the SDK's validation. A value removed
from a *response* enum is not: the SDK never receives it any more, and code that tests
for it is merely dead, not wrong.

`integer` counts as a subset of `number`. Changes to descriptions, examples and defaults are
not reported, nor constraints in a response; neither are components no operation uses.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from generate import (  # tools/, beside this file: its own rules and names
    FORMS,
    IGNORED_HEADERS,
    RULE_KEYWORDS,
    credential_headers,
    essence,
    json_media,
    lower_media_types,
    resource_name,
    sent_alternatives,
    success_status,
    successes,
    tag_key,
)
from jsonschema_path import SchemaPath
from jsonschema_path.readers import PathReader
from openapi_python_client.strings import PythonIdentifier
from openapi_spec_validator import validate
from upgrade_spec import upgrade  # tools/, beside this file

__all__ = [
    "Change",
    "DocumentError",
    "Kind",
    "Naming",
    "Report",
    "diff_documents",
    "diff_files",
    "load_document",
    "load_naming",
    "main",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Direction = Literal["request", "response"]
# Headings for changes that concern every operation rather than one (rendered first).
DOCUMENT = "Document: "
DOCUMENT_SECURITY = f"{DOCUMENT}top-level security (every operation without its own)"
DOCUMENT_SCHEMES = f"{DOCUMENT}components.securitySchemes"
# The keywords the SDK checks a value by before sending it (the generator's `Param.rule`)
# that constrain a value of its type, rather than name its type (a bound, a pattern).
CONSTRAINTS = tuple(k for k in RULE_KEYWORDS if k not in ("type", "enum", "const", "format"))
# Where diff_documents keeps the keywords beside each `$ref` (`_lift_siblings`): at the
# document's root, so that a `$ref` among them resolves as it does where they were written.
SIBLINGS = "x-spec-diff-siblings"


class Kind(StrEnum):
    """What changed; see the module docstring for how each is classified."""

    OPERATION_ADDED = "operation added"
    OPERATION_REMOVED = "operation removed"
    OPERATION_ID_CHANGED = "operationId changed"
    OPERATION_MOVED = "operation moved"
    TAG_CHANGED = "tag changed"
    PARAMETER_ADDED = "parameter added"
    PARAMETER_REMOVED = "parameter removed"
    PARAMETER_REQUIRED_CHANGED = "parameter required flag changed"
    PARAMETER_STYLE_CHANGED = "parameter serialization changed"
    REQUEST_BODY_ADDED = "request body added"
    REQUEST_BODY_REMOVED = "request body removed"
    REQUEST_BODY_REQUIRED_CHANGED = "request body required flag changed"
    MEDIA_TYPE_ADDED = "media type added"
    MEDIA_TYPE_REMOVED = "media type removed"
    RESPONSE_ADDED = "response status added"
    RESPONSE_REMOVED = "response status removed"
    SUCCESS_STATUS_CHANGED = "success response status changed"
    FIELD_ADDED = "field added"
    FIELD_REMOVED = "field removed"
    REQUIRED_CHANGED = "required flag changed"
    NULLABILITY_CHANGED = "nullability changed"
    TYPE_CHANGED = "type changed"
    ENUM_VALUE_ADDED = "enum value added"
    ENUM_VALUE_REMOVED = "enum value removed"
    ENUM_ADDED = "enum constraint added"
    ENUM_REMOVED = "enum constraint removed"
    CONSTRAINT_CHANGED = "constraint changed"
    VARIANT_ADDED = "union variant added"
    VARIANT_REMOVED = "union variant removed"
    UNION_CHANGED = "union changed"
    SECURITY_REQUIRED = "security scheme newly required"
    SECURITY_NOT_REQUIRED = "security scheme no longer required"
    SECURITY_CHANGED = "security alternatives changed"
    SECURITY_SCHEME_ADDED = "security scheme added"
    SECURITY_SCHEME_REMOVED = "security scheme removed"
    SECURITY_SCHEME_CHANGED = "security scheme changed"
    SECURITY_NOT_SENT = "security scheme the SDK does not send"
    DEPRECATED = "deprecated"
    UNDEPRECATED = "undeprecated"


# What `make generate` refuses while sdk.yaml still names the operation (tools/generate.py).
NAMING_KINDS = frozenset({Kind.OPERATION_REMOVED, Kind.OPERATION_ID_CHANGED, Kind.TAG_CHANGED})
# How the notes that `make generate` refuses start: an entry naming what is gone, or a
# required scheme sdk.yaml's `auth` maps to no client credential.
BLOCKING = ("sdk.yaml names it:", "sdk.yaml auth maps no credential")


@dataclass(frozen=True)
class Change:
    """One change. `operation` is "METHOD /path (operationId)" or a `Document: ...` heading;
    `location` says where in it ("request body application/json: email", "response 200
    application/json: notes", "parameter header X-Request-Id", "security"); empty for the
    operation itself. `subject` is the name it is about, where sdk.yaml may name it too: a
    request argument it removes or adds (a parameter's or a top-level body field's wire
    name) or a security scheme; `sdk` what sdk.yaml and the handwritten workflows say
    about it (with `--sdk`)."""

    operation: str
    kind: Kind
    location: str
    detail: str
    breaking: bool
    subject: str | None = None
    sdk: tuple[str, ...] = ()

    def line(self) -> str:
        mark = "BREAKING" if self.breaking else "ok"
        where = f"{self.location}: " if self.location else ""
        said = f" ({'; '.join(self.sdk)})" if self.sdk else ""
        return f"  {mark:<8}  {where}{self.detail}{said}"


@dataclass(frozen=True)
class Report:
    changes: tuple[Change, ...]

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.breaking)

    @property
    def has_breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    def find(
        self,
        kind: Kind | None = None,
        *,
        operation: str | None = None,
        location: str | None = None,
    ) -> list[Change]:
        """Changes matching all given filters; `operation` and `location` match as substrings."""
        return [
            c
            for c in self.changes
            if (kind is None or c.kind is kind)
            and (operation is None or operation in c.operation)
            and (location is None or location in c.location)
        ]

    def render(self) -> str:
        if not self.changes:
            return "No changes.\nSummary: 0 changes (0 breaking, 0 ok)."
        lines: list[str] = []
        by_operation: dict[str, list[Change]] = {}
        for change in self.changes:
            by_operation.setdefault(change.operation, []).append(change)
        for operation in sorted(by_operation, key=lambda o: (not o.startswith(DOCUMENT), o)):
            lines.append(operation)
            lines.extend(c.line() for c in by_operation[operation])
            lines.append("")
        stale = sum(1 for c in self.changes if any(n.startswith(BLOCKING) for n in c.sdk))
        if stale:
            lines.append(
                f"sdk.yaml: {stale} of these changes contradict it (an entry names what is gone, "
                "or no credential is mapped); `make generate` refuses until sdk.yaml (and any "
                "workflow) follow."
            )
        n, b = len(self.changes), len(self.breaking)
        verdict = "BREAKING" if b else "no breaking changes"
        lines.append(f"Summary: {n} changes ({b} breaking, {n - b} ok): {verdict}.")
        return "\n".join(lines)


# ---- loading ---------------------------------------------------------------------------


class DocumentError(Exception):
    """A document or the naming file cannot be read, or is not valid OpenAPI (exit 2)."""


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        data, base_uri = PathReader(path.resolve()).read()
    except Exception as error:  # missing file, YAML syntax: all mean "cannot be read"
        raise DocumentError(f"{path} cannot be read: {type(error).__name__}: {error}") from error
    if not isinstance(data, dict):
        raise DocumentError(f"{path} cannot be read: not a YAML/JSON mapping")
    return data, base_uri


def load_document(path: Path, *, check: bool = True) -> dict[str, Any]:
    """Read an OpenAPI document; `check` validates it with openapi-spec-validator."""
    data, base_uri = _read(path)
    if check:
        try:
            validate(data, base_uri=base_uri)
        except Exception as error:
            # A jsonschema error's str() carries the whole OpenAPI meta-schema: keep the gist.
            message = getattr(error, "message", None) or str(error).split("\n", 1)[0]
            at = getattr(error, "json_path", None)
            where = f" (at {at})" if at else ""
            raise DocumentError(f"{path} is not valid OpenAPI: {message}{where}") from error
    # A 3.0 description is compared as the 3.1 one it means (`nullable`...), as openapi.yaml is.
    return upgrade(data)


@dataclass(frozen=True)
class Naming:
    """What sdk.yaml refers to: `methods` maps an operationId to its entry's key
    (`resources.patients.methods.merge_patients`) and the workflow module, if any;
    `checks` maps an argument name to the check entries naming it, by resource (None: all)."""

    methods: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    checks: dict[tuple[str | None, str], str] = field(default_factory=dict)
    auth: dict[str, str] = field(default_factory=dict)  # security scheme -> credential
    resources: dict[str, str] = field(default_factory=dict)  # tag key -> its resource's name

    @classmethod
    def from_config(cls, sdk: Mapping[str, Any]) -> Naming:
        naming = cls({}, {}, {str(k): str(v) for k, v in (sdk.get("auth") or {}).items()})
        for argument in sdk.get("checks") or {}:
            naming.checks[(None, str(argument))] = f"checks.{argument}"
        for resource, entries in (sdk.get("resources") or {}).items():
            naming.resources[str(resource)] = resource_name(sdk, str(resource))
            for argument in (entries or {}).get("checks") or {}:
                key = f"resources.{resource}.checks.{argument}"
                naming.checks[(str(resource), str(argument))] = key
            for operation_id, entry in ((entries or {}).get("methods") or {}).items():
                workflow = entry.get("workflow") if isinstance(entry, Mapping) else None
                key = f"resources.{resource}.methods.{operation_id}"
                naming.methods[str(operation_id)] = (key, str(workflow) if workflow else None)
        return naming

    def resource(self, tag: str) -> str:
        """The attribute of HeroHealth that holds a tag's methods: sdk.yaml's name for it,
        else the tag's key (`hero.booking_hca`)."""
        key = tag_key(tag)
        return self.resources.get(key, key)

    def notes(
        self, change: Change, operation_id: str | None = None, tag: str = "default"
    ) -> tuple[str, ...]:
        """What sdk.yaml and the workflows refer to that `change` (to the operation with that
        operationId and first tag in the old document, if any) breaks. A note starting with
        one of BLOCKING is something `make generate` refuses."""
        found: list[str] = []
        scheme = change.subject or ""
        if change.kind is Kind.SECURITY_REQUIRED:
            credential = self.auth.get(scheme)
            if credential:
                found.append(f"sdk.yaml auth.{scheme}: the SDK sends its {credential} credential")
            else:
                found.append(f"{BLOCKING[1]} to it")
        elif change.kind is Kind.SECURITY_SCHEME_REMOVED and scheme in self.auth:
            found.append(f"{BLOCKING[0]} auth.{scheme}")
        resource = tag_key(tag)  # sdk.yaml's key for the tag
        key, workflow = self.methods.get(operation_id or "", (None, None))
        if key and change.kind in NAMING_KINDS:
            found.append(f"{BLOCKING[0]} {key}")
        if workflow and change.breaking:
            found.append(f"the handwritten workflow in {workflow} calls it")
        if change.subject and change.kind in (Kind.PARAMETER_REMOVED, Kind.FIELD_REMOVED):
            name = _argument_name(change.subject)
            check = self.checks.get((resource, name)) or self.checks.get((None, name))
            if check:
                found.append(f"sdk.yaml {check} names it")
        return tuple(found)


def load_naming(path: Path) -> Naming:
    """Read sdk.yaml, the naming file."""
    return Naming.from_config(_read(path)[0])


# ---- normalised schemas ----------------------------------------------------------------


@dataclass
class Shape:
    """A schema reduced to what the comparison looks at. Empty `types` means any type."""

    types: set[str] = field(default_factory=set)
    format: str | None = None
    enum: set[Any] | None = None
    properties: dict[str, Shape] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: Shape | None = None
    variants: dict[str, Shape] | None = None
    recursive: str | None = None  # set on a schema met again inside itself
    deprecated: bool = False
    read_only: bool = False
    # CONSTRAINTS: a bound's number (`maxLength: 20`), else the set of values that each
    # apply (`pattern`: a value must match all of them).
    limits: dict[str, Any] = field(default_factory=dict)

    @property
    def nullable(self) -> bool:
        return "null" in self.types

    @property
    def value_types(self) -> set[str]:
        return self.types - {"null"}


def _ref_name(raw: object) -> str | None:
    if isinstance(raw, Mapping):
        ref = raw.get("$ref")
        if isinstance(ref, str):
            return ref.rsplit("/", 1)[-1]
    return None


def _merge(into: Shape, other: Shape) -> None:
    """`allOf` / single-member union: fold `other` into `into`."""
    if other.types and into.types:
        into.types &= other.types
    elif other.types:
        into.types = set(other.types)
    into.format = into.format or other.format
    if other.enum is not None:
        into.enum = other.enum if into.enum is None else into.enum & other.enum
    into.properties.update(other.properties)
    into.required |= other.required
    into.items = into.items or other.items
    if other.variants is not None:
        into.variants = {**(into.variants or {}), **other.variants}
    into.recursive = into.recursive or other.recursive
    into.deprecated = into.deprecated or other.deprecated
    into.read_only = into.read_only or other.read_only
    for keyword, value in other.limits.items():
        if keyword not in into.limits:
            into.limits[keyword] = value
        elif _bound(keyword) == "lower":
            into.limits[keyword] = max(into.limits[keyword], value)
        elif _bound(keyword) == "upper":
            into.limits[keyword] = min(into.limits[keyword], value)
        else:
            into.limits[keyword] = into.limits[keyword] | value


def _bound(keyword: str) -> Literal["lower", "upper"] | None:
    """Whether a constraint is a lower bound (`minLength`, `exclusiveMinimum`...), an upper
    one, or neither (`pattern`: each value written applies)."""
    if keyword.startswith(("min", "exclusiveMin")):
        return "lower"
    if keyword.startswith(("max", "exclusiveMax")):
        return "upper"
    return None


def _shape(node: SchemaPath, stack: tuple[int, ...] = ()) -> Shape:
    raw = node.read_value()  # resolved: a $ref node reads as its target
    if not isinstance(raw, Mapping):
        return Shape()  # `true` / `{}`-like schemas: anything
    if id(raw) in stack:
        return Shape(recursive=_ref_name(node.parent.read_value()) or str(node))
    stack = (*stack, id(raw))
    shape = Shape()
    declared = raw.get("type")
    if isinstance(declared, str):
        shape.types = {declared}
    elif isinstance(declared, list):
        shape.types = {str(t) for t in declared}
    if raw.get("nullable") is True:  # OpenAPI 3.0 spelling
        shape.types.add("null")
    shape.format = raw.get("format")
    shape.deprecated = raw.get("deprecated") is True
    shape.read_only = raw.get("readOnly") is True
    for keyword in CONSTRAINTS:
        if keyword in raw:
            value = raw[keyword]
            shape.limits[keyword] = value if _bound(keyword) else frozenset({value})
    if "enum" in raw:
        values = list(raw["enum"])
        if None in values:
            shape.types.add("null")
        shape.enum = {v for v in values if v is not None}
    elif "const" in raw:
        shape.enum = {raw["const"]}
    if "properties" in raw:
        shape.types = shape.types or {"object"}
        for name, prop in (node / "properties").str_items():
            shape.properties[name] = _shape(prop, stack)
    shape.required = {str(r) for r in raw.get("required", [])}
    if "items" in raw:
        shape.items = _shape(node / "items", stack)
    for member in _members(node, raw, "allOf"):
        _merge(shape, _shape(member, stack))
    for keyword in ("oneOf", "anyOf"):
        if keyword not in raw:
            continue
        variants: dict[str, Shape] = {}
        nullable = False
        for index, (member, member_raw) in enumerate(
            zip(_members(node, raw, keyword), raw[keyword], strict=True)
        ):
            sub = _shape(member, stack)
            if sub.types == {"null"} and not sub.properties:
                nullable = True
                continue
            variants[_ref_name(member_raw) or f"{keyword}[{index}]"] = sub
        null = nullable or shape.nullable
        shape.types.discard("null")  # kept aside, or the merge below would intersect it away
        if len(variants) == 1:
            (only,) = variants.values()
            null = null or only.nullable
            _merge(shape, only)
        elif variants:
            shape.variants = {**(shape.variants or {}), **variants}
        if null:
            shape.types.add("null")
    for siblings in _siblings(node):  # they apply with the `$ref`'s target, as allOf would
        _merge(shape, _shape(siblings, stack))
    return shape


def _siblings(node: SchemaPath) -> list[SchemaPath]:
    """The keywords beside each `$ref` that `node` leads along, each set as a schema of its
    own (`_lift_siblings` put them there). JSON Schema 2020-12 (OpenAPI 3.1) applies them
    with the `$ref`'s target, `{$ref: ClinicCode, maxLength: 5}` as `allOf` would, but
    reading `node` resolves the `$ref` to its target and drops them. So `node` is read first
    as its parent holds it, then beside each `$ref` of the chain it leads along, one step at
    a time (`OldColour: {$ref: Colour, deprecated: true}`); another document's `$ref` ends it.
    """
    if not node.parts:
        return []
    held = node.parent.read_value()[node.parts[-1]]
    root, followed, found = node, set(), []
    while root.parts:
        root = root.parent
    while isinstance(held, Mapping) and isinstance(held.get("$ref"), str):
        ref = held["$ref"]
        if SIBLINGS in held:
            found.append(root / SIBLINGS / held[SIBLINGS])
        if ref in followed or not ref.startswith("#/"):
            break
        followed.add(ref)
        *path, name = (unquote(p).replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/"))
        holder = root
        for part in path:
            holder = holder / part
        held = holder.read_value()[name]
    return found


def _lift_siblings(document: dict[str, Any]) -> dict[str, Any]:
    """`document`, in place, the keywords beside each `$ref` copied to a list at its root
    (SIBLINGS), and the `$ref`'s object marked with their place in it (`_siblings`)."""
    lifted: list[dict[str, Any]] = []
    seen: set[int] = set()

    def walk(node: Any) -> None:
        if not isinstance(node, dict | list) or id(node) in seen:
            return
        seen.add(id(node))
        values = list(node.values()) if isinstance(node, dict) else node
        if isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(node) > 1:
            node[SIBLINGS] = len(lifted)
            lifted.append({k: v for k, v in node.items() if k not in ("$ref", SIBLINGS)})
        for value in values:
            walk(value)

    walk(document)
    document[SIBLINGS] = lifted
    return document


def _members(node: SchemaPath, raw: Mapping[str, Any], keyword: str) -> list[SchemaPath]:
    if keyword not in raw:
        return []
    return [node / keyword / i for i in range(len(raw[keyword]))]


# ---- comparison ------------------------------------------------------------------------


class _Differ:
    def __init__(
        self,
        old_root: SchemaPath,
        new_root: SchemaPath,
        resource: Callable[[str], str] = tag_key,
        auth: frozenset[str] | None = None,
    ) -> None:
        self.changes: list[Change] = []
        self.resource = resource  # a tag's attribute on HeroHealth
        self.auth = auth  # the schemes sdk.yaml maps to a credential; None: not known
        self.old_security = _security(old_root) or _ANONYMOUS
        self.new_security = _security(new_root) or _ANONYMOUS
        self.old_schemes = _schemes(old_root)
        self.new_schemes = _schemes(new_root)

    def add(
        self,
        op: str,
        kind: Kind,
        location: str,
        detail: str,
        *,
        breaking: bool,
        subject: str | None = None,
        sdk: tuple[str, ...] = (),
    ) -> None:
        self.changes.append(Change(op, kind, location, detail, breaking, subject, sdk))

    def _deprecation(self, op: str, loc: str, what: str, was: bool, now: bool) -> None:
        """`deprecated: true` added to or removed from `what` (an operation, a parameter, a
        field): a notice either way, since Hero serves it in both documents."""
        if was != now:
            kind, word = (
                (Kind.DEPRECATED, "deprecated") if now else (Kind.UNDEPRECATED, "undeprecated")
            )
            self.add(op, kind, loc, f"{what} {word}", breaking=False)

    # -- schemas --

    def schema(
        self, op: str, where: str, path: str, old: Shape, new: Shape, direction: Direction
    ) -> None:
        loc = f"{where}: {path}" if path else where
        req = direction == "request"
        if old.recursive or new.recursive:
            if old.recursive != new.recursive:
                self.add(op, Kind.TYPE_CHANGED, loc, "recursive schema changed", breaking=True)
            return
        self._types(op, loc, old, new, req)
        self._enum(op, loc, old, new, req)
        if req:  # the SDK checks what it sends, never what it reads
            self._limits(op, loc, old, new)
        self._fields(op, where, path, old, new, direction)
        if old.items is not None and new.items is not None:
            self.schema(op, where, f"{path}[]", old.items, new.items, direction)
        self._variants(op, where, path, old, new, direction)

    def _types(self, op: str, loc: str, old: Shape, new: Shape, req: bool) -> None:
        if old.nullable != new.nullable:
            if new.nullable:
                detail = "made nullable"
                breaking = not req  # users may now get None
            else:
                detail = "made non-nullable"
                breaking = req  # None is refused
            self.add(op, Kind.NULLABILITY_CHANGED, loc, detail, breaking=breaking)
        before, after = _type_label(old), _type_label(new)
        if before == after:
            return
        widened = _accepts(new, old)
        narrowed = _accepts(old, new)
        breaking = not widened if req else not narrowed
        self.add(op, Kind.TYPE_CHANGED, loc, f"type {before} -> {after}", breaking=breaking)

    def _enum(self, op: str, loc: str, old: Shape, new: Shape, req: bool) -> None:
        if old.enum is None and new.enum is None:
            return
        if old.enum is None:
            detail = f"limited to enum {_values(new.enum)}"
            self.add(op, Kind.ENUM_ADDED, loc, detail, breaking=req)
            return
        if new.enum is None:
            self.add(op, Kind.ENUM_REMOVED, loc, "no longer an enum", breaking=False)
            return
        for value in sorted(new.enum - old.enum, key=repr):
            self.add(op, Kind.ENUM_VALUE_ADDED, loc, f"enum value {value!r} added", breaking=False)
        for value in sorted(old.enum - new.enum, key=repr):
            self.add(
                op, Kind.ENUM_VALUE_REMOVED, loc, f"enum value {value!r} removed", breaking=req
            )

    def _limits(self, op: str, loc: str, old: Shape, new: Shape) -> None:
        """A request's constraints (CONSTRAINTS): one tightened means the SDK refuses, before
        sending, a value it sent before (and Hero would refuse it too)."""
        for keyword in sorted(old.limits.keys() | new.limits.keys()):
            was, now = old.limits.get(keyword), new.limits.get(keyword)
            if was == now:
                continue
            bound = _bound(keyword)
            if now is None:
                tighter = False
            elif was is None:
                tighter = True
            elif bound == "lower":
                tighter = now > was
            elif bound == "upper":
                tighter = now < was
            else:
                tighter = bool(now - was)
            if was is None or now is None:
                detail = f"{keyword} {_limit(now if was is None else was)} "
                detail += "added" if was is None else "removed"
            else:
                detail = f"{keyword} {_limit(was)} -> {_limit(now)}"
            if tighter:
                detail += ": the SDK refuses values it sent before"
            self.add(op, Kind.CONSTRAINT_CHANGED, loc, detail, breaking=tighter)

    def _fields(
        self, op: str, where: str, path: str, old: Shape, new: Shape, direction: Direction
    ) -> None:
        req = direction == "request"
        # A top-level field of a request body (of any variant) is an argument of the method,
        # unless it is `readOnly` (beside its `$ref` too): Hero sets it, the method has none.
        is_argument = where.startswith("request body") and bool(re.fullmatch(r"(<[^<>]*>)?", path))
        for name in sorted(old.properties.keys() | new.properties.keys()):
            sub = f"{path}.{name}" if path else name
            loc = f"{where}: {sub}"
            if is_argument and self._read_only_field(op, loc, name, old, new):
                continue
            if name not in new.properties:
                subject = name if is_argument else None
                self.add(
                    op, Kind.FIELD_REMOVED, loc, "field removed", breaking=True, subject=subject
                )
            elif name not in old.properties:
                required = name in new.required
                detail = f"field added ({'required' if required else 'optional'})"
                self.add(op, Kind.FIELD_ADDED, loc, detail, breaking=req and required)
            else:
                was, now = name in old.required, name in new.required
                if was != now:
                    detail = f"made {'required' if now else 'optional'}"
                    breaking = now if req else not now
                    self.add(op, Kind.REQUIRED_CHANGED, loc, detail, breaking=breaking)
                before, after = old.properties[name], new.properties[name]
                self._deprecation(op, loc, "field", before.deprecated, after.deprecated)
                self.schema(op, where, sub, before, after, direction)

    def _read_only_field(self, op: str, loc: str, name: str, old: Shape, new: Shape) -> bool:
        """A request body's top-level field that is `readOnly` in either document, reported
        as the generator makes arguments of them (none for a readOnly one); False for any
        other field, compared as usual."""
        before, after = old.properties.get(name), new.properties.get(name)
        hidden_before = before is not None and before.read_only
        hidden_after = after is not None and after.read_only
        if not hidden_before and not hidden_after:
            return False
        if before is None or after is None:
            verb = "added" if before is None else "removed"
            detail = f"field {verb} (readOnly: Hero sets it, the method has no argument for it)"
            kind = Kind.FIELD_ADDED if before is None else Kind.FIELD_REMOVED
            self.add(op, kind, loc, detail, breaking=False)
        elif hidden_after and not hidden_before:
            detail = "field made readOnly: the method no longer has an argument for it"
            self.add(op, Kind.FIELD_REMOVED, loc, detail, breaking=True, subject=name)
        elif hidden_before and not hidden_after:
            required = name in new.required
            detail = (
                f"field no longer readOnly: a new {'required' if required else 'optional'} argument"
            )
            self.add(op, Kind.FIELD_ADDED, loc, detail, breaking=required)
        return True

    def _variants(
        self, op: str, where: str, path: str, old: Shape, new: Shape, direction: Direction
    ) -> None:
        req = direction == "request"
        loc = f"{where}: {path}" if path else where
        if old.variants is None and new.variants is None:
            return
        if old.variants is None or new.variants is None:
            detail = "became a union" if new.variants else "no longer a union"
            self.add(op, Kind.UNION_CHANGED, loc, detail, breaking=True)
            return
        for name in sorted(old.variants.keys() | new.variants.keys()):
            sub = f"{path}<{name}>"
            if name not in new.variants:
                detail = f"union variant <{name}> removed"
                self.add(op, Kind.VARIANT_REMOVED, loc, detail, breaking=req)
            elif name not in old.variants:
                detail = f"union variant <{name}> added"
                self.add(op, Kind.VARIANT_ADDED, loc, detail, breaking=not req)
            else:
                self.schema(op, where, sub, old.variants[name], new.variants[name], direction)

    # -- operations --

    def operation(self, op: str, old: SchemaPath, new: SchemaPath) -> None:
        self._deprecation(op, "", "operation", _deprecated(old), _deprecated(new))
        self._tag(op, old, new)
        self._parameters(
            op,
            _parameters(old, self._credentials(old, self.old_security, self.old_schemes)),
            _parameters(new, self._credentials(new, self.new_security, self.new_schemes)),
        )
        self._request_body(op, old, new)
        self._responses(op, old, new)
        old_own, new_own = _security(old), _security(new)
        if old_own is not None or new_own is not None:  # else the top-level report covers it
            before = self.old_security if old_own is None else old_own
            after = self.new_security if new_own is None else new_own
            self.security(op, "security", before, after)

    def _credentials(
        self, operation: SchemaPath, security: Alternatives, schemes: Mapping[str, Any]
    ) -> frozenset[str]:
        """The headers the SDK sends its credentials in on `operation`'s calls, as
        tools/generate.py decides them (`sent_alternatives`, `credential_headers`): a header
        parameter named so takes no argument. Without sdk.yaml, or where it maps no
        credential to a whole alternative (generation refuses until it does), as if it
        mapped every scheme of the document."""
        alternatives = _security(operation)
        if alternatives is None:
            alternatives = security
        sent = sent_alternatives(alternatives, self.auth) if self.auth is not None else None
        if sent is None:
            sent = sent_alternatives(alternatives, schemes) or []
        return frozenset(h for h in credential_headers(schemes, sent).values() if h)

    def _tag(self, op: str, old: SchemaPath, new: SchemaPath) -> None:
        before, after = _tag(old), _tag(new)
        if before == after:
            return
        was, now = self.resource(before), self.resource(after)
        detail = f"tag {before!r} -> {after!r}"
        if was != now:
            detail += f": the method moves from hero.{was} to hero.{now}"
        self.add(op, Kind.TAG_CHANGED, "", detail, breaking=was != now)

    # -- security --

    def document(self) -> None:
        """The top-level security requirement and the schemes themselves."""
        self.security(DOCUMENT_SECURITY, "", self.old_security, self.new_security)
        old, new = self.old_schemes, self.new_schemes
        for name in sorted(old.keys() | new.keys()):
            if name not in new:
                kind, breaking = Kind.SECURITY_SCHEME_REMOVED, False
                detail = f"scheme {name} ({_scheme_label(old[name])}) removed"
            elif name not in old:
                kind, breaking = Kind.SECURITY_SCHEME_ADDED, False
                detail = f"scheme {name} ({_scheme_label(new[name])}) added"
            elif _scheme_key(old[name]) != _scheme_key(new[name]):
                kind, breaking = Kind.SECURITY_SCHEME_CHANGED, True
                before, after = _scheme_label(old[name]), _scheme_label(new[name])
                detail = f"scheme {name}: {before} -> {after} (the SDK sends the old one)"
            else:
                continue
            self.add(DOCUMENT_SCHEMES, kind, "", detail, breaking=breaking, subject=name)

    def security(self, op: str, loc: str, old: Alternatives, new: Alternatives) -> None:
        if set(old) == set(new):
            return
        before, after = _needed(old), _needed(new)
        # With sdk.yaml known, what the SDK sends (tools/generate.py `_auth`) decides what
        # breaks its callers: every alternative whose schemes are all mapped is sent.
        sent_before = _sent(old, self.auth) if self.auth is not None else None
        for name in sorted(after - before):
            if sent_before is not None and name in sent_before:
                detail = f"scheme {name} now required (the SDK sends it already)"
                self.add(op, Kind.SECURITY_REQUIRED, loc, detail, breaking=False, subject=name)
                continue
            why = (
                "callers that do not send it get 401"
                if name in self.old_schemes
                else "a new scheme the SDK does not send: every call gets 401"
            )
            detail = f"scheme {name} now required ({why})"
            self.add(op, Kind.SECURITY_REQUIRED, loc, detail, breaking=True, subject=name)
        for name in sorted(before - after):
            detail = f"scheme {name} no longer required"
            self.add(op, Kind.SECURITY_NOT_REQUIRED, loc, detail, breaking=False, subject=name)
        self._not_sent(op, loc, old, new, reported=after - before)
        if after - before:
            return  # already says what a caller must send
        refused = [alt for alt in old if not any(n <= alt for n in new)]
        if refused or before == after:
            detail = f"alternatives {_alternatives_label(old)} -> {_alternatives_label(new)}"
            breaking = bool(refused)
            if refused:
                detail += f": {_alternatives_label(refused)} no longer accepted"
                if sent_before is not None and any(n <= sent_before for n in new):
                    sent = _alternatives_label([sent_before])
                    detail += f" (the SDK sends {sent}, which still is)"
                    breaking = False
            self.add(op, Kind.SECURITY_CHANGED, loc, detail, breaking=breaking)

    def _not_sent(
        self, op: str, loc: str, old: Alternatives, new: Alternatives, reported: frozenset[str]
    ) -> None:
        """Each scheme that `new` newly lists in an alternative and sdk.yaml maps to no
        credential: the SDK leaves that alternative out. Where the SDK sends two or more
        alternatives together, it reads them as FastAPI writes a route's required schemes,
        one per alternative: then the new one may be required too, and is breaking."""
        if self.auth is None:
            return
        alternatives = sent_alternatives(new, self.auth)
        sent = None if alternatives is None else frozenset().union(*alternatives)
        combined = len(alternatives or ()) > 1
        for name in sorted(
            frozenset().union(*new) - frozenset().union(*old) - self.auth - reported
        ):
            detail = f"scheme {name} added in an alternative the SDK does not send"
            if sent is None:
                note = f"{BLOCKING[1]} to it, nor to all of any other alternative"
            else:
                note = f"not in sdk.yaml auth: the SDK sends {_alternatives_label([sent])}"
            if sent is not None and combined:
                detail += (
                    ": the SDK sends every alternative it maps, as FastAPI lists the schemes "
                    "a route requires; if Hero requires this one too, every call gets 401"
                )
            breaking = sent is None or combined
            self.add(op, Kind.SECURITY_NOT_SENT, loc, detail, breaking=breaking, subject=name,
                     sdk=(note,))  # fmt: skip

    def _parameters(
        self,
        op: str,
        old: dict[tuple[str, str], SchemaPath],
        new: dict[tuple[str, str], SchemaPath],
    ) -> None:
        for key in sorted(old.keys() | new.keys()):
            where = key[0]
            name = _parameter_name(new[key] if key in new else old[key])
            loc = f"parameter {where} {name}"
            if key not in new:
                self.add(
                    op,
                    Kind.PARAMETER_REMOVED,
                    loc,
                    "parameter removed",
                    breaking=True,
                    subject=name,
                )
                continue
            now = _required(new[key])
            if key not in old:
                detail = f"parameter added ({'required' if now else 'optional'})"
                if where == "header":  # its Python name is not its wire name
                    detail += f": keyword argument {_argument_name(name)}"
                self.add(op, Kind.PARAMETER_ADDED, loc, detail, breaking=now, subject=name)
                continue
            was = _required(old[key])
            if was != now:
                detail = f"parameter made {'required' if now else 'optional'}"
                self.add(op, Kind.PARAMETER_REQUIRED_CHANGED, loc, detail, breaking=now)
            self._deprecation(op, loc, "parameter", _deprecated(old[key]), _deprecated(new[key]))
            was_sent, now_sent = _serialization(old[key]), _serialization(new[key])
            if was_sent != now_sent:  # `ids=1&ids=2` becomes `ids=1,2`: old clients send the old
                detail = f"style/explode {was_sent[0]}/{was_sent[1]} -> {now_sent[0]}/{now_sent[1]}"
                self.add(op, Kind.PARAMETER_STYLE_CHANGED, loc, detail, breaking=True)
            if "schema" in old[key] and "schema" in new[key]:
                before, after = _shape(old[key] / "schema"), _shape(new[key] / "schema")
                self.schema(op, loc, "", before, after, "request")
            elif "content" in old[key] and "content" in new[key]:
                self._content(op, loc, old[key], new[key], "request")

    def _request_body(self, op: str, old: SchemaPath, new: SchemaPath) -> None:
        had, has = "requestBody" in old, "requestBody" in new
        if not had and not has:
            return
        if not has:
            self.add(
                op, Kind.REQUEST_BODY_REMOVED, "request body", "request body removed", breaking=True
            )
            return
        now = _required(new / "requestBody")
        if not had:
            detail = f"request body added ({'required' if now else 'optional'})"
            self.add(op, Kind.REQUEST_BODY_ADDED, "request body", detail, breaking=now)
            return
        was = _required(old / "requestBody")
        if was != now:
            detail = f"request body made {'required' if now else 'optional'}"
            self.add(op, Kind.REQUEST_BODY_REQUIRED_CHANGED, "request body", detail, breaking=now)
        self._content(op, "request body", old / "requestBody", new / "requestBody", "request")

    def _responses(self, op: str, old: SchemaPath, new: SchemaPath) -> None:
        """The responses the SDK reads (`_read_statuses`): the success one of each document
        compared as one, whatever its status key (`default` -> `200`, `2XX` -> `200`), then
        the others by status."""
        was, before = _read_statuses(old)
        now, after = _read_statuses(new)
        if was is not None and now is not None:
            where = f"response {now}"
            if was != now:
                detail = f"success response {was} -> {now} (the method reads it as before)"
                self.add(op, Kind.SUCCESS_STATUS_CHANGED, where, detail, breaking=False)
            self._content(op, where, old / "responses" / was, new / "responses" / now, "response")
        for status in sorted(before | after):
            where = f"response {status}"
            if status in before and status in after:
                if not status == was == now:
                    o, n = old / "responses" / status, new / "responses" / status
                    self._content(op, where, o, n, "response")
            elif status in before:
                if status != was or now is None:  # else compared as the success, above
                    detail = "response status removed"
                    self.add(op, Kind.RESPONSE_REMOVED, where, detail, breaking=True)
            elif status != now or was is None:
                self.add(op, Kind.RESPONSE_ADDED, where, "response status added", breaking=False)

    def _content(
        self, op: str, where: str, old: SchemaPath, new: SchemaPath, direction: Direction
    ) -> None:
        """A request body's or response's media types, compared as the SDK uses them (`_used`).

        The SDK reads (or sends) one JSON media type, whatever it is called, so the old one's
        schema is compared with the new one's. A form's schema is its arguments. Any other
        media type is bytes to the SDK: only its name matters, never its schema.
        """
        before, after = _media_types(old), _media_types(new)
        was, now = _used(before, direction), _used(after, direction)
        old_json, new_json = json_media(before), json_media(after)
        verb = "reads" if direction == "response" else "sends"
        for media in sorted({*before, *after}):
            loc = f"{where} {media}"
            if media not in after:
                detail, breaking = "media type removed", media in was
                if media not in was:
                    detail += f" (the SDK never {verb} it)"
                elif media == old_json and new_json:
                    detail, breaking = f"{detail} (the SDK {verb} {new_json} instead)", False
                elif media == old_json and after and direction == "response":
                    detail += ": the method returns bytes, not a model"
                self.add(op, Kind.MEDIA_TYPE_REMOVED, loc, detail, breaking=breaking)
            elif media not in before:
                detail, breaking = "media type added", False
                if media == new_json and before and not old_json and direction == "response":
                    detail, breaking = f"{detail}: the method returns a model, not bytes", True
                self.add(op, Kind.MEDIA_TYPE_ADDED, loc, detail, breaking=breaking)
        pairs = [(old_json, new_json)] if old_json and new_json else []
        if direction == "request":  # a form's schema is its arguments
            pairs += [(m, m) for m in was if m in now and m not in (old_json, new_json)]
        for old_media, new_media in pairs:
            o, n = old / "content" / old_media, new / "content" / new_media
            loc = f"{where} {new_media}"
            if "schema" in o and "schema" in n:
                self.schema(op, loc, "", _shape(o / "schema"), _shape(n / "schema"), direction)
            elif "schema" in o or "schema" in n:
                self.add(op, Kind.TYPE_CHANGED, loc, "schema added or removed", breaking=True)


def _media_types(node: SchemaPath) -> list[str]:
    """The media types of a request body's or response's `content`, in the document's order."""
    return list((node / "content").str_keys()) if "content" in node else []


def _used(media_types: list[str], direction: Direction) -> list[str]:
    """Those the SDK reads or sends: the first JSON one; else a request's first form; else
    every one (a response's body is bytes; a request the SDK cannot send yet, by name)."""
    json_type = json_media(media_types)
    forms = [m for m in media_types if essence(m) in FORMS]
    if json_type:
        return [json_type]
    return forms[:1] if direction == "request" and forms else media_types


def _read_statuses(operation: SchemaPath) -> tuple[str | None, set[str]]:
    """The status keys of the responses the SDK reads, as the document writes them: the
    success one (None: none) and all of them. The generator's own rule (tools/generate.py
    `successes`, `success_status`), run on the keys alone: the success is the lowest 2xx
    listed, else `2XX`, else `default`; a `default` beside a 2xx is never read."""
    keys = sorted(_keys(operation, "responses"))
    # Each response stands for its own key, so a `default` read as `2XX` still says it was.
    spec = successes({"paths": {"/": {"get": {"responses": {key: key for key in keys}}}}})
    read: dict[str, str] = spec["paths"]["/"]["get"]["responses"]
    status = success_status(read)
    return (read[status] if status else None), set(read.values())


def _keys(node: SchemaPath, key: str) -> set[str]:
    return set((node / key).str_keys()) if key in node else set()


def _required(node: SchemaPath) -> bool:
    raw = node.read_value()
    return isinstance(raw, Mapping) and raw.get("required") is True


def _deprecated(node: SchemaPath) -> bool:
    """An operation's or parameter's `deprecated: true` (a parameter's schema may say it)."""
    raw = node.read_value()
    if not isinstance(raw, Mapping):
        return False
    return raw.get("deprecated") is True or ("schema" in raw and _shape(node / "schema").deprecated)


def _parameters(
    operation: SchemaPath, credentials: frozenset[str]
) -> dict[tuple[str, str], SchemaPath]:
    """Path-item parameters overridden by the operation's own, keyed by (in, name); header
    names are case-insensitive (HTTP), so theirs are keyed lower-cased. Not a header named
    Accept, Content-Type or Authorization: OpenAPI ignores one, and so does the SDK; nor
    one of `credentials` (lower-cased), the headers the SDK sends the client's credentials
    in: the generator gives it no argument."""
    found: dict[tuple[str, str], SchemaPath] = {}
    for owner in (operation.parent, operation):
        if "parameters" not in owner:
            continue
        for parameter in owner / "parameters":
            where, name = str(parameter["in"]), _parameter_name(parameter)
            if where == "header" and name.lower() in IGNORED_HEADERS | credentials:
                continue
            found[(where, name.lower() if where == "header" else name)] = parameter
    return found


def _serialization(parameter: SchemaPath) -> tuple[str, str]:
    """A parameter's `style` and `explode`, OpenAPI 3.1's defaults filled in (`form` in a
    query or cookie, else `simple`; `explode` true for `form` only)."""
    raw = parameter.read_value()
    if "content" in raw:  # sent as its media type's text (JSON), not by a style
        return "content", ",".join(raw["content"])
    style = raw.get("style") or ("form" if raw.get("in") in ("query", "cookie") else "simple")
    explode = raw.get("explode", style == "form")
    return str(style), str(explode).lower()


def _parameter_name(parameter: SchemaPath) -> str:
    return str(parameter["name"])


@cache
def _argument_name(name: str) -> str:
    """The keyword argument the generator makes of a parameter's or body field's wire name."""
    return str(PythonIdentifier(name, "field_"))


def _tag(operation: SchemaPath) -> str:
    """The first tag: the generator groups by it (generator.yaml has no generate_all_tags)."""
    raw = operation.read_value()
    tags = raw.get("tags") if isinstance(raw, Mapping) else None
    return str(tags[0]) if tags else "default"


# ---- security ------------------------------------------------------------------------------

# One alternative of a `security` list: the schemes sent together. No scheme: anonymous.
Alternatives = tuple[frozenset[str], ...]
_ANONYMOUS: Alternatives = (frozenset(),)


def _security(owner: SchemaPath) -> Alternatives | None:
    """`owner`'s own `security` list (the document or an operation); None when it has none.
    An empty list means no authentication, like a list holding `{}`."""
    raw = owner.read_value()
    listed = raw.get("security") if isinstance(raw, Mapping) else None
    if listed is None:
        return None
    return tuple(frozenset(str(n) for n in alt) for alt in listed) or _ANONYMOUS


def _needed(alternatives: Alternatives) -> frozenset[str]:
    """The schemes every alternative names: a call cannot do without them."""
    return frozenset.intersection(*alternatives) if alternatives else frozenset()


def _sent(alternatives: Alternatives, auth: frozenset[str]) -> frozenset[str] | None:
    """The schemes the SDK sends (tools/generate.py `sent_alternatives`); None where
    generation refuses the operation."""
    sent = sent_alternatives(alternatives, auth)
    return None if sent is None else frozenset().union(*sent)


def _alternatives_label(alternatives: Iterable[frozenset[str]]) -> str:
    return " or ".join(sorted("+".join(sorted(alt)) or "none" for alt in alternatives))


def _schemes(root: SchemaPath) -> dict[str, Mapping[str, Any]]:
    if "components" not in root or "securitySchemes" not in root / "components":
        return {}
    items = (root / "components" / "securitySchemes").str_items()
    return {name: dict(scheme.read_value()) for name, scheme in items}


def _scheme_key(scheme: Mapping[str, Any]) -> tuple[str, ...]:
    """What the SDK must send: header names and HTTP auth schemes are case-insensitive."""
    where = str(scheme.get("in", ""))
    name = str(scheme.get("name", ""))
    return (
        str(scheme.get("type", "")),
        where,
        name.lower() if where == "header" else name,
        str(scheme.get("scheme", "")).lower(),
    )


def _scheme_label(scheme: Mapping[str, Any]) -> str:
    kind = str(scheme.get("type", ""))
    if kind == "apiKey":
        return f"apiKey in {scheme.get('in')} {scheme.get('name')}"
    if kind == "http":
        return f"http {scheme.get('scheme')}"
    return kind


def _type_label(shape: Shape) -> str:
    types = sorted(shape.value_types) or ["any"]
    label = "|".join(types)
    return f"{label}({shape.format})" if shape.format else label


def _accepts(wide: Shape, narrow: Shape) -> bool:
    """Every non-null value of `narrow`'s type is one of `wide`'s, with the same format
    (a format changes the generated attribute's Python type, e.g. `str` -> `datetime`)."""
    if wide.format != narrow.format:
        return False
    if not wide.value_types:
        return True
    if not narrow.value_types:
        return False
    covered = set(wide.value_types)
    if "number" in covered:
        covered.add("integer")
    return narrow.value_types <= covered


def _limit(value: Any) -> str:
    if isinstance(value, frozenset):
        return ", ".join(repr(v) for v in sorted(value, key=repr))
    return repr(value)


def _values(values: set[Any] | None) -> str:
    return ", ".join(repr(v) for v in sorted(values or (), key=repr))


def _operations(root: SchemaPath) -> Iterator[tuple[str, str, SchemaPath]]:
    if "paths" not in root:
        return
    for path, item in (root / "paths").str_items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item / method


def _operation_id(operation: SchemaPath) -> str | None:
    raw = operation.read_value()
    value = raw.get("operationId") if isinstance(raw, Mapping) else None
    return value if isinstance(value, str) else None


def _title(method: str, path: str, operation_id: str | None) -> str:
    return f"{method} {path} ({operation_id or 'no operationId'})"


def diff_documents(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    old_base_uri: str = "",
    new_base_uri: str = "",
    naming: Naming | None = None,
) -> Report:
    """Compare two parsed OpenAPI documents; a base URI resolves each one's relative `$ref`s.
    `naming` (sdk.yaml) adds to each change what it and the handwritten workflows refer to.
    Media types are compared as the generator reads them, `type/subtype` in lower case."""
    old, new = (_lift_siblings(lower_media_types(copy.deepcopy(d))) for d in (old, new))
    old_root = SchemaPath.from_dict(dict(old), base_uri=old_base_uri)
    new_root = SchemaPath.from_dict(dict(new), base_uri=new_base_uri)
    old_ops = {(m, p): op for m, p, op in _operations(old_root)}
    new_ops = {(m, p): op for m, p, op in _operations(new_root)}
    new_by_id = {_operation_id(op): key for key, op in new_ops.items() if _operation_id(op)}
    differ = _Differ(
        old_root,
        new_root,
        naming.resource if naming else tag_key,
        frozenset(naming.auth) if naming else None,
    )
    differ.document()
    matched_new: set[tuple[str, str]] = set()
    # Per old operation's title, what sdk.yaml knows it by: its operationId and first tag.
    known_as: dict[str, tuple[str | None, str]] = {}
    for key, old_op in old_ops.items():
        method, path = key
        old_id = _operation_id(old_op)
        title = _title(method, path, old_id)
        known_as[title] = (old_id, _tag(old_op))
        if key in new_ops:
            new_key = key
            new_id = _operation_id(new_ops[key])
            if new_id != old_id:
                detail = f"operationId {old_id} -> {new_id}"
                differ.add(title, Kind.OPERATION_ID_CHANGED, "", detail, breaking=True)
        elif old_id is not None and new_by_id.get(old_id) not in (None, *old_ops):
            new_key = new_by_id[old_id]
            detail = f"operation moved to {new_key[0]} {new_key[1]}"
            differ.add(title, Kind.OPERATION_MOVED, "", detail, breaking=False)
        else:
            differ.add(title, Kind.OPERATION_REMOVED, "", "operation removed", breaking=True)
            continue
        matched_new.add(new_key)
        differ.operation(title, old_op, new_ops[new_key])
    for key, new_op in new_ops.items():
        if key not in matched_new:
            title = _title(*key, _operation_id(new_op))
            detail = "operation added (deprecated)" if _deprecated(new_op) else "operation added"
            differ.add(title, Kind.OPERATION_ADDED, "", detail, breaking=False)
    changes = differ.changes
    if naming is not None:
        changes = [
            replace(c, sdk=c.sdk + naming.notes(c, *known_as.get(c.operation, ()))) for c in changes
        ]
    return Report(tuple(changes))


def diff_files(old: Path, new: Path, *, check: bool = True, sdk: Path | None = None) -> Report:
    """Read, validate and compare two OpenAPI documents; `sdk` is the naming file."""
    return diff_documents(
        load_document(old, check=check),
        load_document(new, check=check),
        old_base_uri=old.resolve().as_uri(),
        new_base_uri=new.resolve().as_uri(),
        naming=load_naming(sdk) if sdk is not None else None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("old", type=Path, help="the current openapi.yaml")
    parser.add_argument("new", type=Path, help="the candidate openapi.yaml")
    parser.add_argument(
        "--no-validate", action="store_true", help="skip openapi-spec-validator on both"
    )
    parser.add_argument(
        "--sdk",
        type=Path,
        metavar="SDK_YAML",
        help="the naming file: say what it and the handwritten workflows refer to",
    )
    args = parser.parse_args(argv)
    try:
        report = diff_files(args.old, args.new, check=not args.no_validate, sdk=args.sdk)
        text = report.render()
    except DocumentError as error:
        print(f"spec_diff: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # e.g. a `$ref` that resolves nowhere: neither verdict applies
        print(f"spec_diff: cannot compare: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(text)
    return 1 if report.has_breaking else 0


if __name__ == "__main__":
    sys.exit(main())
