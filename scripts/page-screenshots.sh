#!/usr/bin/env bash
# Screenshots of the bulletin's web page in headless Chromium (Debian's `chromium`):
# the reference series' page at a phone's width (390 px) and a desktop's (1280 px),
# in light and dark mode, and its print-to-PDF rendered as images, so a person can
# look at what a reader sees before an issue about the page is closed.
#
#   scripts/page-screenshots.sh [OUT_DIR]     (default: target/page-shots)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/target/page-shots}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "install chromium: apt-get install chromium" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "install poppler-utils" >&2; exit 1; }
bulletin=${BULLETIN:-$repo/target/debug/bulletin}
[ -x "$bulletin" ] || cargo build --quiet --manifest-path "$repo/Cargo.toml"

project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
cp -r "$repo/templates" "$repo/data" "$project/"
(cd "$project" && "$bulletin" build >/dev/null)
page="file://$project/out/shiyaohuan/2019-11-15.html"

# Chromium exits non-zero over D-Bus it does not need; the file it writes is what counts.
chrome() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync "$@" >/dev/null 2>&1 || true
}
chrome --window-size=390,2400 --screenshot="$out/page-390.png" "$page"
chrome --window-size=1280,1600 --screenshot="$out/page-1280.png" "$page"
chrome --window-size=390,1200 --blink-settings=preferredColorScheme=0 \
  --screenshot="$out/page-390-dark.png" "$page"
chrome --no-pdf-header-footer --print-to-pdf="$out/page-print.pdf" "$page"
pdftoppm -png -r 50 -f 1 -l 2 "$out/page-print.pdf" "$out/page-print"
pdfinfo "$out/page-print.pdf" | grep -E '^(Pages|Page size)'
ls -l "$out"/page-*
