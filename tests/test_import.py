"""What `import herohealth` loads: what `import httpx` loads, and the SDK's light modules.

The request loop, the resources, the models and the libraries they need load on first use
(the first client, the first call). Import time is measured by hand, as a ratio to
`import httpx` (README); these tests check the mechanism, in a fresh interpreter each, so
that a module-level import cannot bring the cost back unnoticed.
"""

from __future__ import annotations

import subprocess
import sys

import herohealth

# Loaded on first use, never by `import herohealth`: with the first client (the request
# loop: asyncio, attrs), the first resource, or the first call (models, dateutil,
# jsonschema, the NHS number check).
FIRST_USE = (
    "asyncio",
    "attr",
    "attrs",
    "dateutil",
    "nhs_number",
    "jsonschema",
    "herohealth._request",
    "herohealth._response",
    "herohealth.merge",
    "herohealth.pagination",
    "herohealth.resources",
    "herohealth.testing",
    "herohealth_openapi.api",
    "herohealth_openapi.client",
    "herohealth_openapi.models",
    "herohealth_openapi.resources._runtime",
    "herohealth_openapi.resources.patients",
    "herohealth_openapi.types",
)


def modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def first_use(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == lazy or m.startswith(lazy + ".") for lazy in FIRST_USE)}


def test_import_loads_nothing_beyond_httpx_but_the_sdks_own_light_modules() -> None:
    beyond = modules_after("import herohealth") - modules_after("import httpx")
    own = {m for m in beyond if m.split(".")[0] in {"herohealth", "herohealth_openapi"}}
    # Modules compiled into the interpreter (gc) cost nothing to import: no file is read.
    assert beyond - own - set(sys.builtin_module_names) == set()
    assert first_use(own) == set()


def test_the_first_client_loads_the_request_loop_and_a_resource_its_module() -> None:
    code = (
        "import herohealth\n"
        "hero = herohealth.HeroHealth(api_key='k', practice_group_id='p', base_url='https://h.test')"
    )
    with_client = modules_after(code)
    with_resource = modules_after(f"{code}\nhero.patients")
    assert {"asyncio", "attrs", "herohealth._request"} <= with_client
    assert "herohealth_openapi.resources.patients" in with_resource - with_client
    # No model, no schema check yet: they load with the first call that needs them.
    for modules in (with_client, with_resource):
        assert not any(m.startswith(("herohealth_openapi.models", "jsonschema")) for m in modules)


def test_every_public_name_is_there_and_loads_on_first_use() -> None:
    code = (
        "import herohealth\n"
        "names = {n: getattr(herohealth, n) for n in herohealth.__all__}\n"
        "from herohealth.pagination import Page\n"
        "from herohealth.merge import MergePreview\n"
        "from herohealth._generated import UNSET\n"
        "assert names['Page'] is Page and names['MergePreview'] is MergePreview\n"
        "assert names['UNSET'] is UNSET and herohealth.Patient.__name__ == 'Patient'\n"
    )
    assert "herohealth.pagination" in modules_after(code)
    assert set(herohealth.__all__) <= set(dir(herohealth))
