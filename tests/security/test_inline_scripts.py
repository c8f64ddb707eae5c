"""No template may carry inline script: the Content-Security-Policy (script-src 'self') would block it in the
browser, so it would silently not run. Scripts go in static/js/*.js and take their data from data-* attributes."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
MAIL = TEMPLATES / "mail"  # mail bodies are not served as pages; mail clients strip scripts anyway


def page_templates():
    return sorted(path for path in TEMPLATES.rglob("*.html") if not path.is_relative_to(MAIL))


def inline_script_problems(text: str) -> list[str]:
    problems = [f"inline <script{m['attrs']}>" for m in SCRIPT_TAG.finditer(text) if "src=" not in m["attrs"]]
    problems += [f"event handler attribute in {m.group(0)[:60]!r}" for m in EVENT_HANDLER.finditer(text)]
    problems += [f"javascript: URL {m.group(0)!r}" for m in JS_URL.finditer(text)]
    return problems


def test_the_scan_finds_what_it_looks_for():
    assert len(inline_script_problems('<script>alert(1)</script><p class="x" onclick="go()">')) == 2
    assert inline_script_problems('<a href="javascript:void(0)">') != []
    assert inline_script_problems('<script src="{{ url_for(\'static\', filename=\'js/a.js\') }}" defer></script>'
                                  '<button data-on="x" aria-controls="y">') == []


def test_no_template_has_inline_scripts():
    found = {
        str(path.relative_to(TEMPLATES)): problems
        for path in page_templates()
        if (problems := inline_script_problems(path.read_text(encoding="utf-8")))
    }
    assert not found, f"move these into static/js/*.js: {found}"


def test_bootstrap_assets_are_served_by_the_app(client):
    page = client.get("/login").get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert sources and all(source.startswith("/") and not source.startswith("//") for source in sources)
    for source in sources:
        assert client.get(source).status_code == 200, source
