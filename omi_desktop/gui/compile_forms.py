"""Compile ui/*.ui into omi_desktop/gui/forms/ui_*.py with pyside6-uic (STYLE.md 10).

    python -m omi_desktop.gui.compile_forms          regenerate every form
    python -m omi_desktop.gui.compile_forms --check  exit 1 if a committed form differs from its .ui

The generated files are committed (a frozen build cannot run uic); CI runs ``--check``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UI_DIR = REPO / "ui"
FORMS_DIR = Path(__file__).resolve().parent / "forms"
HEADER = "# generated — do not edit: compiled from ui/{name} by `python -m omi_desktop.gui.compile_forms`\n"


def _uic() -> str:
    beside = Path(sys.executable).parent / "pyside6-uic"
    found = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found (install PySide6 in this environment)")
    return found


def compile_form(ui_file: Path) -> str:
    """The Python source for one .ui file."""
    result = subprocess.run(
        [_uic(), "--generator", "python", str(ui_file)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"pyside6-uic failed on {ui_file.name}: {result.stderr.strip()}")
    return HEADER.format(name=ui_file.name) + result.stdout


def target(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed form is not current")
    args = parser.parse_args(argv)
    stale = []
    expected = set()
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        source = compile_form(ui_file)
        path = target(ui_file)
        expected.add(path.name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == source:
            continue
        if args.check:
            stale.append(path.name)
        else:
            path.write_text(source, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")
    orphans = sorted(p.name for p in FORMS_DIR.glob("ui_*.py") if p.name not in expected)
    if args.check and (stale or orphans):
        for name in stale:
            print(f"out of date: omi_desktop/gui/forms/{name}", file=sys.stderr)
        for name in orphans:
            print(f"no ui/ file for: omi_desktop/gui/forms/{name}", file=sys.stderr)
        return 1
    for name in orphans if not args.check else ():
        (FORMS_DIR / name).unlink()
        print(f"removed omi_desktop/gui/forms/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
