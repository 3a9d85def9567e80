"""The SDK's types as a user gets them: from the built wheel, in a virtualenv of its own.

The wheel is built from this checkout and installed (not editable) with its `testing` extra
(herohealth.testing, FakeHero), the pinned mypy, pytest and pytest-asyncio in a fresh
virtualenv; `mypy --strict` then checks consumer_ok.py, which must pass, and
consumer_wrong.py, which must fail on exactly the lines marked `# E: <part of the message>`.
Installing needs the package index (the wheel's runtime and testing dependencies, mypy,
pytest and pytest-asyncio).

pyright (what VS Code's Pylance runs), pinned by package.json and installed by `npm ci`
(`make node-install`, `make test`), checks the same two modules against the same virtualenv
in strict mode: consumer_ok.py must pass, and consumer_wrong.py must fail on exactly the
marked lines (the `# E:` texts are mypy's; pyright words its messages otherwise). Without
Node or node_modules/.bin/pyright those tests skip, unless HERO_REQUIRE_PYRIGHT is set (CI
sets it in .ci/run), where they fail instead.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.typing.wheel_contents import missing_from_wheel

pytestmark = pytest.mark.consumer_typing

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CONSUMERS = ("consumer_ok.py", "consumer_wrong.py")
EXPECTED_ERROR = re.compile(r"#\s*E:\s*(?P<part>.+?)\s*$")  # matched in comments only
MYPY_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<severity>error|note): (?P<text>.*)$")
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
REQUIRE_PYRIGHT_ENV = "HERO_REQUIRE_PYRIGHT"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    checks: Path  # a folder outside the checkout holding copies of the consumer modules


@dataclass(frozen=True)
class MypyRun:
    returncode: int
    output: str
    # Error messages (with their [code]) by file name and line number.
    errors: dict[str, dict[int, list[str]]]


@dataclass(frozen=True)
class PyrightRun:
    returncode: int
    version: str
    output: str
    # The rule of each error or warning (pyright's `report...` name) by file name and line.
    errors: dict[str, dict[int, list[str]]]


def run(
    *command: str | Path, cwd: Path = ROOT, check: bool = True
) -> subprocess.CompletedProcess[str]:
    # Nothing of the checkout may leak in: no PYTHONPATH, no MYPYPATH.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "MYPYPATH"}}
    done = subprocess.run(  # noqa: S603 - our own interpreters, fixed arguments
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert not check or done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


def pinned(name: str) -> str:
    """A development tool as pyproject.toml pins it (`mypy==...`), so users and CI see one
    version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dev: list[str] = project["optional-dependencies"]["dev"]
    (pin,) = [requirement for requirement in dev if requirement.startswith(f"{name}==")]
    return pin


def pinned_pyright() -> str:
    """pyright's version as package.json pins it (package-lock.json locks the same)."""
    dev: dict[str, str] = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    return dev["pyright"]


def missing_pyright() -> str | None:
    """Why pyright cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (`node` is not on the PATH)"
    if not PYRIGHT.exists():
        return f"{PYRIGHT.relative_to(ROOT)} is missing (run `make node-install`)"
    return None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("consumer")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", work / "dist", ROOT)
    (wheel,) = (work / "dist").glob("*.whl")
    venv = work / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    # This interpreter's pip installs into the new environment: no pip bootstrapped there.
    pip = (sys.executable, "-m", "pip", "--python", python, "--disable-pip-version-check")
    # With the `testing` extra, as a user's test suite installs it: the consumers use
    # herohealth.testing (FakeHero), and pytest with pytest-asyncio, which the
    # herohealth.testing.fixtures plugin imports, as a user's tests have them.
    requirements = (f"{wheel}[testing]", *map(pinned, ("mypy", "pytest", "pytest-asyncio")))
    # No bytecode compiled at install: the checkers read sources (it keeps the install
    # quicker than it was without the extra).
    run(*pip, "install", "--quiet", "--no-compile", *requirements)
    checks = work / "checks"
    checks.mkdir()
    for name in CONSUMERS:
        shutil.copy(HERE / name, checks / name)
    # An explicit empty configuration: no mypy settings of the checkout or the user apply.
    (checks / "mypy.ini").write_text("[mypy]\n")
    # pyright's, with its strictest checks on (`--pythonpath` names the environment).
    (checks / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}\n')
    return Installed(wheel=wheel, python=python, checks=checks)


@pytest.fixture(scope="module")
def mypy(installed: Installed) -> MypyRun:
    # One run for both modules: they share the analysis of herohealth and its dependencies.
    done = run(
        *(installed.python, "-m", "mypy", "--strict", "--config-file", "mypy.ini"),
        *("--no-error-summary", "--hide-error-context", "--no-pretty", *CONSUMERS),
        cwd=installed.checks,
        check=False,
    )
    output = done.stdout + done.stderr
    errors: dict[str, dict[int, list[str]]] = {name: {} for name in CONSUMERS}
    for line in output.splitlines():
        found = MYPY_LINE.match(line)
        if found and found["severity"] == "error":
            by_line = errors.setdefault(found["file"], {})
            by_line.setdefault(int(found["line"]), []).append(found["text"])
    return MypyRun(done.returncode, output, errors)


@pytest.fixture(scope="module")
def pyright(request: pytest.FixtureRequest) -> PyrightRun:
    missing = missing_pyright()
    if missing is not None:
        if os.environ.get(REQUIRE_PYRIGHT_ENV, "") not in ("", "0"):
            message = f"{REQUIRE_PYRIGHT_ENV} is set but pyright cannot run: {missing}"
            pytest.fail(message, pytrace=False)
        pytest.skip(f"pyright needs Node.js and the pinned pyright: {missing}")
    # Only now: a skip builds no wheel.
    installed: Installed = request.getfixturevalue("installed")
    # The virtualenv's interpreter: its site-packages (the wheel) and its Python version.
    done = run(
        *(PYRIGHT, "--outputjson", "--pythonpath", installed.python, *CONSUMERS),
        cwd=installed.checks,
        check=False,
    )
    output = done.stdout + done.stderr
    try:
        report = json.loads(done.stdout)
    except ValueError:
        pytest.fail(f"pyright wrote no JSON report (exit {done.returncode}):\n{output}")
    errors: dict[str, dict[int, list[str]]] = {name: {} for name in CONSUMERS}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] in ("error", "warning"):
            where = Path(diagnostic["file"])
            name = where.name if where.parent == installed.checks else str(where)
            line = diagnostic["range"]["start"]["line"] + 1  # pyright counts from 0
            rule = diagnostic.get("rule", diagnostic["severity"])
            errors.setdefault(name, {}).setdefault(line, []).append(rule)
    return PyrightRun(done.returncode, report["version"], output, errors)


def expected_errors(name: str) -> dict[int, str]:
    """The `# E: <part>` comments of a module, by line (a docstring quoting one is no mark)."""
    with tokenize.open(HERE / name) as source:
        return {
            token.start[0]: found["part"]
            for token in tokenize.generate_tokens(source.readline)
            if token.type == tokenize.COMMENT and (found := EXPECTED_ERROR.match(token.string))
        }


def test_wheel_ships_markers_spec_and_license(installed: Installed) -> None:
    assert missing_from_wheel(installed.wheel) == []


def test_the_wheel_is_what_is_checked(installed: Installed) -> None:
    where = run(
        installed.python,
        "-c",
        # herohealth.testing.fixtures: the testing extra is there, and pytest's plugin loads.
        "import herohealth, herohealth_openapi, herohealth.testing.fixtures as fixtures; "
        "print(herohealth.__file__); print(herohealth_openapi.__file__); print(fixtures.__file__)",
        cwd=installed.checks,
    ).stdout
    site_packages = installed.python.parents[1] / "lib"
    for module_file in where.split():
        assert Path(module_file).is_relative_to(site_packages), where
        assert "site-packages" in Path(module_file).parts, where


def test_mypy_finished_with_errors_in_the_consumers_only(mypy: MypyRun) -> None:
    # 1: errors found (consumer_wrong.py has them); 2 would be a crash or a bad option.
    assert mypy.returncode == 1, mypy.output
    # None in the installed packages or elsewhere.
    assert set(mypy.errors) == set(CONSUMERS), mypy.output


def test_correct_consumer_type_checks(mypy: MypyRun) -> None:
    assert mypy.errors["consumer_ok.py"] == {}, mypy.output


def test_each_mistake_is_reported_where_marked_and_nowhere_else(mypy: MypyRun) -> None:
    expected = expected_errors("consumer_wrong.py")
    reported = mypy.errors["consumer_wrong.py"]
    assert len(expected) >= 10
    assert sorted(reported) == sorted(expected), mypy.output
    for number, part in expected.items():
        assert any(part in message for message in reported[number]), (number, part, mypy.output)


def test_pyright_is_the_pinned_one_and_finished_with_errors_in_the_consumers_only(
    pyright: PyrightRun,
) -> None:
    assert pyright.version == pinned_pyright(), "run `make node-install`"
    # 1: errors found (consumer_wrong.py has them); 2 and more: a crash or a bad configuration.
    assert pyright.returncode == 1, pyright.output
    assert set(pyright.errors) == set(CONSUMERS), pyright.output


def test_correct_consumer_type_checks_under_pyright(pyright: PyrightRun) -> None:
    # Names only mypy resolved (a model re-exported by `from ... import *` without `__all__`
    # naming it is private to pyright) and types pyright cannot infer fail here.
    assert pyright.errors["consumer_ok.py"] == {}, pyright.output


def test_pyright_reports_each_mistake_where_marked_and_nowhere_else(pyright: PyrightRun) -> None:
    expected = expected_errors("consumer_wrong.py")
    reported = pyright.errors["consumer_wrong.py"]
    assert sorted(reported) == sorted(expected), pyright.output
    # Each line for the mistake itself, not only for what it leaves unknown (an attribute
    # that does not exist is also of unknown type: reportUnknownMemberType beside it).
    for number, rules in reported.items():
        assert any(not rule.startswith("reportUnknown") for rule in rules), (number, rules)


def test_a_wheel_missing_a_marker_or_the_license_is_caught(tmp_path: Path) -> None:
    wheel = tmp_path / "herohealth_sdk-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("herohealth/py.typed", "")
        archive.writestr("herohealth_openapi/openapi.yaml", "")
    assert missing_from_wheel(wheel) == [
        "herohealth_openapi/py.typed",
        ".dist-info/licenses/LICENSE",
    ]
