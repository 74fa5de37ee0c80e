"""Pages and their htmx fragments are compressed here, so gunicorn alone sends them small.

Static files have compressed copies of their own (leder_web.core.static_files); a CSV download
or a streamed answer is left as it is. Brotli at level 4 costs about what gzip at 6 does and is
smaller. An answer under one network packet (COMPRESS_MIN_SIZE) gains nothing.

BREACH: the CSRF token in a page carries a signature that changes every second, and the session
cookie (SameSite=Lax) is not sent with another site's background requests, so compressing a
page never lets another site guess a secret in it.

A page's answer is compressed once: one after_request hook that reads the request's
Accept-Encoding, compresses the body and sets Content-Encoding, Content-Length and Vary.
"""

import gzip
from functools import lru_cache

import brotli
from flask import Flask, Response, request

# What the service sends, best first.
ENCODINGS = ("br", "gzip")


@lru_cache(maxsize=64)
def chosen_encoding(accept_encoding: str) -> str | None:
    """The best encoding the browser takes (RFC 9110 §12.5.3): the highest weight, our order
    between equals; none for q=0 or when it names neither (identity is always acceptable)."""
    weights: dict[str, float] = {}
    anything = 0.0
    for part in accept_encoding.lower().split(","):
        name, _, parameters = part.partition(";")
        name = name.strip()
        weight = 1.0
        parameters = parameters.strip()
        if parameters.startswith("q="):
            try:
                weight = float(parameters[2:])
            except ValueError:
                weight = 0.0
        if name == "*":
            anything = weight
        elif name in ENCODINGS:
            weights[name] = weight
    best, best_weight = None, 0.0
    for encoding in ENCODINGS:
        weight = weights.get(encoding, anything)
        if weight > best_weight:
            best, best_weight = encoding, weight
    return best


def init_app(app: Flask) -> None:
    mimetypes = frozenset(app.config["COMPRESS_MIMETYPES"])
    min_size = app.config["COMPRESS_MIN_SIZE"]
    brotli_quality = app.config["COMPRESS_BR_LEVEL"]
    gzip_level = app.config["COMPRESS_LEVEL"]

    @app.after_request
    def compress(response: Response) -> Response:
        if response.mimetype not in mimetypes:
            return response
        vary = response.headers.get("Vary")
        if not vary:
            response.headers["Vary"] = "Accept-Encoding"
        elif "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding"
        if (
            response.is_streamed
            or not 200 <= response.status_code < 300
            or "Content-Encoding" in response.headers
        ):
            return response
        encoding = chosen_encoding(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        data = response.get_data()
        if len(data) < min_size:
            return response
        if encoding == "br":
            data = brotli.compress(data, mode=brotli.MODE_TEXT, quality=brotli_quality)
        else:
            data = gzip.compress(data, compresslevel=gzip_level, mtime=0)
        response.set_data(data)  # sets Content-Length too
        response.headers["Content-Encoding"] = encoding
        return response
