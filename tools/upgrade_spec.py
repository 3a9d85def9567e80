"""Hero's description as OpenAPI 3.1, in whichever version Hero published it.

`make download`, `make update-spec` and `make spec-diff` run this on what they fetch or are
given. Everything past the generator reads schemas as JSON Schema 2020-12, which is OpenAPI
3.1's dialect: the argument rules tools/generate.py writes into each `Param`, FakeHero's
request and answer checks, and tools/spec_diff.py. An OpenAPI 3.0 description says two
things otherwise, and would be misread (a null refused where Hero allows it, a boolean
`exclusiveMinimum` taken for a bound), so they are rewritten as 3.1 says them:

- `nullable: true`: null joins the types (`type: [string, "null"]`, and an enum's values);
  on a schema without `type` (a `$ref`, or `allOf: [$ref]`, 3.0's nullable reference) it
  becomes `anyOf: [<the schema>, {type: "null"}]`, as openapi.yaml writes a nullable enum.
- `exclusiveMinimum: true` beside `minimum: n` is `exclusiveMinimum: n` (likewise maximum).

Nothing else differs for what the SDK reads. A 3.1 description is left byte for byte as it
is; a 3.0 one is written back as YAML with `openapi: 3.1.0`.

    python tools/upgrade_spec.py FILE   # FILE rewritten in place when it is OpenAPI 3.0
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

# What describes a schema rather than constrains it: it stays on the outside when a
# nullable schema is wrapped in `anyOf`, where readers (and the generator) look for it.
_ANNOTATIONS = ("title", "description", "default", "example", "examples", "deprecated",
                "readOnly", "writeOnly", "externalDocs", "xml")  # fmt: skip


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """`document` as OpenAPI 3.1 (changed in place; a 3.1 document is returned as it is)."""
    if not str(document.get("openapi", "")).startswith("3.0"):
        return document
    _walk(document)
    document["openapi"] = "3.1.0"
    return document


def _walk(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item)
    elif isinstance(node, dict):
        for value in node.values():
            _walk(value)
        # Only Schema Objects have these keys in OpenAPI 3.0.
        if (
            "nullable" in node
            or isinstance(node.get("exclusiveMinimum"), bool)
            or isinstance(node.get("exclusiveMaximum"), bool)
        ):
            _schema(node)


def _schema(schema: dict[str, Any]) -> None:
    for bound in ("minimum", "maximum"):
        exclusive = f"exclusive{bound.capitalize()}"
        # 3.0: a flag on `minimum`; 3.1: the bound itself.
        if isinstance(schema.get(exclusive), bool) and schema.pop(exclusive) and bound in schema:
            schema[exclusive] = schema.pop(bound)
    if schema.pop("nullable", False) is not True:
        return
    declared = schema.get("type")
    if isinstance(declared, str):
        schema["type"] = [declared, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return
    inner = {key: value for key, value in schema.items() if key not in _ANNOTATIONS}
    outer = {key: value for key, value in schema.items() if key in _ANNOTATIONS}
    if list(inner) == ["allOf"] and len(inner["allOf"]) == 1:
        inner = inner["allOf"][0]  # 3.0's way to put `nullable` beside a $ref
    schema.clear()
    schema.update(anyOf=[inner, {"type": "null"}], **outer)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    path = Path(arguments[0])
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        print(f"upgrade_spec: cannot read {path}: {error}", file=sys.stderr)
        return 2
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        print(f"upgrade_spec: {path} is not an OpenAPI 3 description", file=sys.stderr)
        return 2
    version = str(document["openapi"])
    if version.startswith("3.0"):
        text = yaml.safe_dump(upgrade(document), sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        print(f"upgrade_spec: {path} rewritten from OpenAPI {version} as 3.1.0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
