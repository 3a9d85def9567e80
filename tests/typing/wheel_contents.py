"""The files a built wheel and sdist must carry, for `make wheel-check` and the typing tests.

    python -m tests.typing.wheel_contents DIST_DIR

checks the one wheel and the one sdist in DIST_DIR and exits 1 naming each missing file.
"""

import sys
import tarfile
import zipfile
from pathlib import Path

# py.typed marks both packages as typed (PEP 561); herohealth.testing.FakeHero reads the
# packaged openapi.yaml at run time; the license travels in the wheel's dist-info.
WHEEL_FILES = (
    "herohealth/py.typed",
    "herohealth_openapi/py.typed",
    "herohealth_openapi/openapi.yaml",
    ".dist-info/licenses/LICENSE",
)
# Enough to rebuild the wheel and read the project: paths below the sdist's top folder.
SDIST_FILES = (
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "pyproject.toml",
    "openapi.yaml",
    "src/herohealth/py.typed",
    "generated/herohealth_openapi/py.typed",
    "generated/herohealth_openapi/openapi.yaml",
)


def missing_from_wheel(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return [want for want in WHEEL_FILES if not any(name.endswith(want) for name in names)]


def missing_from_sdist(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        names = {name.partition("/")[2] for name in archive.getnames()}
    return [want for want in SDIST_FILES if want not in names]


def main(dist: Path) -> int:
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"wheel-check: expected one wheel and one sdist in {dist}, found {wheels + sdists}")
        return 1
    problems = [f"{wheels[0].name}: {name} missing" for name in missing_from_wheel(wheels[0])]
    problems += [f"{sdists[0].name}: {name} missing" for name in missing_from_sdist(sdists[0])]
    for problem in problems:
        print(f"wheel-check: {problem}")
    if not problems:
        print(f"wheel-check: {wheels[0].name} and {sdists[0].name} carry every file listed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
