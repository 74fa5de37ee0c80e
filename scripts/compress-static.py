"""Write the brotli and gzip copy of each file in static/ that is worth compressing.

scripts/build-assets.sh runs it last; run it alone after editing a file in static/ by hand
(`.venv/bin/python scripts/compress-static.py`). The copies are committed with the files.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leder_web.core.static_files import build_compressed_copies  # noqa: E402

if __name__ == "__main__":
    written = build_compressed_copies(ROOT / "static")
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"Compressed copies up to date ({len(written)} written)")
