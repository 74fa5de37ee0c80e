"""The service's own scripts are written in assets/js/ and sent minified from static/js/: each
sent file must be the build of its source as it is now (make assets rebuilds them)."""

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "assets" / "js").glob("*.js"))
BUILT_FROM = re.compile(r"^// Built from (assets/js/[\w-]+\.js) \(sha256 ([0-9a-f]{64})\)")


def test_there_are_sources():
    assert [source.name for source in SOURCES] == [
        "app.js",
        "autosave.js",
        "icb-autocomplete.js",
        "icd10-autocomplete.js",
    ]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_each_script_sent_is_built_from_its_source_as_it_is_now(source):
    built = (ROOT / "static" / "js" / source.name).read_text()
    found = BUILT_FROM.match(built)
    assert found, f"static/js/{source.name} does not say what it was built from: run make assets"
    assert found[1] == f"assets/js/{source.name}"
    assert found[2] == hashlib.sha256(source.read_bytes()).hexdigest(), (
        f"assets/js/{source.name} changed since static/js/{source.name} was built: run make assets"
    )
    assert len(built) < len(source.read_text())  # minified
