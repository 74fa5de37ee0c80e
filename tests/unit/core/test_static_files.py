"""The compressed copies of static files: built by scripts/build-assets.sh, never sent stale."""

import gzip
from pathlib import Path

import brotli
from flask import Flask

from leder_web.core import static_files

STATIC = Path(__file__).resolve().parents[3] / "static"
REBUILD = "run .venv/bin/python scripts/compress-static.py (or make assets) and commit static/"


def test_every_css_and_script_file_has_up_to_date_brotli_and_gzip_copies():
    checked = []
    for path in sorted(STATIC.rglob("*")):
        if path.suffix not in {".css", ".js"} or path.stat().st_size < 1024:
            continue
        content = path.read_bytes()
        br = path.with_name(path.name + ".br")
        gz = path.with_name(path.name + ".gz")
        assert br.is_file() and gz.is_file(), f"{path.name} has no compressed copies: {REBUILD}"
        assert brotli.decompress(br.read_bytes()) == content, f"{br.name} is stale: {REBUILD}"
        assert gzip.decompress(gz.read_bytes()) == content, f"{gz.name} is stale: {REBUILD}"
        checked.append(path.name)
    assert {"app.css", "htmx.min.js", "govuk-frontend.min.js", "autosave.js"} <= set(checked)


def test_copies_are_built_for_large_text_files_only_and_removed_with_their_file(tmp_path):
    (tmp_path / "css").mkdir()
    big = tmp_path / "css" / "big.css"
    big.write_text(".govuk-body { margin: 0; }\n" * 200)
    (tmp_path / "tiny.js").write_text("let a = 1;\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + bytes(4000))
    (tmp_path / "gone.js.br").write_bytes(b"left from a deleted file")

    written = static_files.build_compressed_copies(tmp_path)

    assert sorted(p.name for p in written) == ["big.css.br", "big.css.gz"]
    assert brotli.decompress((tmp_path / "css" / "big.css.br").read_bytes()) == big.read_bytes()
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "big.css",
        "big.css.br",
        "big.css.gz",
        "css",
        "image.png",
        "tiny.js",
    ]
    # Built again with nothing changed: nothing is rewritten (gzip carries no timestamp).
    assert static_files.build_compressed_copies(tmp_path) == []


def test_a_copy_that_no_longer_matches_its_file_is_not_sent(tmp_path):
    style = tmp_path / "app.css"
    style.write_text(".old { color: red; }\n" * 100)
    static_files.build_compressed_copies(tmp_path)
    style.write_text(".new { color: blue; }\n" * 100)  # edited by hand, copies not rebuilt
    app = Flask(__name__)
    with app.test_request_context("/static/app.css", headers={"Accept-Encoding": "br, gzip"}):
        response = static_files.send(str(tmp_path), "app.css")
        response.direct_passthrough = False
        assert "Content-Encoding" not in response.headers
        assert response.get_data() == style.read_bytes()
