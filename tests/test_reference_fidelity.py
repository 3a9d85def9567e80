"""openapi.yaml still says everything Hero's rendered API reference says, field by field.

openapi.yaml was reconstructed by hand from ``reference/hero-health-public-api.txt``
(the text of Hero's rendered API reference). This module parses that text and checks
the spec against it, so a typo, a dropped ``required`` or a misspelt field fails a test
that names the operation and the field.

Nothing lost, not nothing more: Hero's own description (``make update-spec``) says more
than the rendered reference (other tags, operations, fields, statuses, enum values), and
that must not fail here. What the reference renders must still be in the spec, as
rendered.

For every operation the reference renders, it checks:

- the operation exists at the method and path of its curl example, with the rendered
  summary, description and tag;
- every path and query parameter: name, type, required, enum values;
- every request and response body field, nested ones included (``insurance.insurer``,
  ``data[].identifiers[].source``): JSON type, "or null", ``format: date-time``,
  ``pattern``, ``minLength: 1`` ("non-empty"), required, enum values (as a set, null not
  counted; the spec may add values), ``default``, and the rendered description and example;
- the rendered media type and the 200 response are there (the spec may add others).

The spec's conventions (see its header) are undone before comparing: ``$ref``, an
``allOf`` with one entry, and ``anyOf: [<schema>, {type: "null"}]`` are unwrapped. Where
the reference renders "One of:" for a body it shows only the first variant, so the first
``oneOf`` variant is compared and the others (taken from examples) are not. The free
string / Title "One of:" nested under register's ``title`` is checked for presence only.

The parser is strict: a line it does not recognise is an error, so a change in the
reference's layout cannot make fields silently disappear from the comparison.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml

from tests.spec_update.additive_release import additive_release

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = (ROOT / "reference" / "hero-health-public-api.txt").read_text()
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}

# ---------------------------------------------------------------------------------------
# The reference text
# ---------------------------------------------------------------------------------------

# e.g. "data[].dobstring or null(date-time)required", "idstring^\d+$required".
# Longer type names come first so "string or null" is not read as "string".
FIELD_LINE = re.compile(
    r"^(?P<name>[A-Za-z0-9_\[\].]+?)"
    r"(?P<type>string or null|string or string|string|number or null|number"
    r"|boolean or null|boolean|object|Array of objects|Array of strings or null"
    r"|Array of strings)"
    r"(?P<date_time>\(date-time\))?"
    r"(?P<pattern>\^\\d\+\$)?"
    r"(?P<non_empty>non-empty)?"
    r"(?P<required>required)?$"
)
BODY_LINE = re.compile(r"^Body(?P<media>[a-z]+/[a-z+.-]+?)(?P<required>required)?$")
RENDERED_PATTERN = r"^\d+$"

# Rendered type -> (JSON type, null allowed, JSON type of the array items).
TYPES: dict[str, tuple[str, bool, str | None]] = {
    "string": ("string", False, None),
    "string or null": ("string", True, None),
    "number": ("number", False, None),
    "number or null": ("number", True, None),
    "boolean": ("boolean", False, None),
    "boolean or null": ("boolean", True, None),
    "object": ("object", False, None),
    "Array of objects": ("array", False, "object"),
    "Array of strings": ("array", False, "string"),
    "Array of strings or null": ("array", True, "string"),
}
ONE_OF_TYPE = "string or string"  # register's title: a free string or a Title


class _Absent:
    """Marks a default or example that is not rendered (or not in the spec)."""

    def __repr__(self) -> str:
        return "(absent)"


NOT_RENDERED = _Absent()


@dataclass
class RefField:
    """One rendered field or parameter line and the lines that qualify it."""

    path: str
    type: str
    date_time: bool
    pattern: bool
    non_empty: bool
    required: bool
    enum: set[str] | None = None
    default: Any = NOT_RENDERED
    description: list[str] = field(default_factory=list)
    example: Any = NOT_RENDERED


@dataclass
class RefBody:
    media_type: str
    required: bool
    one_of: bool = False
    fields: dict[str, RefField] = field(default_factory=dict)


@dataclass
class RefOperation:
    tag: str
    heading: str
    description: str
    method: str = ""
    path: str = ""
    params: dict[tuple[str, str], RefField] = field(default_factory=dict)  # (in, name)
    request: RefBody | None = None
    response: RefBody | None = None  # None: "Response No content"


class _Lines:
    """A cursor over the reference's lines; errors name the line number."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.i = 0

    def peek(self) -> str | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def take(self) -> str:
        line = self.peek()
        if line is None:
            raise ValueError("reference ends unexpectedly")
        self.i += 1
        return line

    def take_text(self) -> str:
        """The next non-blank line."""
        while self.peek() == "":
            self.i += 1
        return self.take()

    def expect(self, wanted: str) -> None:
        if (line := self.take_text()) != wanted:
            self.fail(f"expected {wanted!r}, got {line!r}", self.i - 1)

    def fail(self, message: str, index: int | None = None) -> NoReturn:
        index = self.i if index is None else index
        raise ValueError(f"reference line {index + 1}: {message}")


def _parse_fields(cur: _Lines, fields: dict[str, RefField], stop: set[str]) -> None:
    """Read field lines into `fields` up to a line in `stop`, a body line or the curl."""
    last: RefField | None = None
    in_nested_one_of = False  # the "One of:" variants under a "string or string" field
    previous_blank = False
    while (line := cur.peek()) is not None and line not in stop:
        if line.startswith("curl ") or BODY_LINE.match(line):
            return
        cur.take()
        if match := FIELD_LINE.match(line):
            last = RefField(
                path=match["name"],
                type=match["type"],
                date_time=bool(match["date_time"]),
                pattern=bool(match["pattern"]),
                non_empty=bool(match["non_empty"]),
                required=bool(match["required"]),
            )
            if last.path in fields:
                cur.fail(f"field {last.path!r} rendered twice", cur.i - 1)
            fields[last.path] = last
            in_nested_one_of = False
        elif last is None:
            cur.fail(f"unrecognised line before any field: {line!r}", cur.i - 1)
        elif line == "One of:" and last.type == ONE_OF_TYPE:
            in_nested_one_of = True
        elif in_nested_one_of and (line in TYPES or line.startswith("Enum")):
            pass  # the variants of a "string or string" field: presence-only
        elif line.startswith("Enum"):
            last.enum = set(re.findall(r'"([^"]*)"', line))
        elif line.startswith("Default "):
            last.default = json.loads(line.removeprefix("Default "))
        elif line.startswith("Example: "):
            last.example = json.loads(line.removeprefix("Example: "))
        elif line and previous_blank:  # descriptions stand apart from the field line
            last.description.append(line)
        elif line:
            cur.fail(f"unrecognised line: {line!r}", cur.i - 1)
        previous_blank = line == ""


def _parse_body(cur: _Lines, line: str) -> RefBody:
    match = BODY_LINE.match(line)
    if not match:
        cur.fail(f"not a body line: {line!r}", cur.i - 1)
    body = RefBody(media_type=match["media"], required=bool(match["required"]))
    if cur.peek() == "One of:":
        cur.take()
        body.one_of = True
    return body


def _parse_operation(cur: _Lines, tag: str, mock_server: str) -> RefOperation:
    op = RefOperation(tag=tag, heading=cur.take(), description="")
    cur.expect("Request")
    op.description = cur.take_text()

    # Request: "Path" / "Query" parameter blocks and a request body, up to the curl.
    while not (line := cur.take()).startswith("curl "):
        if line in ("Path", "Query"):
            params: dict[str, RefField] = {}
            _parse_fields(cur, params, stop={"Path", "Query"})
            for name, param in params.items():
                op.params[(line.lower(), name)] = param
        elif line.startswith("Body"):
            op.request = _parse_body(cur, line)
            _parse_fields(cur, op.request.fields, stop=set())
        elif line:
            cur.fail(f"unrecognised request line: {line!r}", cur.i - 1)

    # The curl example: its method and URL; the mock server's address is stripped.
    curl = [line]
    while cur.peek():
        curl.append(cur.take())
    method = re.search(r"-X (\w+)", curl[0])
    url = re.search(r"https?://[^'\s]+", "\n".join(curl))
    if not method or not url:
        cur.fail("curl example without method or URL")
    op.method = method[1].lower()
    op.path = url[0].removeprefix(mock_server).split("?")[0]

    cur.expect("Responses")
    cur.expect("Ok")
    line = cur.take_text()
    if line == "Response":
        cur.expect("No content")
        return op
    op.response = _parse_body(cur, line)
    _parse_fields(cur, op.response.fields, stop={"Response"})
    cur.expect("Response")  # then the rendered example, which is not compared
    return op


def _parse_header(text: str) -> tuple[str, str, list[tuple[str, str]], str]:
    """The title, version, servers (name, url) and mock server URL of the reference."""
    lines = text.splitlines()
    title_line = re.fullmatch(r"(?P<title>.+) \((?P<version>[^)]+)\)", lines[0])
    assert title_line, f"unexpected title line {lines[0]!r}"
    start = lines.index("Servers") + 1
    end = lines.index("", start)
    servers = list(zip(lines[start:end:2], lines[start + 1 : end : 2], strict=True))
    mock = dict(servers)["Mock server"].rstrip("/")
    return title_line["title"], title_line["version"], servers, mock


def _tag_indices(lines: list[str]) -> list[int]:
    """Tag headings are rendered as "<tag>", a blank line, then "Operations"."""
    return [
        i
        for i in range(len(lines) - 2)
        if lines[i] and lines[i + 1] == "" and lines[i + 2] == "Operations"
    ]


def parse_reference(text: str) -> list[RefOperation]:
    """Every operation of the reference, in the order it renders them."""
    mock_server = _parse_header(text)[3]
    cur = _Lines(text)
    tags = {i: cur.lines[i] for i in _tag_indices(cur.lines)}
    starts = [
        i
        for i in range(len(cur.lines) - 2)
        if cur.lines[i] and cur.lines[i + 1] == "" and cur.lines[i + 2] == "Request"
    ]
    operations = []
    for start in starts:
        tag = tags[max(i for i in tags if i < start)]
        cur.i = start
        operations.append(_parse_operation(cur, tag, mock_server))
    return operations


TITLE, VERSION, SERVERS, MOCK_SERVER = _parse_header(REFERENCE_TEXT)
TAGS = [REFERENCE_TEXT.splitlines()[i] for i in _tag_indices(REFERENCE_TEXT.splitlines())]
OPERATIONS = parse_reference(REFERENCE_TEXT)

# ---------------------------------------------------------------------------------------
# The spec
# ---------------------------------------------------------------------------------------


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` (parameters and schemas alike)."""
    while "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def flatten(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema behind the spec's wrappers, and whether null is allowed.

    Unwraps `$ref`, a one-entry `allOf`, `anyOf: [X, {type: "null"}]` and
    `type: [X, "null"]`. Keys beside a wrapper (`default`, `description`) are kept and
    win over the wrapped schema's.
    """
    nullable = False
    outer: dict[str, Any] = {}
    while True:
        schema = resolve(schema)
        rest = {k: v for k, v in schema.items() if k not in ("allOf", "anyOf")}
        if len(schema.get("allOf", ())) == 1:
            outer, schema = {**rest, **outer}, schema["allOf"][0]
        elif "anyOf" in schema and {"type": "null"} in schema["anyOf"]:
            others = [s for s in schema["anyOf"] if s != {"type": "null"}]
            if len(others) != 1:
                break
            nullable = True
            outer, schema = {**rest, **outer}, others[0]
        else:
            break
    view = {**schema, **outer}
    types = view.get("type")
    if isinstance(types, list):
        nullable = nullable or "null" in types
        types = [t for t in types if t != "null"]
        view["type"] = types[0] if len(types) == 1 else types
    if "enum" in view:
        nullable = nullable or None in view["enum"]
    return view, nullable


SpecField = tuple[dict[str, Any], bool]  # a field's schema, and whether it is required


def spec_fields(schema: dict[str, Any], prefix: str = "") -> dict[str, SpecField]:
    """Every field of an object schema, nested ones too, by the reference's path syntax.

    Returns {path: (schema, required)}; `data[].x` is a field of `data`'s items.
    """
    view, _ = flatten(schema)
    found: dict[str, SpecField] = {}
    for name, prop in view.get("properties", {}).items():
        path = prefix + name
        found[path] = (prop, name in view.get("required", ()))
        child, _ = flatten(prop)
        if child.get("type") == "array" and "properties" in flatten(child["items"])[0]:
            found |= spec_fields(child["items"], path + "[].")
        elif "properties" in child:
            found |= spec_fields(prop, path + ".")
    return found


def spec_operation(op: RefOperation) -> dict[str, Any] | None:
    found: dict[str, Any] | None = SPEC["paths"].get(op.path, {}).get(op.method)
    return found


def spec_parameters(op: RefOperation) -> dict[tuple[str, str], dict[str, Any]]:
    item = SPEC["paths"][op.path]
    found = {}
    for raw in [*item.get("parameters", ()), *item[op.method].get("parameters", ())]:
        param = resolve(raw)
        found[(param["in"], param["name"])] = param
    return found


# ---------------------------------------------------------------------------------------
# The comparison: each returns a list of problems, empty when the spec agrees
# ---------------------------------------------------------------------------------------


def compare_field(ref: RefField, schema: dict[str, Any], required: bool) -> list[str]:
    """One field: the rendered line and what qualifies it against the spec's schema."""
    view, nullable = flatten(schema)
    problems = []

    def check(what: str, rendered: Any, spec: Any) -> None:
        if rendered != spec:
            shown = [sorted(v) if isinstance(v, set) else v for v in (rendered, spec)]
            problems.append(f"{ref.path}: {what}: reference {shown[0]!r}, spec {shown[1]!r}")

    check("required", ref.required, required)
    if ref.type == ONE_OF_TYPE:
        check("oneOf variants", 2, len(view.get("oneOf", ())))
        return problems
    json_type, ref_nullable, item_type = TYPES[ref.type]
    check("type", json_type, view.get("type"))
    check("null allowed", ref_nullable, nullable)
    if item_type is not None:
        check("items type", item_type, flatten(view.get("items", {}))[0].get("type"))
    check("format", "date-time" if ref.date_time else None, view.get("format"))
    check("pattern", RENDERED_PATTERN if ref.pattern else None, view.get("pattern"))
    check("minLength", 1 if ref.non_empty else None, view.get("minLength"))
    spec_enum = {v for v in view["enum"] if v is not None} if "enum" in view else None
    if ref.enum is not None and spec_enum is not None and ref.enum <= spec_enum:
        spec_enum = ref.enum  # values Hero added later are fine: none was lost
    check("enum", ref.enum, spec_enum)
    check("default", ref.default, view.get("default", NOT_RENDERED))
    if ref.description:  # rendered descriptions must be the spec's; unrendered not checked
        check("description", " ".join(ref.description), view.get("description"))
    if ref.example is not NOT_RENDERED:
        check("example", ref.example, view.get("example", NOT_RENDERED))
    return problems


def compare_fields(ref: dict[str, RefField], spec: dict[str, SpecField]) -> list[str]:
    problems = [f"{path}: rendered, missing from the spec" for path in ref if path not in spec]
    for path in ref:
        if path in spec:
            problems += compare_field(ref[path], *spec[path])
    return problems


def compare_body(where: str, ref: RefBody, content: dict[str, Any] | None) -> list[str]:
    """A request or response body: media type, "One of:", then its fields."""
    if not content or ref.media_type not in content:
        return [f"{where}: media type {ref.media_type}: rendered, missing from the spec"]
    schema, _ = flatten(content[ref.media_type]["schema"])
    problems = []
    if ref.one_of != ("oneOf" in schema):
        problems.append(f"{where}: 'One of:': reference {ref.one_of}, spec {'oneOf' in schema}")
    if "oneOf" in schema:
        schema = schema["oneOf"][0]  # the reference renders the first variant only
    return problems + [f"{where} {p}" for p in compare_fields(ref.fields, spec_fields(schema))]


def compare_operation(op: RefOperation) -> list[str]:
    spec_op = spec_operation(op)
    if spec_op is None:
        return [f"no operation {op.method.upper()} {op.path} in the spec"]
    problems = []
    for what, rendered, spec in [
        ("summary", op.heading, spec_op.get("summary")),
        ("description", op.description, spec_op.get("description")),
        ("tags", [op.tag], spec_op.get("tags")),
    ]:
        if rendered != spec:
            problems.append(f"{what}: reference {rendered!r}, spec {spec!r}")

    params = spec_parameters(op)
    for key in op.params.keys() - params.keys():
        problems.append(f"{key[0]} parameter {key[1]}: rendered, missing from the spec")
    for key in op.params.keys() & params.keys():
        param = params[key]
        for p in compare_field(op.params[key], param["schema"], param.get("required", False)):
            problems.append(f"{key[0]} parameter {p}")

    request = spec_op.get("requestBody")
    if op.request is None:
        pass  # a body Hero adds later is the spec-diff report's concern, not a loss
    elif request is None:
        problems.append("request body: rendered, missing from the spec")
    else:
        if op.request.required != request.get("required", False):
            problems.append(
                f"request body required: reference {op.request.required}, "
                f"spec {request.get('required', False)}"
            )
        problems += compare_body("request body", op.request, request.get("content"))

    responses = spec_op.get("responses", {})
    if "200" not in responses:
        problems.append(f"responses: reference renders 200 (Ok), spec has {list(responses)}")
    ok = responses.get("200", {})
    if ok.get("description") != "Ok":
        problems.append(f"200 description: reference 'Ok', spec {ok.get('description')!r}")
    if op.response is not None:
        problems += compare_body("200 response", op.response, ok.get("content"))
    return problems


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


def _operation_id(op: RefOperation) -> str:
    spec_op = spec_operation(op)
    return spec_op["operationId"] if spec_op else f"{op.heading} ({op.method} {op.path})"


def test_reference_parses_into_thirteen_patients_operations() -> None:
    assert len(OPERATIONS) == 13
    assert {op.tag for op in OPERATIONS} == {"Patients"}
    assert len({(op.method, op.path) for op in OPERATIONS}) == 13


@pytest.mark.parametrize("op", OPERATIONS, ids=_operation_id)
def test_operation_matches_reference(op: RefOperation) -> None:
    if problems := compare_operation(op):
        listed = "\n".join(f"  - {p}" for p in problems)
        pytest.fail(f"{op.heading} ({op.method.upper()} {op.path}):\n{listed}", pytrace=False)


def test_title_version_servers_and_tags_match_reference() -> None:
    # The version moves with Hero's releases; the servers and tags rendered must remain.
    assert SPEC["info"]["title"] == TITLE
    servers = {(s["description"], s["url"].rstrip("/")) for s in SPEC["servers"]}
    assert {(name, url.rstrip("/")) for name, url in SERVERS} <= servers
    assert set(TAGS) <= {tag["name"] for tag in SPEC["tags"]}


def _problems_with(spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(sys.modules[__name__], "SPEC", spec)
    return [p for op in OPERATIONS for p in compare_operation(op)]


def test_an_additive_release_loses_nothing_the_reference_renders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A release that only adds (tag, operations, field, enum value) passes these checks."""
    assert _problems_with(additive_release(), monkeypatch) == []


def test_a_lost_field_or_enum_value_is_still_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = copy.deepcopy(SPEC)
    del spec["components"]["schemas"]["Patient"]["properties"]["emis_id"]
    spec["components"]["schemas"]["Title"]["enum"].remove("Dr")
    problems = _problems_with(spec, monkeypatch)
    assert any("emis_id: rendered, missing from the spec" in p for p in problems)
    assert any("title: enum" in p for p in problems), problems
