"""A non-editable install carries every sub-package, and its `lipmetrics` command runs.

The editable install of the development checkout finds modules through the source tree, so a
sub-package that ``pyproject.toml`` leaves out would only show up on a real install: this test
makes one with pip into a folder and runs the command from it, away from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .databases import new_target, shown

SOURCE_FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "lipmetrics").rglob("*.py")
    if "__pycache__" not in p.parts
)
PACKAGES = sorted(
    ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "lipmetrics").rglob("__init__.py")
)


def install(tmp_path: Path) -> Path:
    """``pip install --no-deps --target`` a copy of the project (pip builds in the source folder,
    so a copy keeps ``build/`` out of the checkout); return the target folder."""
    source, target = tmp_path / "source", tmp_path / "site"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "lipmetrics", source / "lipmetrics", ignore=ignore)
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target"]
    result = subprocess.run(
        [*command, str(target), str(source)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_a_non_editable_install_finds_every_sub_package(tmp_path: Path) -> None:
    target = install(tmp_path)
    installed = sorted(
        p.relative_to(target).as_posix()
        for p in (target / "lipmetrics").rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert installed == SOURCE_FILES
    assert len(PACKAGES) > 8 and "lipmetrics.cli" in PACKAGES

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIPMETRICS_")}
    env["PYTHONPATH"] = str(target)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, *args], cwd=elsewhere, env=env, stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    found = run(
        "-c",
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    print(importlib.import_module(name).__file__)",
        *PACKAGES,
    )
    assert found.returncode == 0, found.stderr
    files = found.stdout.splitlines()
    assert len(files) == len(PACKAGES)
    assert all(file.startswith(str(target)) for file in files), files

    usage = run("-m", "lipmetrics.cli", "--help")
    assert usage.returncode == 0, usage.stderr
    assert "import-plan" in usage.stdout and "withdraw" in usage.stdout

    database = new_target(tmp_path, "fresh")
    ready = run("-m", "lipmetrics.cli", "init", "--db", database)
    assert ready.returncode == 0, ready.stderr
    assert ready.stdout.startswith(f"Database ready: {shown(database)} ")
    # The console script pip wrote calls the entry point lipmetrics.cli:main.
    listed = run(str(target / "bin" / "lipmetrics"), "plans", "--format", "csv", "--db", database)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == "name,start_year,end_year,years,top_level_name,pillars,projects\n"
