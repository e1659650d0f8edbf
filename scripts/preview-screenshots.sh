#!/usr/bin/env bash
# Screenshots of the live preview in headless Chromium (Debian's `chromium`): the
# reference bulletin's preview page, then the same page after its figure file was
# edited, then after a broken save, so a person can look at what the office sees.
#
#   scripts/preview-screenshots.sh [OUT_DIR]     (default: target/preview-shots)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/target/preview-shots}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "install chromium: apt-get install chromium" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"

project=$(mktemp -d)
cp -r "$repo/templates" "$repo/data" "$project/"
"$repo/target/release/bulletin" serve --root "$project" >"$project/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$project"' EXIT
for _ in $(seq 300); do grep -q '^serving ' "$project/serve.log" && break; sleep 0.1; done
grep -q '^serving ' "$project/serve.log" || { cat "$project/serve.log" >&2; exit 1; }
url=$(sed -n 's/^serving \(http[^ ]*\) .*/\1/p' "$project/serve.log")
# `?still`: the page opens no event stream and draws the PDF on its own thread, so
# virtual time (which waits for the network to rest) runs until it is drawn.
page="${url}view/shiyaohuan/2019-11-15?still"
figures="$project/data/shiyaohuan/2019-11-15.yaml"

shot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 \
    --disable-background-networking --disable-component-update --no-first-run --disable-sync \
    --virtual-time-budget=10000 --screenshot="$out/$1.png" "$page" 2>/dev/null
  echo "wrote $out/$1.png"
}

shot before
sed -i 's/food:        {cases: 186,/food:        {cases: 286,/' "$figures"
sleep 1
shot after-edit
sed -i 's/food:        {cases: 286,/food:        {cases: 2x6,/' "$figures"
sleep 1
shot broken-save
