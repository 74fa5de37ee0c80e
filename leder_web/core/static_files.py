"""Static files: content-hashed URLs, and a brotli or gzip copy sent to a browser that takes it.

scripts/build-assets.sh writes the compressed copies beside each file (app.css.br and
app.css.gz beside app.css) with build_compressed_copies(), and they are committed with the
rest of static/. A copy that no longer matches its file is never sent: the file goes as it
is, and a warning says to run the build again.
"""

import gzip
import hashlib
import logging
import mimetypes
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import brotli
from flask import current_app, request
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join
from werkzeug.utils import send_file
from werkzeug.wrappers import Response

log = logging.getLogger(__name__)

# The browser's preference decides between the two; brotli wins a tie (it is smaller).
ENCODINGS = {"br": ".br", "gzip": ".gz"}
_COPY_SUFFIXES = frozenset(ENCODINGS.values())
COMPRESSIBLE = frozenset({".css", ".js", ".mjs", ".svg", ".json", ".txt"})
# Smaller files fit in one network packet whatever is done; a copy that saves under 5% is noise.
MIN_COMPRESS_BYTES = 1024
MIN_SAVING = 0.05

# static_url() adds ?v=<content hash>: that URL's content never changes.
VERSIONED_MAX_AGE = 365 * 24 * 3600
UNVERSIONED_MAX_AGE = 3600


@cache
def version(static_folder: str, filename: str) -> str:
    """The content hash static_url() puts in a file's URL (?v=...)."""
    content = (Path(static_folder) / filename).read_bytes()
    return hashlib.sha256(content).hexdigest()[:12]


@dataclass(frozen=True)
class _Copy:
    encoding: str | None  # None: the file itself
    path: str
    etag: str


def send(static_folder: str, filename: str) -> Response:
    path = safe_join(static_folder, filename)
    # A copy is sent only as the file it is a copy of, with its Content-Encoding.
    if path is None or not Path(path).is_file() or Path(path).suffix in _COPY_SUFFIXES:
        raise NotFound()
    copies = _copies(path, _stamp(path))
    chosen = _choose(copies)
    versioned = request.args.get("v") == version(static_folder, filename)
    response = send_file(
        chosen.path,
        request.environ,
        mimetype=mimetypes.guess_type(filename)[0] or "application/octet-stream",
        download_name=Path(filename).name,  # app.css, whichever copy is sent
        etag=chosen.etag,
        conditional=True,
        max_age=VERSIONED_MAX_AGE if versioned else UNVERSIONED_MAX_AGE,
        response_class=current_app.response_class,
    )
    if chosen.encoding:
        response.headers["Content-Encoding"] = chosen.encoding
    if len(copies) > 1:
        response.vary.add("Accept-Encoding")
    if versioned:
        response.cache_control.immutable = True
    return response


def _choose(copies: tuple[_Copy, ...]) -> _Copy:
    accepted = request.accept_encodings
    best, best_quality = copies[0], 0.0
    for copy in copies[1:]:
        quality = accepted.quality(copy.encoding or "identity")
        if quality > best_quality:
            best, best_quality = copy, quality
    return best


def _stamp(path: str) -> tuple:
    """Changes whenever the file or one of its copies does, so a rebuilt copy is picked up."""
    stamps: list[tuple[int, int] | None] = []
    for candidate in (path, *(path + suffix for suffix in ENCODINGS.values())):
        try:
            stat = Path(candidate).stat()
        except FileNotFoundError:
            stamps.append(None)
        else:
            stamps.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@lru_cache(maxsize=256)
def _copies(path: str, stamp: tuple) -> tuple[_Copy, ...]:
    """The file and its compressed copies that still match it, each with a content ETag."""
    content = Path(path).read_bytes()
    copies = [_Copy(None, path, _etag(content))]
    for encoding, suffix in ENCODINGS.items():
        copy_path = Path(path + suffix)
        if not copy_path.is_file():
            continue
        compressed = copy_path.read_bytes()
        if _decompress(encoding, compressed) != content:
            log.warning(
                "%s does not match %s: run scripts/compress-static.py", copy_path.name, path
            )
            continue
        copies.append(_Copy(encoding, str(copy_path), _etag(compressed)))
    return tuple(copies)


def _etag(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:20]


def _decompress(encoding: str, data: bytes) -> bytes:
    try:
        return brotli.decompress(data) if encoding == "br" else gzip.decompress(data)
    except (brotli.error, OSError, EOFError):
        return b""


def compress(encoding: str, content: bytes) -> bytes:
    """The smallest copy each format makes; built once, so the slowest settings are worth it.
    gzip gets no timestamp, so a rebuild of an unchanged file changes nothing in git."""
    if encoding == "br":
        return brotli.compress(content, quality=11)
    return gzip.compress(content, compresslevel=9, mtime=0)


def wants_copies(path: Path) -> bool:
    return path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_COMPRESS_BYTES


def build_compressed_copies(static_folder: Path) -> list[Path]:
    """Write (or remove) the .br and .gz copy of every file under static_folder; the copies
    written. A copy is kept only where it saves at least MIN_SAVING of the file's size."""
    written = []
    for path in sorted(static_folder.rglob("*")):
        if not path.is_file() or path.suffix in _COPY_SUFFIXES:
            continue
        content = path.read_bytes()
        for encoding, suffix in ENCODINGS.items():
            copy_path = path.with_name(path.name + suffix)
            compressed = compress(encoding, content) if wants_copies(path) else None
            if compressed is None or len(compressed) > len(content) * (1 - MIN_SAVING):
                copy_path.unlink(missing_ok=True)
                continue
            if not copy_path.is_file() or copy_path.read_bytes() != compressed:
                copy_path.write_bytes(compressed)
                written.append(copy_path)
    # A copy whose file is gone goes too.
    for suffix in ENCODINGS.values():
        for copy_path in static_folder.rglob(f"*{suffix}"):
            if not copy_path.with_name(copy_path.name.removesuffix(suffix)).is_file():
                copy_path.unlink()
    return written
