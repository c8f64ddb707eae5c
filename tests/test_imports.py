"""Every module of meetapp imports on its own, whatever was imported before it.

The app imports its areas in one fixed order, so an import cycle (policy → auth.models → auth package → views →
policy) can hide there and only break a script, a shell or a test that happens to import a module first.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# In a fresh interpreter, for each module: forget every meetapp module imported so far, then import this one first.
CHECK = """
import importlib, sys, traceback
failures = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "meetapp" or m.startswith("meetapp.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failures.append(name + ": " + traceback.format_exc(limit=-3))
print("\\n".join(failures))
sys.exit(1 if failures else 0)
"""


def meetapp_modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "meetapp").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_first_in_a_fresh_interpreter():
    modules = meetapp_modules()
    assert {"meetapp.policy", "meetapp.auth", "meetapp.directory.models", "meetapp.participants"} <= set(modules)
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *modules], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_area_package_does_not_load_its_views_until_its_blueprint_is_asked_for():
    code = (
        "import sys, meetapp.directory, meetapp.participants\n"
        "assert 'meetapp.directory.views' not in sys.modules\n"
        "assert meetapp.participants.rsvp_bp.name == 'rsvp'\n"
        "assert 'meetapp.participants.rsvp_views' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
