#!/usr/bin/env bash
# Runs one fixed scenario with a `bulletin` binary and keeps everything it wrote and
# printed, so two builds of the tool can be compared file by file (a restructuring
# must leave every output byte-identical):
#
#   scripts/outputs-snapshot.sh BINARY OUT_DIR
#   diff -r OUT_DIR_BEFORE OUT_DIR_AFTER
#
# The scenario, on the shipped series and the test series `traffic` and `zhian`:
# check, build (every output and the Typst source), a broken figure file, publish v1,
# a correction (v2), a textual correction (v3), history, diff, verify (and
# --rebuild), site, fonts, new. Fonts are pinned to the tests' Noto files and the
# publish time to SOURCE_DATE_EPOCH, so the bytes do not depend on the machine or
# the clock. The time `build` prints in its summary line is taken out.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "$1")
out=$(realpath -m "$2")
rm -rf "$out"
mkdir -p "$out"

fonts=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$fonts" "$work"' EXIT
for f in NotoSerifCJK-Regular.ttc NotoSerifCJK-Bold.ttc NotoSansCJK-Regular.ttc NotoSansCJK-Bold.ttc; do
  ln -s "/usr/share/fonts/opentype/noto/$f" "$fonts/$f"
done
export BULLETIN_FONT_PATHS=$fonts BULLETIN_IGNORE_SYSTEM_FONTS=true XDG_CACHE_HOME=$work/cache NO_COLOR=1
unset BULLETIN_FAULT

# Runs the binary in a project, keeping stdout, stderr and the exit code under a name.
run() {
  local name=$1
  shift
  local code=0
  "$bin" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || code=$?
  echo "$code" >"$out/$name.code"
  sed -i -E 's/ in [0-9]+\.[0-9]+ s$/ in (time) s/' "$out/$name.stdout"
}

project() {
  local name=$1 from=$2
  mkdir -p "$work/$name"
  cp -rL "$from/templates" "$from/data" "$work/$name/"
  cd "$work/$name"
}

# The shipped series: the whole life of a period.
project shipped "$repo"
run shipped-check check
run shipped-build build --format typ
run shipped-fonts fonts
SOURCE_DATE_EPOCH=1573869600 run shipped-publish-v1 publish data/shiyaohuan/2019-11-15.yaml
sed -i 's/food:        {cases: 186,/food:        {cases: 188,/' data/shiyaohuan/2019-11-15.yaml
run shipped-diff diff data/shiyaohuan/2019-11-15.yaml
SOURCE_DATE_EPOCH=1574042400 run shipped-publish-v2 publish data/shiyaohuan/2019-11-15.yaml --reason 食品類案件數錄入有誤
SOURCE_DATE_EPOCH=1574215200 run shipped-publish-v3 publish data/shiyaohuan/2019-11-15.yaml --reason 文字更正
run shipped-publish-again publish data/shiyaohuan/2019-11-15.yaml
run shipped-history history data/shiyaohuan/2019-11-15.yaml
run shipped-verify verify --print-head
run shipped-verify-rebuild verify --rebuild
run shipped-site site
run shipped-new new shiyaohuan 2019-11-30
cp data/shiyaohuan/2019-11-30.yaml "$out/shipped-new.yaml"
sed -i 's/suspects: 306/suspect: 306/' data/shiyaohuan/2019-11-15.yaml
run shipped-broken build
run shipped-site-drafts site --drafts
cp -r out "$out/shipped-out"
# The archive, without its modes (read-only) or times.
cp -r archive "$out/shipped-archive"

for fixture in traffic zhian; do
  project "$fixture" "$repo/tests/fixtures/$fixture"
  run "$fixture-check" check
  run "$fixture-build" build --format typ
  cp -r out "$out/$fixture-out"
done

# Lock files are empty and carry no content; stamps hold modification times.
find "$out" -name .lock -delete
find "$out" -name .stamps -delete
chmod -R u+w "$out"
echo "kept in $out"
