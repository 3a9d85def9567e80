"""Import time: `import herohealth` against `import httpx`, and with ten times the operations.

Each import runs in a fresh interpreter of a clean virtualenv, bench/.venv-import, holding
only the SDK's runtime dependencies (`pip install -e .` without extras): the dev venv has
click and rich (openapi-python-client's), which httpx imports when they are there, and they
would inflate both sides. The figure is the import statement itself (time.perf_counter around
it, interpreter start-up excluded), rounds interleaved, bytecode cached by the warm-up round.
The venv is made on first use and remade when pyproject.toml changes (a stamp holds its hash).

"Flat": openapi.yaml with its operations copied under COPIES new tags (new paths
/v1/copyN/... and /v2/copyN/..., operationIds suffixed _copyN: ten times the operations)
is generated into a temporary directory with tools/generate.py, and so is openapi.yaml as
it is, beside it; `import herohealth` is timed with each generated package first on
PYTHONPATH, and the figure is the first over the second (same generator, same place: only
the number of operations differs).

    python -m bench.imports    figures as JSON
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import harness
from bench.harness import Figure

ROOT = Path(__file__).resolve().parents[1]
CLEAN_VENV = ROOT / "bench" / ".venv-import"
STAMP = ".pyproject-sha256"
ROUNDS = 25  # cheap (a fresh interpreter each), and noisy on a shared machine: many
COPIES = 9  # the operations, and 9 copies of them: ten times as many
# Imported by httpx when installed; not runtime dependencies of the SDK.
NOT_DEPENDENCIES = ("click", "rich", "pydantic", "yaml", "openapi_python_client")

_TIMING = """\
import json, sys, time
cpu_started, started = time.process_time(), time.perf_counter()
import {module}
seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
operations = None
if "herohealth_openapi.resources" in sys.modules:
    operations = len(sys.modules["herohealth_openapi.resources"].OPERATIONS)
json.dump({{"seconds": seconds, "cpu_seconds": cpu_seconds, "operations": operations,
    "loaded": sorted(name for name in {not_dependencies} if name in sys.modules)}}, sys.stdout)
"""


def clean_venv(directory: Path = CLEAN_VENV) -> Path:
    """The clean venv's python, made (or remade, when pyproject.toml changed) first."""
    python = directory / "bin" / "python"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = directory / STAMP
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return python
    harness.progress(f"imports: making {directory.relative_to(ROOT)} (once per pyproject.toml)")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(directory)], check=True)  # noqa: S603
    (directory / ".gitignore").write_text("*\n")
    subprocess.run(  # noqa: S603 - the venv's pip, this checkout, no extras
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", str(ROOT)],
        check=True,
    )  # fmt: skip
    stamp.write_text(digest + "\n")
    return python


def multiplied_spec(copies: int = COPIES) -> dict[str, Any]:
    """openapi.yaml with every operation copied `copies` times, each copy under a tag of its own."""
    import yaml

    spec: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    original = copy.deepcopy(spec["paths"])
    for n in range(1, copies + 1):
        tag = f"Patients Copy {n}"
        spec["tags"].append({"name": tag})
        for path, item in original.items():
            copied = copy.deepcopy(item)
            for method, operation in copied.items():
                if method in HTTP_METHODS:
                    if "operationId" in operation:  # one without is named from its path
                        operation["operationId"] += f"_copy{n}"
                    operation["tags"] = [tag]
            version, rest = path.removeprefix("/").split("/", 1)  # /v1/patients/{id}
            spec["paths"][f"/{version}/copy{n}/{rest}"] = copied
    return spec


HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def operation_count(spec: dict[str, Any]) -> int:
    # A path item's other keys (`parameters`, `summary`) are not operations; an operation
    # need not have an operationId.
    return sum(1 for item in spec["paths"].values() for key in item if key in HTTP_METHODS)


def generate(specs: dict[Path, dict[str, Any]]) -> None:
    """Each spec generated as `directory`/herohealth_openapi (what `make generate` runs),
    side by side in processes of their own."""
    import yaml

    generators = []
    for directory, spec in specs.items():
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "openapi.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
        command = [
            sys.executable, str(ROOT / "tools" / "generate.py"), "--spec", str(path),
            "--sdk", str(ROOT / "sdk.yaml"), "--out", str(directory / "herohealth_openapi"),
        ]  # fmt: skip
        # Our own generator, fixed arguments.
        generators.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))  # noqa: S603
    failed = [generator.args for generator in generators if generator.wait() != 0]
    if failed:
        raise RuntimeError(f"generation failed: {failed}")


def time_import(python: Path, module: str, pythonpath: Path | None = None) -> dict[str, Any]:
    """One `import module` in a fresh interpreter: seconds, operations, non-dependencies loaded."""
    # Only PATH: no PYTHONDONTWRITEBYTECODE (the warm-up round writes bytecode, as an
    # installed package has it) and no PYTHONPATH but the one given.
    env = {"PATH": os.environ.get("PATH", "")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    code = _TIMING.format(module=module, not_dependencies=NOT_DEPENDENCIES)
    result = subprocess.run(  # noqa: S603 - a venv's python, our own script
        [str(python), "-c", code], env=env, cwd=tempfile.gettempdir(), stdout=subprocess.PIPE,
        text=True, check=True,
    )  # fmt: skip
    measured: dict[str, Any] = json.loads(result.stdout)
    return measured


def run(rounds: int = ROUNDS, copies: int = COPIES, python: Path | None = None) -> list[Figure]:
    """Both figures. `python`: the interpreter to time (default: the clean venv's)."""
    python = python or clean_venv()
    directory = Path(tempfile.mkdtemp(prefix="herohealth-bench-imports-"))
    try:
        # Both generated the same way into the same place: only the operations differ.
        packages = {"regenerated": directory / "as-is", "multiplied": directory / "multiplied"}
        specs = {
            packages["regenerated"]: multiplied_spec(0),
            packages["multiplied"]: multiplied_spec(copies),
        }
        counts = " and ".join(str(operation_count(spec)) for spec in specs.values())
        harness.progress(f"imports: generating {counts} operations")
        generate(specs)
        targets: dict[str, tuple[str, Path | None]] = {
            "httpx": ("httpx", None),
            "herohealth": ("herohealth", None),
            **{name: ("herohealth", package) for name, package in packages.items()},
        }
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}

        def contender(name: str) -> harness.Contender:
            module, pythonpath = targets[name]

            def measure() -> float:
                result = time_import(python, module, pythonpath)
                runs[name].append(result)
                return float(result["seconds"]) * 1000

            return measure

        # Each figure's two contenders take turns on their own, so the two imports a ratio
        # divides always run one right after the other.
        ms: dict[str, list[float]] = {}
        for pair in (("herohealth", "httpx"), ("multiplied", "regenerated")):
            harness.progress(f"imports: {rounds} rounds of {' / '.join(pair)}")
            ms.update(harness.interleave({name: contender(name) for name in pair}, rounds))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    loaded = sorted({name for results in runs.values() for r in results for name in r["loaded"]})
    clean = f"not installed, not imported: {', '.join(NOT_DEPENDENCIES)}" if not loaded else (
        f"NOT CLEAN, imported: {', '.join(loaded)}"
    )  # fmt: skip
    operations = {name: runs[name][-1]["operations"] for name in ("regenerated", "multiplied")}

    def cpu_note(name: str, baseline: str) -> str:
        # The warm-up round (first) is left out, as it is from the figure.
        cpu = {n: [r["cpu_seconds"] * 1000 for r in runs[n][-rounds:]] for n in (name, baseline)}
        ratio = statistics.median(harness.ratios(cpu[name], cpu[baseline]))
        return (
            f"CPU time: {statistics.median(cpu[name]):.1f} ms vs "
            f"{statistics.median(cpu[baseline]):.1f} ms ({ratio:.2f}x)"
        )

    return [
        harness.ratio_figure(
            "import herohealth vs import httpx (fresh interpreter, clean venv)",
            ms["herohealth"],
            ms["httpx"],
            at_most=1.3,
            unit="ms",
            labels=("herohealth", "httpx"),
            ok=not loaded,
            note=f"{cpu_note('herohealth', 'httpx')}; {clean}",
        ),
        harness.ratio_figure(
            f"import herohealth, {operations['multiplied']} operations vs "
            f"{operations['regenerated']} (flat)",
            ms["multiplied"],
            ms["regenerated"],
            at_most=1.1,
            unit="ms",
            labels=(f"{operations['multiplied']} ops", f"{operations['regenerated']} ops"),
            ok=operations["multiplied"] == (copies + 1) * operations["regenerated"],
            note=cpu_note("multiplied", "regenerated"),
        ),
    ]


if __name__ == "__main__":
    harness.print_figures(run())
