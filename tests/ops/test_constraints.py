"""constraints.txt (the full pinned tree ``make install`` uses) agrees with every pin in requirements*.txt:
a pin changed or added without ``make constraints`` fails here instead of in someone's install."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[re.sub(r"[-_.]+", "-", re.sub(r"\[.*\]", "", name)).lower()] = version.strip()
    return found


def test_every_requirement_is_pinned_alike_in_the_constraints():
    constraints = pins(ROOT / "constraints.txt")
    wanted = {**pins(ROOT / "requirements.txt"), **pins(ROOT / "requirements-dev.txt")}
    differ = {name: (version, constraints.get(name)) for name, version in wanted.items()
              if constraints.get(name) != version}
    assert not differ, f"run `make constraints` (requirement, constraint): {differ}"
