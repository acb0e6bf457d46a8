"""The suite runs from a clone anywhere: no file in the repository names a path of this machine.

Code and tests reach their files relative to the repository (``resources/caps``), the user's data
directory (platformdirs) or a temporary directory, never through where this clone happens to live.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Absolute paths that only exist on some machine: the clone's own location and its parents, the
# home directory, and the workspace this project was first built in.
_MACHINE_ROOTS = ("/work/", "/home/", "/root/", "/Users/", "C:\\Users\\")


def _forbidden() -> list[str]:
    here = [str(ROOT), str(ROOT.parent), str(Path.home())]
    return sorted({*_MACHINE_ROOTS, *(p + "/" for p in here if p not in ("/", ""))})


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode().split("\0") if n]
    else:  # a source tarball without .git
        names = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    code = (".py", ".sh", ".toml", ".ini", ".cfg", ".spec", ".json", ".yml", ".yaml", ".service", ".md")
    return [ROOT / n for n in names if n.endswith(code)]


def _offences(paths: list[Path], forbidden: list[str]) -> list[str]:
    pattern = re.compile("|".join(re.escape(f) for f in forbidden))
    found = []
    for path in paths:
        if path.resolve() == Path(__file__).resolve() or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pattern.search(line):
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                found.append(f"{shown}:{number}: {line.strip()[:100]}")
    return found


def test_no_file_names_a_path_of_this_machine() -> None:
    assert _offences(_tracked_text_files(), _forbidden()) == []


def test_the_check_sees_an_absolute_path(tmp_path: Path) -> None:
    """Or the test above passes vacuously."""
    bad = tmp_path / "bad.py"
    bad.write_text('CAPS = "/work/shared/caps"\n')
    good = tmp_path / "good.py"
    good.write_text('CAPS = ROOT / "resources" / "caps"\n')
    assert len(_offences([bad, good], ["/work/"])) == 1
