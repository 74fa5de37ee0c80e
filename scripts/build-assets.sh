#!/usr/bin/env bash
# Rebuilds static/ from the pinned npm packages in assets/package.json.
# The output is committed, so a normal install never needs Node.js.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix assets --no-audit --no-fund --ignore-scripts
modules=assets/node_modules

mkdir -p static/css static/js static/govuk/images
"$modules/.bin/sass" --no-source-map --style=compressed --quiet-deps \
  --load-path="$modules" assets/app.scss static/css/app.css

cp "$modules/govuk-frontend/dist/govuk/govuk-frontend.min.js" static/js/govuk-frontend.min.js
cp "$modules/htmx.org/dist/htmx.min.js" static/js/htmx.min.js
# Notify a death: the ICB type-ahead (loaded only on that page).
cp "$modules/accessible-autocomplete/dist/accessible-autocomplete.min.js" static/js/
cp "$modules/accessible-autocomplete/dist/accessible-autocomplete.min.css" static/css/
# The service's own scripts, written with comments in assets/js/, sent minified.
# The first line names the source and its SHA-256, so a test can tell a stale build.
for source in assets/js/*.js; do
  hash=$(sha256sum "$source" | cut -d' ' -f1)
  {
    echo "// Built from $source (sha256 $hash) by scripts/build-assets.sh"
    "$modules/.bin/terser" "$source" --module --compress --mangle
  } > "static/js/$(basename "$source")"
done

if grep -q "@font-face" static/css/app.css; then
  echo "static/css/app.css declares a web font; the service must use Arial only" >&2
  exit 1
fi
# A brotli and a gzip copy of each CSS and script file, sent to browsers that take them.
.venv/bin/python scripts/compress-static.py  # make assets installs .venv first
echo "Assets rebuilt in static/"
