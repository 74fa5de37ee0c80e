"""assets/app.scss compiles only the GOV.UK Frontend components the pages use: every one they
do use must be there, or its markup would show unstyled."""

import re
from pathlib import Path

import govuk_frontend_jinja
import govuk_frontend_wtf
from govuk_frontend_wtf import wtforms_widgets

ROOT = Path(__file__).resolve().parents[2]
JINJA_COMPONENTS = Path(govuk_frontend_jinja.__file__).parent / "templates" / "components"
WTF_TEMPLATES = Path(govuk_frontend_wtf.__file__).parent / "templates"
ALL_COMPONENTS = sorted(path.name for path in JINJA_COMPONENTS.iterdir() if path.is_dir())
MACRO = re.compile(r"govuk_frontend_jinja/components/([a-z-]+)/macro\.html")


def compiled() -> set[str]:
    scss = (ROOT / "assets" / "app.scss").read_text()
    return set(re.findall(r'@use "govuk-frontend/dist/govuk/components/([a-z-]+)";', scss))


def with_what_they_render(names: set[str]) -> set[str]:
    """The components, and the ones their GOV.UK templates render in turn (radios: fieldset...)."""
    found, waiting = set(), list(names)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        for template in (JINJA_COMPONENTS / name).glob("*.html"):
            waiting += MACRO.findall(template.read_text())
    return found


def used_by_templates() -> set[str]:
    used = set()
    classes = re.compile(r"govuk-(" + "|".join(ALL_COMPONENTS) + r")(?:__|--|\b(?!-))")
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        used |= set(MACRO.findall(text)) | set(classes.findall(text))
    return used


def used_by_form_widgets() -> set[str]:
    python = "\n".join(path.read_text() for path in (ROOT / "leder_web").rglob("*.py"))
    used = set()
    for name in set(re.findall(r"\b(Gov[A-Z]\w+)\b", python)):
        template = getattr(getattr(wtforms_widgets, name, None), "template", None)
        if template:
            used |= set(MACRO.findall((WTF_TEMPLATES / Path(template).name).read_text()))
    return used


def test_every_component_a_page_uses_is_compiled():
    # The GOV.UK page template renders the skip link; its header block is the service's own.
    used = with_what_they_render(used_by_templates() | used_by_form_widgets() | {"skip-link"})
    missing = used - compiled()
    assert not missing, f"add these to assets/app.scss and run make assets: {sorted(missing)}"


def test_components_no_page_uses_are_left_out():
    assert sorted(set(ALL_COMPONENTS) - compiled()) == [
        "accordion",
        "breadcrumbs",
        "cookie-banner",
        "exit-this-page",
        "file-upload",
        "header",
        "tabs",
    ]
