#!/usr/bin/env bash
# Stress tests of a `bulletin` binary, run on copies of tests/fixtures/traffic in a
# temporary folder:
#
#   scripts/stress.sh BINARY                 # every section, about 8-9 minutes on 2 cores
#   STRESS_ONLY="1 4" scripts/stress.sh BINARY   # some sections only
#
# Sections, each ending with a count line (`== N. name: …`):
#   1. concurrent publishes: 20 rounds, each an edit then 4 publishes of one file at
#      once; afterwards v1..vN contiguous and whole, one `published … as vK` a round;
#   2. random kills: publishes of successive corrections killed (SIGKILL) after a
#      random delay, 0-1.5 s as asked and, since a publish of the fixture takes only
#      about 0.2 s (so most of those land after it ended), as many again within the
#      measured duration of a publish; the line says how many kills landed;
#   3. injected faults: BULLETIN_FAULT=fs#n=abort and commit#n=abort for n = 1 .. until
#      the publish gets past every point, then `error` and `panic` at every 5th of
#      those points;
#   4. fuzzed figure files under `bulletin check` (10 s timeout each);
#   5. the preview: 2,000 connections in waves, then GET / within 2 s, thread count;
#   6. attacks: link targets that would run script (HTML, PDF, feed), in templates,
#      reasons and the layout; planted series names and titles on the site and the
#      preview; publishes racing an edit of the figure file; control characters of a
#      figure file reaching the terminal through a diagnostic.
#
# After every interrupted publish the archive is checked twice: by `bulletin verify`
# (exit 0; warnings about an interrupted publish are fine) and independently here
# (versions v1..vN, each folder holding exactly its manifest's files with their
# SHA-256, each record chained to the one before). A "partial version" is a version
# folder failing either check.
#
# Environment: STRESS_ONLY (sections), STRESS_SEED (fuzz seed, default 1),
# STRESS_FUZZ (fuzz runs, default 3000), STRESS_KILLS (kills per delay kind, default
# 80), STRESS_KEEP=1 (keep the work folder). Exit status 1 when anything failed;
# what failed is listed at the end and kept under the work folder.
set -uo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
BIN=$(realpath "$1")
REPO=$(cd "$(dirname "$0")/.." && pwd)
FIXTURE=$REPO/tests/fixtures/traffic
ONLY=${STRESS_ONLY:-1 2 3 4 5 6}
SEED=${STRESS_SEED:-1}
FUZZ_RUNS=${STRESS_FUZZ:-3000}
KILLS=${STRESS_KILLS:-80}
FILE=data/traffic/2020-01-31.yaml
PERIOD=archive/traffic/2020-01-31
WORK=$(mktemp -d /tmp/bulletin-stress.XXXXXX)
PY=$WORK/py
mkdir -p "$PY" "$WORK/fonts" "$WORK/failures"
START=$(date +%s)

cleanup() {
  [ -f "$WORK/serve.pid" ] && kill "$(cat "$WORK/serve.pid")" 2>/dev/null
  if [ "${STRESS_KEEP:-0}" = 1 ] || [ "$FAILURES" -gt 0 ]; then
    echo "work folder kept: $WORK"
  else
    chmod -R u+w "$WORK" 2>/dev/null
    rm -rf "$WORK"
  fi
}
FAILURES=0
trap cleanup EXIT

# Fonts pinned to the tests' four Noto files; caches in the work folder.
for f in NotoSerifCJK-Regular.ttc NotoSerifCJK-Bold.ttc NotoSansCJK-Regular.ttc NotoSansCJK-Bold.ttc; do
  if [ ! -f "/usr/share/fonts/opentype/noto/$f" ]; then
    echo "missing /usr/share/fonts/opentype/noto/$f: apt-get install fonts-noto-cjk" >&2
    exit 2
  fi
  ln -s "/usr/share/fonts/opentype/noto/$f" "$WORK/fonts/$f"
done
export BULLETIN_FONT_PATHS=$WORK/fonts BULLETIN_IGNORE_SYSTEM_FONTS=true XDG_CACHE_HOME=$WORK/cache NO_COLOR=1
unset BULLETIN_FAULT SOURCE_DATE_EPOCH RUST_BACKTRACE

# Publish times: one clock for the whole run, never going back.
EPOCH=1580522400
next_epoch() { EPOCH=$((EPOCH + 60)); }

# A failure: counted, said on stderr, and its evidence kept.
fail() {
  FAILURES=$((FAILURES + 1))
  echo "FAIL: $*" >&2
  echo "$*" >>"$WORK/failures/list"
}

# A fresh copy of the fixture at $WORK/$1.
project() {
  clone "$FIXTURE" "$1"
}

# A copy of folder $1 (a path) at $WORK/$2 (archive folders are read-only).
clone() {
  chmod -R u+w "${WORK:?}/$2" 2>/dev/null
  rm -rf "${WORK:?}/$2"
  cp -r "$1" "$WORK/$2"
}

# Sets the first `cases:` of the figure file (speeding) to $2, saved whole by rename.
set_cases() {
  local file=$WORK/$1/$FILE
  sed -E "0,/^    cases: [0-9]+/s//    cases: $2/" "$file" >"$file.saving"
  mv "$file.saving" "$file"
}

# Runs the binary in project $1 with the rest as arguments; stdout, stderr and exit
# code in $WORK/last.{out,err,rc}.
run() {
  local dir=$1
  shift
  (cd "$WORK/$dir" && "$BIN" "$@" >"$WORK/last.out" 2>"$WORK/last.err")
  echo $? >"$WORK/last.rc"
  return "$(cat "$WORK/last.rc")"
}

# A publish at the next time: project, then publish's arguments.
publish() {
  local dir=$1
  shift
  next_epoch
  SOURCE_DATE_EPOCH=$EPOCH run "$dir" publish "$FILE" "$@"
}

# Keeps the evidence of a failure: the project and the last command's output.
keep() {
  local name=$1 dir=$2
  mkdir -p "$WORK/failures/$name"
  cp -r "$WORK/$dir" "$WORK/failures/$name/project" 2>/dev/null
  cp "$WORK/last.out" "$WORK/last.err" "$WORK/last.rc" "$WORK/failures/$name/" 2>/dev/null
}

# ---------------------------------------------------------------------------------
# The independent check of a project's archive and out/ folder.
cat >"$PY/archive_check.py" <<'EOF'
"""archive_check.py PROJECT MODE [EXPECT_YAML]
MODE strict: no temporaries anywhere; interrupted: temporaries of an interrupted
publish allowed in the period's folder. Prints `versions N temps T outtemps O
outstale S head SHA` then one `problem: …` line per problem; exit 1 on a problem.
outstale counts the latest version's outputs missing from or different in out/."""
import hashlib, json, os, re, sys

proj, mode = sys.argv[1], sys.argv[2]
period = os.path.join(proj, "archive/traffic/2020-01-31")
problems, temps = [], []

def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()

def files_under(root):
    out = set()
    for d, dirs, files in os.walk(root):
        for name in files + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
            out.add(os.path.relpath(os.path.join(d, name), root))
    return out

versions = []
if os.path.isdir(os.path.join(proj, "archive")):
    for d, dirs, files in os.walk(os.path.join(proj, "archive")):
        rel = os.path.relpath(d, proj)
        if rel in ("archive", "archive/traffic"):
            for name in files:
                problems.append(f"stray file {rel}/{name}")
            for name in dirs:
                if rel == "archive" and name != "traffic" or rel == "archive/traffic" and name != "2020-01-31":
                    problems.append(f"stray folder {rel}/{name}")
    if os.path.isdir(period):
        for name in os.listdir(period):
            path = os.path.join(period, name)
            m = re.fullmatch(r"v([1-9][0-9]*)", name)
            if name == ".lock":
                continue
            if m and os.path.isdir(path) and not os.path.islink(path):
                versions.append(int(m[1]))
            elif name.startswith(".") and name.endswith(".tmp"):
                temps.append(name)
            else:
                problems.append(f"unexpected {name} in the period's folder")
versions.sort()
if versions != list(range(1, len(versions) + 1)):
    problems.append(f"versions not contiguous: {versions}")
if temps and mode == "strict":
    problems.append(f"temporaries left: {temps}")

previous_sha, previous_time, latest = None, None, None
for k in versions:
    d = os.path.join(period, f"v{k}")
    try:
        with open(os.path.join(d, "manifest.json"), "rb") as f:
            raw = f.read()
        manifest = json.loads(raw)
        record = manifest["record"]
    except Exception as err:  # noqa: BLE001
        problems.append(f"v{k}: no readable manifest ({err!r}): a partial version")
        previous_sha = None
        continue
    if record.get("version") != k:
        problems.append(f"v{k}: its record says version {record.get('version')}")
    prev = record.get("previous")
    if k == 1 and prev:
        problems.append("v1 has a previous version")
    if k > 1 and (not prev or prev.get("version") != k - 1 or prev.get("manifest_sha256") != previous_sha):
        problems.append(f"v{k}: the chain to v{k-1} is broken")
    if previous_time and record.get("published_at", "") < previous_time:
        problems.append(f"v{k}: published before v{k-1}")
    previous_time = record.get("published_at", "")
    expected = {"manifest.json"}
    for o in manifest.get("outputs", []):
        expected.add(o["path"])
        p = os.path.join(d, o["path"])
        if not os.path.isfile(p) or sha(p) != o["sha256"]:
            problems.append(f"v{k}: output {o['path']} missing or not as recorded: a partial version")
    for i in record.get("inputs", []):
        expected.add("inputs/" + i["path"])
        p = os.path.join(d, "inputs", i["path"])
        if not os.path.isfile(p) or sha(p) != i["sha256"]:
            problems.append(f"v{k}: input {i['path']} missing or not as recorded: a partial version")
    actual = files_under(d)
    if actual != expected:
        problems.append(f"v{k}: files {sorted(actual ^ expected)} differ from its manifest")
    previous_sha = hashlib.sha256(raw).hexdigest()
    latest = (k, d, manifest)

outtemps = 0
for d, dirs, files in os.walk(os.path.join(proj, "out")):
    outtemps += sum(1 for n in files + dirs if n.startswith(".") and n.endswith(".tmp"))
outstale, head = 0, "-"
if latest:
    k, d, manifest = latest
    for o in manifest.get("outputs", []):
        p = os.path.join(proj, "out/traffic", o["path"])
        if not os.path.isfile(p) or sha(p) != o["sha256"]:
            outstale += 1
    head = sha(os.path.join(d, "inputs/data/traffic/2020-01-31.yaml"))
if len(sys.argv) > 3 and latest and head != sys.argv[3]:
    problems.append(f"v{latest[0]} archived a figure file other than the one published")
print(f"versions {len(versions)} temps {len(temps)} outtemps {outtemps} outstale {outstale} head {head}")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
EOF

# Checks project $1 in mode $2; sets CHECK_VERSIONS, CHECK_TEMPS, CHECK_OUTTEMPS,
# CHECK_OUTSTALE; returns 1 on a problem (printed into $WORK/check.out).
check_archive() {
  python3 "$PY/archive_check.py" "$WORK/$1" "$2" ${3:+"$3"} >"$WORK/check.out"
  local rc=$?
  read -r _ CHECK_VERSIONS _ CHECK_TEMPS _ CHECK_OUTTEMPS _ CHECK_OUTSTALE _ CHECK_HEAD <"$WORK/check.out"
  return $rc
}

# `bulletin verify` in project $1: exit 0, an `ok` line per version, no `error`.
verify_ok() {
  local versions=$2
  run "$1" verify
  local rc=$?
  [ $rc -eq 0 ] || return 1
  grep -q '^error' "$WORK/last.err" "$WORK/last.out" && return 1
  local k
  for ((k = 1; k <= versions; k++)); do
    grep -qx "ok $PERIOD/v$k" "$WORK/last.out" || return 1
  done
  return 0
}

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

section() { case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
elapsed() { echo $(($(date +%s) - $1)); }

# ---------------------------------------------------------------------------------
# 1. Concurrent publishes.
if section 1; then
  t0=$(date +%s)
  project conc
  mixed=0
  for ((round = 1; round <= 20; round++)); do
    set_cases conc $((1600 + round))
    want=$(sha_of "$WORK/conc/$FILE")
    next_epoch
    reason=()
    [ $round -ge 2 ] && reason=(--reason "round $round")
    pids=()
    for i in 1 2 3 4; do
      (cd "$WORK/conc" && SOURCE_DATE_EPOCH=$EPOCH exec "$BIN" publish "$FILE" "${reason[@]}" \
        >"$WORK/conc.$i.out" 2>"$WORK/conc.$i.err") &
      pids+=($!)
    done
    bad=""
    for i in 1 2 3 4; do
      wait "${pids[$((i - 1))]}" || bad+=" publish $i exited $?;"
    done
    published=$(cat "$WORK"/conc.[1-4].out | grep -c "^published $FILE as v")
    exact=$(cat "$WORK"/conc.[1-4].out | grep -c "^published $FILE as v$round;")
    unchanged=$(cat "$WORK"/conc.[1-4].out | grep -c "^$FILE is unchanged since v$round; nothing published")
    [ "$published" -eq 1 ] && [ "$exact" -eq 1 ] || bad+=" $published 'published' lines (v$round expected once);"
    [ "$unchanged" -eq 3 ] || bad+=" $unchanged 'unchanged since v$round' lines, 3 expected;"
    grep -l -E 'panicked|internal error' "$WORK"/conc.[1-4].err >/dev/null && bad+=" a panic;"
    check_archive conc strict "$want" || bad+=" archive: $(grep problem "$WORK/check.out" | tr '\n' ' ');"
    [ "$CHECK_VERSIONS" = "$round" ] || bad+=" $CHECK_VERSIONS versions after round $round;"
    [ "$CHECK_OUTTEMPS" = 0 ] || bad+=" $CHECK_OUTTEMPS temporaries in out/;"
    [ "$CHECK_OUTSTALE" = 0 ] || bad+=" out/ does not hold v$round ($CHECK_OUTSTALE files);"
    verify_ok conc "$round" || bad+=" verify failed;"
    if [ -n "$bad" ]; then
      mixed=$((mixed + 1))
      cat "$WORK"/conc.[1-4].out "$WORK"/conc.[1-4].err >"$WORK/last.out"
      keep "conc-round-$round" conc
      fail "1. round $round:$bad"
    fi
  done
  echo "== 1. concurrent publishes: 20 rounds x 4 publishes, $CHECK_VERSIONS versions, mixed or partial outcomes: $mixed ($(elapsed "$t0") s)"
fi

# ---------------------------------------------------------------------------------
# 2. Random kills.
cat >"$PY/kill_after.py" <<'EOF'
"""kill_after.py DELAY OUT ERR CMD…: runs CMD, SIGKILLs it after DELAY seconds if it
is still running; prints `killed` or `exited RC`."""
import subprocess, sys
delay, out, err, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
with open(out, "wb") as o, open(err, "wb") as e:
    p = subprocess.Popen(cmd, stdout=o, stderr=e)
    try:
        print(f"exited {p.wait(timeout=delay)}")
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        print("killed")
EOF

if section 2; then
  t0=$(date +%s)
  # The base: v1 and v2 published. Every 20 kills the project starts again from it,
  # so that checking the archive stays quick.
  project kbase
  publish kbase || fail "2. the first publish failed: $(cat "$WORK/last.err")"
  set_cases kbase 1999
  s=$(date +%s%N)
  publish kbase --reason "timing" || fail "2. the timing publish failed"
  # How long an uninterrupted publish takes, for the targeted delays.
  publish_ms=$((($(date +%s%N) - s) / 1000000))
  partial=0 landed=0 landed_wide=0 landed_narrow=0 stale_after=0 runs=0 temps_seen=0 value=2000
  for kind in wide narrow; do
    for ((i = 1; i <= KILLS; i++)); do
      [ $((runs % 20)) = 0 ] && clone "$WORK/kbase" kills
      runs=$((runs + 1))
      value=$((value + 1))
      set_cases kills $value
      want=$(sha_of "$WORK/kills/$FILE")
      if [ $kind = wide ]; then
        delay=$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", r % 1501 / 1000 }')
      else
        delay=$(awk -v r=$RANDOM -v ms=$publish_ms 'BEGIN { printf "%.3f", (r % (ms + 1)) / 1000 }')
      fi
      next_epoch
      outcome=$(cd "$WORK/kills" && SOURCE_DATE_EPOCH=$EPOCH python3 "$PY/kill_after.py" "$delay" \
        "$WORK/kill.out" "$WORK/kill.err" "$BIN" publish "$FILE" --reason "kill $runs")
      if [ "$outcome" = killed ]; then
        landed=$((landed + 1))
        [ $kind = wide ] && landed_wide=$((landed_wide + 1)) || landed_narrow=$((landed_narrow + 1))
      fi
      bad=""
      [ "$outcome" = killed ] || [ "$outcome" = "exited 0" ] || bad+=" the publish itself $outcome;"
      check_archive kills interrupted || { bad+=" archive: $(grep problem "$WORK/check.out" | tr '\n' ' ');"; partial=$((partial + 1)); }
      [ "$CHECK_TEMPS" = 0 ] || temps_seen=$((temps_seen + 1))
      verify_ok kills "$CHECK_VERSIONS" || { bad+=" verify after the kill: rc $(cat "$WORK/last.rc") $(head -c 300 "$WORK/last.err");"; partial=$((partial + 1)); }
      # The next publish must succeed: the same file, as a correction.
      if publish kills --reason "after kill $runs"; then
        grep -qE "^(published $FILE as v[0-9]+;|$FILE is unchanged since v[0-9]+; nothing published)" "$WORK/last.out" ||
          bad+=" the next publish said neither published nor unchanged;"
      else
        bad+=" the next publish failed: $(head -c 300 "$WORK/last.err");"
      fi
      check_archive kills strict "$want" || bad+=" archive after the next publish: $(grep problem "$WORK/check.out" | tr '\n' ' ');"
      if [ "$CHECK_OUTSTALE" != 0 ]; then
        stale_after=$((stale_after + 1))
        bad+=" after the next publish out/ still lacks $CHECK_OUTSTALE files of the latest version;"
      fi
      verify_ok kills "$CHECK_VERSIONS" || bad+=" verify after the next publish failed;"
      if [ -n "$bad" ]; then
        keep "kill-$runs" kills
        cp "$WORK/kill.out" "$WORK/kill.err" "$WORK/failures/kill-$runs/"
        fail "2. kill $runs ($kind, delay $delay s, $outcome):$bad"
      fi
    done
  done
  echo "== 2. random kills: $runs publishes killed at random ($KILLS with delay 0-1.5 s: $landed_wide landed before the publish ended; $KILLS with delay 0-${publish_ms} ms: $landed_narrow landed), partial versions: $partial, interrupted-publish temporaries seen: $temps_seen, out/ stale after the next publish: $stale_after ($(elapsed "$t0") s)"
fi

# ---------------------------------------------------------------------------------
# 3. Injected faults.
if section 3; then
  t0=$(date +%s)
  # Each faulty publish is the third version (a second correction) of a copy of
  # this base.
  project fbase
  publish fbase || fail "3. the first publish failed"
  set_cases fbase 2999
  publish fbase --reason base || fail "3. the second publish failed"
  value=3000 tried=0 failed=0 partial=0 summary=""
  declare -A last_point
  for action in abort error panic; do
    for point in fs commit; do
      points=0
      for ((n = 1; n <= 1000; n++)); do
        # `error` and `panic` are tried at every 5th of the points `abort` found.
        if [ "$action" != abort ]; then
          [ "$n" -gt "${last_point[$point]}" ] && break
          [ $((n % 5)) = 1 ] || [ "$n" = "${last_point[$point]}" ] || continue
        fi
        clone "$WORK/fbase" faults
        value=$((value + 1))
        set_cases faults $value
        next_epoch
        # (The subshell's own stderr is dropped: bash says "Aborted" there.)
        (
          cd "$WORK/faults" && BULLETIN_FAULT="$point#$n=$action" SOURCE_DATE_EPOCH=$EPOCH \
            "$BIN" publish "$FILE" --reason "fault $point $n $action" >"$WORK/fault.out" 2>"$WORK/fault.err"
          echo $? >"$WORK/fault.rc"
        ) 2>/dev/null
        rc=$(cat "$WORK/fault.rc")
        if [ "$action" = abort ] && [ $rc -eq 0 ]; then
          last_point[$point]=$((n - 1))
          break
        fi
        tried=$((tried + 1))
        points=$((points + 1))
        bad=""
        case "$action:$rc" in
          abort:134 | error:0 | error:1 | panic:0 | panic:1 | panic:101) ;;
          *) bad+=" the faulty publish exited $rc;" ;;
        esac
        [ "$action" = panic ] || ! grep -qE 'panicked|internal error' "$WORK/fault.err" || bad+=" a panic without one injected;"
        check_archive faults interrupted || { bad+=" archive: $(grep problem "$WORK/check.out" | tr '\n' ' ');"; partial=$((partial + 1)); }
        verify_ok faults "$CHECK_VERSIONS" || bad+=" verify: rc $(cat "$WORK/last.rc") $(head -c 300 "$WORK/last.err");"
        want=$(sha_of "$WORK/faults/$FILE")
        publish faults --reason "after fault $point $n $action" || bad+=" the next publish failed: $(head -c 300 "$WORK/last.err");"
        check_archive faults strict "$want" || bad+=" archive after the next publish: $(grep problem "$WORK/check.out" | tr '\n' ' ');"
        [ "$CHECK_OUTSTALE" = 0 ] || bad+=" out/ lacks $CHECK_OUTSTALE files of the latest version after the next publish;"
        [ "$CHECK_OUTTEMPS" = 0 ] || bad+=" $CHECK_OUTTEMPS temporaries left in out/ after the next publish;"
        verify_ok faults "$CHECK_VERSIONS" || bad+=" verify after the next publish failed;"
        if [ -n "$bad" ]; then
          failed=$((failed + 1))
          keep "fault-$point-$n-$action" faults
          cp "$WORK/fault.out" "$WORK/fault.err" "$WORK/failures/fault-$point-$n-$action/"
          fail "3. $point#$n=$action:$bad"
        fi
      done
      summary+=" $point#n=$action: $points points;"
    done
  done
  echo "== 3. injected faults:$summary $tried points tried, failures: $failed (partial versions: $partial) ($(elapsed "$t0") s)"
fi

# ---------------------------------------------------------------------------------
# 4. Fuzzed figure files.
cat >"$PY/fuzz.py" <<'EOF'
"""fuzz.py BINARY WORKDIR FIXTURE RUNS SEED: mutates the fixture's figure file RUNS
times and runs `bulletin check` on each (10 s timeout). Bad: a timeout, an exit code
other than 0/1, a panic on stderr, or exit 0 on a file the oracle calls invalid.

The oracle, for an exit 0: the file is UTF-8 (a BOM allowed), is one YAML document
by PyYAML (YAML 1.1, brought to YAML 1.2 where they differ on such files: NEL, LS and
PS are no line breaks, and a tab may separate a value from its key), and matches the traffic
series' schema: top-level keys as_of (the file's date) and figures only; groups
speeding and drink_driving (checkpoints optional) with only their declared fields;
every present field a whole number 0..2^64-1 (never a bool, float or string); the
totals over speeding and drink_driving within 2^64-1."""
import concurrent.futures, datetime, os, random, shutil, subprocess, sys, threading

import yaml

BIN, WORK, FIXTURE, RUNS, SEED = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
REL = "data/traffic/2020-01-31.yaml"
ORIGINAL = open(os.path.join(FIXTURE, REL), "rb").read()
MAX = 2**64 - 1
SCHEMA = {"speeding": ({"cases"}, {"fines_yuan"}), "drink_driving": ({"cases"}, {"fines_yuan", "detained"}),
          "checkpoints": ({"operations"}, set())}

TOKENS = ["{", "}", "[", "]", "&a ", "*a", "!!str ", "!!int ", "!!float ", "!custom ", "\t", ": ", "- ", "? ",
          "|", ">", '"', "'", "#", "%YAML 1.2\n", "---\n", "...\n", "\x00", "１５２０", "１", "～", "\u3000",
          "\ufeff", "\u202e", "\u200b", "99999999999999999999999", "18446744073709551615", "18446744073709551616",
          "9223372036854775807", "-1", "-0", "1e9", "1.0", "0x1F", "0o17", "017", "1_000", "+5", ".inf", ".nan",
          "null", "~", "true", "no", "<<: *a", "一月份", "超速", "\r", "\r\n", "\u2028", "\x85", "\x1b[31m",
          "\x7f", "\x01", "\\", "%", "@", "`", ",", "&a [1]\n", "*", "&", "!", "｛", "："]
VALUES = ["0", "1", "-1", "1.5", "1e3", "0x10", "0o10", "010", "0b101", "1_520", "+1520", "１５２０", "1,520",
          "18446744073709551615", "18446744073709551616", "9" * 40, "9223372036854775808", "'1520'", '"1520"',
          "!!str 1520", "!!int 1520", "[1520]", "{a: 1}", "null", "~", "", "true", "yes", "on", "Off", ".inf",
          "-.inf", ".NaN", "1520 # c", "1520#c", "0", "00", "1520 ", "1 520", "一千", "&x 1520", "*x", "|\n      1520",
          ">\n      1520", "? 1520", "1520\u3000", "\u202e1520", "1520\x00", "2020-01-31", "12:30", "1520:"]
LIMIT_BYTES = 1 << 20


def rand_utf8(rng, n):
    ranges = [(0x20, 0x7e), (0xa0, 0x2ff), (0x370, 0x3ff), (0x4e00, 0x9fff), (0x3000, 0x303f), (0xff00, 0xffef),
              (0x1f300, 0x1faff), (0x200b, 0x202e), (0xe000, 0xf8ff), (0x20000, 0x2a6df), (0x0, 0x1f)]
    out = []
    for _ in range(n):
        lo, hi = rng.choice(ranges)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out).encode("utf-8")


def mutate_once(rng, data):
    kind = rng.randrange(12)
    if kind == 0 and data:  # byte flips
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(b))
            b[i] = b[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
        return bytes(b), "flip"
    if kind in (1, 2):  # a YAML token inserted
        i = rng.randint(0, len(data))
        return data[:i] + rng.choice(TOKENS).encode("utf-8") + data[i:], "token"
    if kind in (3, 4):  # a value replaced
        text = data.decode("utf-8", "replace")
        lines = text.split("\n")
        idx = [n for n, l in enumerate(lines) if ": " in l and l.split(": ", 1)[1].strip()]
        if idx:
            n = rng.choice(idx)
            k, _ = lines[n].split(": ", 1)
            lines[n] = k + ": " + rng.choice(VALUES)
        return "\n".join(lines).encode("utf-8"), "value"
    if kind == 5:  # deep nesting
        depth = rng.choice([8, 30, 31, 32, 33, 64, 1000, 100000])
        style = rng.randrange(3)
        if style == 0:
            deep = "[" * depth + "]" * depth
        elif style == 1:
            deep = "{a: " * depth + "1" + "}" * depth
        else:
            deep = "\n" + "".join("  " * (d + 2) + f"k{d}:\n" for d in range(min(depth, 2000))) + "  " * (min(depth, 2000) + 2) + "1"
        text = data.decode("utf-8", "replace")
        target = rng.choice(["figures:", "  speeding:", "    cases:"])
        return text.replace(target, target + " " + deep if style < 2 else target + deep, 1).encode("utf-8"), "nest"
    if kind == 6:  # truncation
        return data[: rng.randint(0, len(data))], "truncate"
    if kind == 7:  # lines duplicated, deleted or swapped
        lines = data.split(b"\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        op = rng.randrange(3)
        if op == 0:
            lines.insert(i, lines[j])
        elif op == 1 and len(lines) > 1:
            del lines[i]
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines), "lines"
    if kind == 8:  # random UTF-8, Chinese included
        i = rng.randint(0, len(data))
        return data[:i] + rand_utf8(rng, rng.randint(1, 12)) + data[i:], "utf8"
    if kind == 9:  # invalid UTF-8 or another encoding
        i = rng.randint(0, len(data))
        junk = rng.choice([b"\xff", b"\xc3", b"\xe4\xb8", b"\xed\xa0\x80", "一月份".encode("gbk"),
                           "一月份".encode("big5"), b"\xfe\xff", "x".encode("utf-16")])
        if rng.random() < 0.2:
            return data.decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-16-le", "gbk", "big5"]), "replace"), "encoding"
        return data[:i] + junk + data[i:], "bytes"
    if kind == 10:  # alias bombs, anchors and merges
        bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + k)}: &{chr(98 + k)} [*{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}]\n" for k in range(8))
        choice = rng.randrange(4)
        text = data.decode("utf-8", "replace")
        if choice == 0:
            return (bomb + text).encode(), "bomb"
        if choice == 1:
            return text.replace("cases: 1520", "cases: &n 1520").replace("cases: 85", "cases: *n").encode(), "alias"
        if choice == 2:
            return text.replace("  drink_driving:\n", "  drink_driving:\n    <<: {detained: 1}\n").encode(), "merge"
        return text.replace("  speeding:", "  speeding: &s").replace("  drink_driving:\n    cases: 85", "  drink_driving:\n    <<: *s\n    cases: 85").encode(), "merge"
    # kind 11: size around the 1 MiB limit, or long lines
    text = data.decode("utf-8", "replace")
    n = rng.choice([LIMIT_BYTES - len(data) - 10, LIMIT_BYTES + 10, 200000])
    if rng.random() < 0.5:
        return (text + "#" + "注" * (n // 3) + "\n").encode(), "big"
    return text.replace("cases: 1520", "cases: " + "1" * min(n, 100000)).encode(), "big"


def mutate(index):
    rng = random.Random(SEED * 1_000_003 + index)
    data, kinds = ORIGINAL, []
    for _ in range(1 if rng.random() < 0.6 else rng.randint(2, 3)):
        data, kind = mutate_once(rng, data)
        kinds.append(kind)
    return data, "+".join(kinds)


def oracle(data):
    """None when the file is valid, else why not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    if text.startswith("\ufeff"):
        text = text[1:]
    # YAML 1.1 (PyYAML) breaks lines at NEL, LS and PS; YAML 1.2 (the tool's parser)
    # reads them as ordinary printable characters: as 1.2 does, read each as a
    # non-space character that means nothing ("X").
    text = text.translate({0x85: "X", 0x2028: "X", 0x2029: "X"})
    try:
        docs = list(yaml.safe_load_all(text))
    except Exception as err:  # noqa: BLE001
        # PyYAML refuses a tab separating a value from its key (`cases:\t85`), which
        # YAML allows (1.2 §6.2 s-separate-in-line): read again with every tab after
        # a line's indentation a space, which changes no number.
        try:
            spaced = None
            if "\t" in text:
                lines = []
                for line in text.split("\n"):
                    indent = len(line) - len(line.lstrip(" \t"))
                    lines.append(line[:indent] + line[indent:].replace("\t", " "))
                spaced = "\n".join(lines)
            docs = list(yaml.safe_load_all(spaced)) if spaced else None
        except Exception:  # noqa: BLE001
            docs = None
        if docs is None:
            return "PyYAML: " + str(err).split("\n")[0]
    if len(docs) != 1:
        return f"{len(docs)} YAML documents"
    doc = docs[0]
    if not isinstance(doc, dict) or set(doc) != {"as_of", "figures"}:
        return "top-level keys"
    if doc["as_of"] not in (datetime.date(2020, 1, 31), "2020-01-31"):
        return "as_of"
    figures = doc["figures"]
    if not isinstance(figures, dict) or not set(figures) <= set(SCHEMA) or not {"speeding", "drink_driving"} <= set(figures):
        return "groups"
    totals = {"cases": 0, "fines_yuan": 0}
    for group, fields in figures.items():
        required, optional = SCHEMA[group]
        if not isinstance(fields, dict) or not required <= set(fields) or not set(fields) <= required | optional:
            return f"fields of {group}"
        for name, value in fields.items():
            if value is None and name in optional:
                continue
            if type(value) is not int or not 0 <= value <= MAX:
                return f"{group}.{name} = {value!r}"
            if group != "checkpoints" and name in totals:
                totals[name] += value
    if any(v > MAX for v in totals.values()):
        return "total too large"
    return None


def main():
    workers = 2
    dirs = []
    for w in range(workers):
        d = os.path.join(WORK, f"fuzz{w}")
        shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(FIXTURE, d)
        dirs.append(d)
    bad_dir = os.path.join(WORK, "failures", "fuzz")
    counts = {"runs": 0, "errors": 0, "oks": 0, "bad": 0, "timeouts": 0, "crashes": 0, "wrong_ok": 0,
              "valid_refused": 0}
    refused_examples = []
    lock = threading.Lock()

    def one(index, d):
        data, kinds = mutate(index)
        with open(os.path.join(d, REL), "wb") as f:
            f.write(data)
        try:
            p = subprocess.run([BIN, "check"], cwd=d, capture_output=True, timeout=10)
            rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            rc, err = None, "timeout"
        why = oracle(data)
        problem = None
        if rc is None:
            problem = "timeout"
        elif rc not in (0, 1):
            problem = f"exit {rc}"
        elif any(s in err for s in ("panicked", "internal error", "RUST_BACKTRACE")):
            problem = "panic"
        elif rc == 0 and why:
            problem = f"ok on an invalid file ({why})"
        with lock:
            counts["runs"] += 1
            counts["oks" if rc == 0 else "errors"] += 1
            if rc == 1 and not why:
                counts["valid_refused"] += 1
                if len(refused_examples) < 200:
                    refused_examples.append((index, kinds, err.split("\n")[0]))
            if problem:
                counts["bad"] += 1
                counts["timeouts" if problem == "timeout" else "wrong_ok" if problem.startswith("ok") else "crashes"] += 1
                os.makedirs(bad_dir, exist_ok=True)
                with open(os.path.join(bad_dir, f"{index}.yaml"), "wb") as f:
                    f.write(data)
                with open(os.path.join(bad_dir, f"{index}.txt"), "w") as f:
                    f.write(f"{problem}\nmutations: {kinds}\nexit: {rc}\n{err}")
                print(f"FAIL: 4. fuzz case {index} ({kinds}): {problem}", file=sys.stderr, flush=True)

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(lambda w=w: [one(i, dirs[w]) for i in range(w, RUNS, workers)]) for w in range(workers)]
        for f in futures:
            f.result()
    with open(os.path.join(WORK, "fuzz-valid-refused.txt"), "w") as f:
        for index, kinds, first in refused_examples:
            f.write(f"{index}\t{kinds}\t{first}\n")
    print("runs {runs} errors {errors} oks {oks} bad {bad} timeouts {timeouts} crashes {crashes} wrong_ok {wrong_ok} "
          "valid_refused {valid_refused}".format(**counts))


if __name__ == "__main__":
    if len(sys.argv) > 6:  # fuzz.py … --write INDEX FILE: writes one case, to reproduce it
        data, kinds = mutate(int(sys.argv[7]))
        open(sys.argv[8], "wb").write(data)
        print(kinds)
    else:
        main()
EOF

if section 4; then
  t0=$(date +%s)
  if ! python3 -c 'import yaml' 2>/dev/null; then
    fail "4. python3 has no yaml module (apt-get install python3-yaml): fuzzing skipped"
  else
    python3 "$PY/fuzz.py" "$BIN" "$WORK" "$FIXTURE" "$FUZZ_RUNS" "$SEED" >"$WORK/fuzz.out" 2> >(tee "$WORK/fuzz.err" >&2)
    read -r _ f_runs _ f_err _ f_ok _ f_bad _ f_to _ f_crash _ f_wrong _ f_refused <"$WORK/fuzz.out"
    if [ -z "${f_bad:-}" ]; then
      fail "4. the fuzzer itself failed: $(tail -n 3 "$WORK/fuzz.err" 2>/dev/null)"
    elif [ "$f_bad" != 0 ]; then
      fail "4. $f_bad bad fuzz cases: see $WORK/failures/fuzz/"
    fi
    echo "== 4. fuzzed figure files (seed $SEED): runs $f_runs, errors $f_err, oks $f_ok, bad $f_bad (timeouts $f_to, crashes or panics $f_crash, ok on an invalid file $f_wrong); refused though the oracle calls them valid: $f_refused ($(elapsed "$t0") s)"
  fi
fi

# ---------------------------------------------------------------------------------
# 5. The preview under connections.
cat >"$PY/serve_stress.py" <<'EOF'
"""serve_stress.py BINARY PROJECT: starts `bulletin serve` on a free port and opens
2,000 connections in waves (idle, half-sent requests, full GETs, oversize headers),
sampling its thread count; then GET / must answer 200 within 2 s."""
import os, socket, subprocess, sys, threading, time

BIN, PROJECT = sys.argv[1], sys.argv[2]
s = socket.socket()
s.bind(("127.0.0.1", 0))
PORT = s.getsockname()[1]
s.close()
HOST = f"127.0.0.1:{PORT}"
proc = subprocess.Popen([BIN, "serve", "--port", str(PORT)], cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
open(os.path.join(os.path.dirname(PROJECT), "serve.pid"), "w").write(str(proc.pid))
line = proc.stdout.readline().decode()
if not line.startswith("serving"):
    print(f"FAIL: 5. serve did not start: {line!r} {proc.stderr.read(2000)!r}", file=sys.stderr)
    print("connections 0 final - threads_max - fds_max - during -")
    sys.exit(1)

samples = {"threads": 0, "fds": 0}
stop = threading.Event()


def sample():
    while not stop.is_set():
        try:
            for l in open(f"/proc/{proc.pid}/status"):
                if l.startswith("Threads:"):
                    samples["threads"] = max(samples["threads"], int(l.split()[1]))
            samples["fds"] = max(samples["fds"], len(os.listdir(f"/proc/{proc.pid}/fd")))
        except OSError:
            pass
        time.sleep(0.01)


threading.Thread(target=sample, daemon=True).start()


def get(path="/", host=HOST, timeout=2.0):
    """(status or None, seconds)."""
    t = time.monotonic()
    try:
        c = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
        c.settimeout(max(0.01, timeout - (time.monotonic() - t)))
        c.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        data = b""
        while b"\r\n" not in data:
            chunk = c.recv(4096)
            if not chunk:
                break
            data += chunk
        c.close()
        status = int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.") else None
        return status, time.monotonic() - t
    except (OSError, ValueError, IndexError):
        return None, time.monotonic() - t


opened = 0
during = []
statuses = {}


def connect_many(n):
    global opened
    socks = []
    for _ in range(n):
        try:
            c = socket.create_connection(("127.0.0.1", PORT), timeout=5)
            socks.append(c)
        except OSError as err:
            statuses["connect failed"] = statuses.get("connect failed", 0) + 1
        opened += 1
    return socks


def send_all(socks, payload):
    for c in socks:
        try:
            c.sendall(payload)
        except OSError:
            statuses["send failed"] = statuses.get("send failed", 0) + 1


def read_all(socks, label, timeout=10):
    deadline = time.monotonic() + timeout
    for c in socks:
        try:
            c.settimeout(max(0.01, deadline - time.monotonic()))
            data = c.recv(64)
            key = f"{label} " + (data.split(b" ")[1].decode() if data.startswith(b"HTTP/1.") else "closed" if not data else "junk")
        except socket.timeout:
            key = f"{label} no answer"
        except OSError:
            key = f"{label} reset"
        statuses[key] = statuses.get(key, 0) + 1
        c.close()


def close_all(socks):
    for c in socks:
        c.close()


# Wave 1: 500 idle connections held while the preview is asked for its page.
socks = connect_many(500)
time.sleep(0.5)
during.append(("idle", get()))
time.sleep(0.5)
close_all(socks)
# Wave 2: 500 half-sent requests.
socks = connect_many(500)
send_all(socks, f"GET / HTTP/1.1\r\nHost: {HOST}\r\nX-Half: ".encode())
time.sleep(0.5)
during.append(("half-sent", get()))
read_all(socks, "half-sent", timeout=8)  # the 5 s limit: 408 or closed
# Wave 3: 500 full GETs at once, of pages, missing pages and refused paths.
paths = ["/", "/view/traffic/2020-01-31", "/nothing", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/view/..%2f..%2f"]
for batch in range(5):
    socks = connect_many(100)
    for k, c in enumerate(socks):
        try:
            c.sendall(f"GET {paths[k % len(paths)]} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        except OSError:
            statuses["send failed"] = statuses.get("send failed", 0) + 1
    read_all(socks, "get")
during.append(("after gets", get()))
# Wave 4: 500 oversize headers: one 20 KiB header, or 100 headers.
for shape in range(2):
    socks = connect_many(250)
    if shape == 0:
        payload = f"GET / HTTP/1.1\r\nHost: {HOST}\r\nX-Big: {'a' * 20480}\r\n\r\n".encode()
    else:
        payload = (f"GET / HTTP/1.1\r\nHost: {HOST}\r\n" + "".join(f"X-{k}: v\r\n" for k in range(100)) + "\r\n").encode()
    send_all(socks, payload)
    read_all(socks, "oversize-" + ("line" if shape == 0 else "count"))
waves = opened
# Extra (beyond the 2,000): 100 event streams never read, 100 requests dripped a byte
# at a time, a foreign Host and a POST.
extra = connect_many(100)
send_all(extra, f"GET /events HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
drip = connect_many(100)
request = f"GET / HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()
for k in range(12):
    send_all(drip, request[k:k + 1])
    time.sleep(0.5)
during.append(("streams+drip", get()))
read_all(drip, "drip")
read_all(extra, "events", timeout=2)
foreign, _ = get(host="evil.example")
statuses[f"foreign host {foreign}"] = 1
time.sleep(0.5)
final, took = get()
alive = proc.poll() is None
stop.set()
proc.terminate()
proc.wait(5)
print(f"connections {waves} final {final} {took:.3f} alive {alive} threads_max {samples['threads']} fds_max {samples['fds']}")
print("during " + "; ".join(f"{name}: {st} in {t:.3f} s" for name, (st, t) in during))
print("statuses " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
EOF

if section 5; then
  t0=$(date +%s)
  project serve
  python3 "$PY/serve_stress.py" "$BIN" "$WORK/serve" >"$WORK/serve.out" 2>"$WORK/serve.err"
  rm -f "$WORK/serve.pid"
  read -r _ s_conn _ s_final s_took _ s_alive _ s_threads _ s_fds <"$WORK/serve.out"
  s_ok=$(awk -v t="$s_took" 'BEGIN { print (t < 2.0) ? 1 : 0 }')
  if [ "$s_final" != 200 ] || [ "$s_ok" != 1 ] || [ "$s_alive" != True ]; then
    fail "5. after the waves GET / gave $s_final in $s_took s (alive: $s_alive); $(cat "$WORK/serve.err")"
  fi
  if [ "${s_threads:-999}" -gt 32 ]; then fail "5. the preview grew to $s_threads threads"; fi
  echo "== 5. preview: $s_conn connections (idle, half-sent, full GETs, oversize headers) + 200 extra (event streams, dripped requests); GET / afterwards: $s_final in $s_took s; threads max $s_threads, open files max $s_fds ($(elapsed "$t0") s)"
  sed -n '2,3p' "$WORK/serve.out" | sed 's/^/   /'
fi

# ---------------------------------------------------------------------------------
# 6. Attacks in the spirit of the issue.
cat >"$PY/html_links.py" <<'EOF'
"""html_links.py FILE…: prints every attribute of the HTML files that a browser
would run as script (a javascript:/vbscript:/data: URL, an on* handler) and every
<script> element with a body, one a line; nothing when there is none."""
import html.parser, re, sys


class P(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.in_script = name, False

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            v = v or ""
            norm = re.sub(r"[\t\n\r]", "", v.lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")).lower()
            if k.startswith("on"):
                print(f"{self.name}: <{tag} {k}=…>")
            if k in ("href", "src", "action", "formaction", "xlink:href", "data", "poster") and re.match(r"(javascript|vbscript|data):", norm):
                print(f"{self.name}: <{tag} {k}={v!r}>")
        if tag == "script":
            self.in_script = True
        if tag == "base" or tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            print(f"{self.name}: <{tag}> {attrs!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            print(f"{self.name}: <script> {data[:80]!r}")


def script_url(value):
    norm = re.sub(r"[\t\n\r]", "", value.lstrip("".join(chr(c) for c in range(33)))).lower()
    return re.match(r"(javascript|vbscript|data):", norm) is not None


for name in sys.argv[1:]:
    if name.endswith(".xml"):  # an Atom feed: well-formed, no script URL, no live HTML
        import xml.etree.ElementTree as ET
        try:
            root = ET.parse(name).getroot()
        except ET.ParseError as err:
            print(f"{name}: not well-formed XML: {err}")
            continue
        for el in root.iter():
            for k, v in el.attrib.items():
                if script_url(v):
                    print(f"{name}: <{el.tag} {k}={v!r}>")
            if el.attrib.get("type") in ("html", "xhtml") and el.text:
                P(f"{name} <{el.tag}>").feed(el.text)
        continue
    if name.endswith(".urls"):  # `pdfinfo -url` output: page, type, URL
        for line in open(name, encoding="utf-8", errors="replace").read().splitlines()[1:]:
            parts = line.split(None, 2)
            if len(parts) == 3 and script_url(parts[2]):
                print(f"{name[:-5]}: link to {parts[2]!r}")
        continue
    P(name).feed(open(name, encoding="utf-8", errors="replace").read())
EOF

cat >"$PY/serve_pages.py" <<'EOF'
"""serve_pages.py BINARY PROJECT OUTDIR: saves the preview's index and every page it
links to (/view/…) as OUTDIR/page-N.html."""
import os, re, socket, subprocess, sys, time, urllib.request

BIN, PROJECT, OUT = sys.argv[1:4]
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
proc = subprocess.Popen([BIN, "serve", "--port", str(port)], cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
try:
    proc.stdout.readline()
    os.makedirs(OUT, exist_ok=True)
    index = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    pages = [index]
    for href in re.findall(r'href="(/view/[^"]+)"', index):
        try:
            pages.append(urllib.request.urlopen(f"http://127.0.0.1:{port}{href}", timeout=30).read().decode())
        except Exception as err:  # noqa: BLE001
            print(f"{href}: {err}", file=sys.stderr)
    for n, page in enumerate(pages):
        open(os.path.join(OUT, f"page-{n}.html"), "w").write(page)
    print(len(pages))
finally:
    proc.terminate()
    proc.wait(5)
EOF

# Whether project $1's outputs hold a link that would run script: prints findings.
# HTML pages: an on* attribute, a javascript:/vbscript:/data: URL (as a browser reads
# it: entities decoded, leading controls and spaces and inner tabs and line breaks
# dropped), a <script> running alert; feeds: the same, and well-formed; PDFs: a /URI
# action (`pdfinfo -url`, and the raw bytes) to such a URL, or a JavaScript action.
script_links() {
  local dir=$WORK/$1 files pdf
  find "$dir/out" -name '*.pdf' 2>/dev/null | while read -r pdf; do
    pdfinfo -url "$pdf" >"$pdf.urls" 2>/dev/null
    grep -a -o -i -E '/URI *\( *(javascript|vbscript|data)[^)]{0,40}' "$pdf" | sed "s|^|$pdf: |"
    grep -a -c -E '/S */JavaScript|/JS *[(<]' "$pdf" | grep -qv '^0$' && echo "$pdf: a /JavaScript action"
  done
  mapfile -t files < <(find "$dir/out" -name '*.html' -o -name '*.xml' -o -name '*.urls' 2>/dev/null)
  [ ${#files[@]} -gt 0 ] && python3 "$PY/html_links.py" "${files[@]}"
  find "$dir/out" -name '*.urls' -delete 2>/dev/null
  find "$dir/out" -name '*.docx' 2>/dev/null | while read -r docx; do
    unzip -p "$docx" 2>/dev/null | grep -a -o -i -E 'Target="(javascript|vbscript|data):[^"]{0,40}' | sed "s|^|$docx: |"
  done
}

if section 6; then
  t0=$(date +%s)
  a_tried=0 a_bad=0
  # 6a. Link targets that would run script, written into the bulletin's template:
  # the build must refuse them, or no output may hold them.
  targets=(
    '[x](javascript:alert(1))'
    '[x]( javascript:alert(1))'
    '[x](<javascript:alert(1)>)'
    '<javascript:alert(1)>'
    '[x](JAVASCRIPT&#58;alert(1))'
    '[x](javascript&colon;alert(1))'
    '[x](&#106;avascript:alert(1))'
    '[x](&#x6A;&#x61;vascript:alert(1))'
    '[x](java&#9;script:alert(1))'
    '[x](java&#10;script:alert(1))'
    '[x](&#0;javascript:alert(1))'
    '[x](&#x1F;javascript:alert(1))'
    '[x](javascript\:alert(1))'
    '[x](jav&#x0D;ascript:alert(1))'
    '[x](vbscript:msgbox(1))'
    '[x](data:text/html,<script>alert(1)</script>)'
    '![x](javascript:alert(1))'
    '[x][r]\n\n[r]: javascript:alert(1)'
    '[x][r]\n\n[r]: <javascript:alert(1)>'
    '<a href="javascript:alert(1)">x</a>'
    '<a href=javascript:alert(1)>x</a>'
    '<script>alert(1)</script>'
    '<img src=x onerror=alert(1)>'
    '[x](https://a.cn/"onmouseover="alert(1))'
    '[x](<https://a.cn/" onmouseover="alert(1)>)'
    '[x](https://a.cn/ "t\" onmouseover=\"alert(1)")'
    '[x](https://a.cn/"); #link("javascript:alert(1)")[y]; ("x)'
    '[x](<https://a.cn/"); link("javascript:alert(1)")[y] + ("x>)'
    '[x]({{ "java" ~ "script:alert(1)" }})'
    '{{ "[x](javascript:alert(1))" }}'
    '[x](\\\\\\\\evil.example/x)'
    '[x](//evil.example/x)'
    '#link("javascript:alert(1)")[x]'
    '`#link("javascript:alert(1)")[x]`'
    '$#link("javascript:alert(1)")[x]$'
  )
  for target in "${targets[@]}"; do
    a_tried=$((a_tried + 1))
    project links
    printf '\n詳見%b。\n' "$target" >>"$WORK/links/templates/traffic/bulletin.md"
    run links build
    rc=$?
    found=$(script_links links | paste -sd";" -)
    if [ -n "$found" ]; then
      a_bad=$((a_bad + 1))
      keep "link-$a_tried" links
      fail "6a. template link $target: build exited $rc and the outputs hold: $found"
    fi
    echo "   6a. $target -> build exit $rc: $(head -n1 "$WORK/last.err" | cut -c1-110)" >>"$WORK/attacks.log"
  done
  # The same targets as a correction's --reason (the note and the notice print it).
  for target in '[x](javascript:alert(1))' '<javascript:alert(1)>' '[x](JAVASCRIPT&#58;alert(1))' '<script>alert(1)</script>' '<img src=x onerror=alert(1)>' ']]></title><script>alert(1)</script>' '[x](data:text/html,x)' '#link("javascript:alert(1)")[x]'; do
    a_tried=$((a_tried + 1))
    project reason
    publish reason >/dev/null
    set_cases reason 1530
    publish reason --reason "$target"
    rc=$?
    run reason site
    found=$(script_links reason | paste -sd";" -)
    if [ -n "$found" ]; then
      a_bad=$((a_bad + 1))
      keep "reason-$a_tried" reason
      fail "6a. --reason $target: publish exited $rc; outputs hold: $found"
    fi
    echo "   6a. --reason $target -> publish exit $rc: $(head -n1 "$WORK/last.err" | cut -c1-100)" >>"$WORK/attacks.log"
  done
  # The layout writing a link itself (Typst code of the template author).
  a_tried=$((a_tried + 1))
  project layoutlink
  sed -i 's|^  body$|  link("javascript:alert(1)")[x]\n  body|' "$WORK/layoutlink/templates/traffic/layout.typ"
  run layoutlink build
  rc=$?
  found=$(script_links layoutlink | paste -sd";" -)
  echo "   6a. layout.typ #link(\"javascript:alert(1)\") -> build exit $rc: $(head -n1 "$WORK/last.err" | cut -c1-100)${found:+; outputs hold: $found}" >>"$WORK/attacks.log"
  if [ -n "$found" ]; then
    a_bad=$((a_bad + 1))
    keep layout-link layoutlink
    fail "6a. a link written by layout.typ reaches the PDF: $found"
  fi

  # 6b. Planted names: a series folder and a title with HTML characters, published,
  # then the site built; no page may hold a live element or attribute from them.
  # (A folder name cannot hold `/`, so no closing tag.)
  names=('x"><svg onload=alert(1)>' "y'><img src=x onerror=alert(2)>" 'z&amp;<b>bold<b>' "w\`\${alert(3)}" 'v onmouseover=alert(4) x' '<script>alert(5)<')
  for name in "${names[@]}"; do
    a_tried=$((a_tried + 1))
    project planted
    mv "$WORK/planted/templates/traffic" "$WORK/planted/templates/$name"
    mv "$WORK/planted/data/traffic" "$WORK/planted/data/$name"
    planted_file="data/$name/2020-01-31.yaml"
    next_epoch
    SOURCE_DATE_EPOCH=$EPOCH run planted publish "$planted_file"
    prc=$?
    perr=$(head -n1 "$WORK/last.err" | cut -c1-100)
    run planted site
    src=$?
    run planted site --drafts
    # And the preview's pages of it.
    pages=$(python3 "$PY/serve_pages.py" "$BIN" "$WORK/planted" "$WORK/planted/out/preview" 2>>"$WORK/attacks.err")
    found=$(script_links planted | paste -sd";" -)
    echo "   6b. series folder $name -> publish exit $prc${perr:+ ($perr)}, site exit $src, ${pages:-0} preview pages read" >>"$WORK/attacks.log"
    if [ -n "$found" ]; then
      a_bad=$((a_bad + 1))
      keep "planted-$a_tried" planted
      fail "6b. series folder $name: $found"
    fi
  done
  for title in '</title><script>alert(1)</script>' '<img src=x onerror=alert(1)>' '"><svg onload=alert(1)>' ']]><script>alert(1)</script>'; do
    a_tried=$((a_tried + 1))
    project title
    python3 - "$WORK/title/templates/traffic/series.yaml" "$title" <<'EOF'
import json, sys
path, title = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = text.replace("title: 市交通安全整治情況通報", "title: " + json.dumps("市交通" + title), 1)
text = text.replace("author: 市公安局交通警察支隊", "author: " + json.dumps("市公安局" + title), 1)
open(path, "w", encoding="utf-8").write(text)
EOF
    publish title
    prc=$?
    set_cases title 1531
    publish title --reason "$title"
    crc=$?
    run title site
    found=$(script_links title | paste -sd";" -)
    echo "   6b. title/author $title -> publish exit $prc, correction exit $crc" >>"$WORK/attacks.log"
    if [ -n "$found" ]; then
      a_bad=$((a_bad + 1))
      keep "title-$a_tried" title
      fail "6b. title $title: $found"
    fi
  done

  # 6c. Publishes racing an edit of the figure file: whatever version results, its
  # archived figure file, Markdown and record must agree (the snapshot promise).
  a_tried=$((a_tried + 1))
  project race
  publish race >/dev/null
  race_bad=0
  for ((r = 1; r <= 15; r++)); do
    a=$((5000 + 2 * r)) b=$((5001 + 2 * r))
    set_cases race $a
    next_epoch
    pids=()
    for i in 1 2 3; do
      (cd "$WORK/race" && SOURCE_DATE_EPOCH=$EPOCH exec "$BIN" publish "$FILE" --reason "race $r" >/dev/null 2>&1) &
      pids+=($!)
    done
    sleep "0.0$((RANDOM % 10))"
    set_cases race $b
    wait "${pids[@]}"
    next_epoch
    SOURCE_DATE_EPOCH=$EPOCH run race publish "$FILE" --reason "race $r settle"
    check_archive race strict "$(sha_of "$WORK/race/$FILE")" || { race_bad=$((race_bad + 1)); fail "6c. race $r: $(grep problem "$WORK/check.out" | tr '\n' ' ')"; }
    for v in "$WORK/race/$PERIOD"/v*; do
      cases=$(grep -oE '^    cases: [0-9]+' "$v/inputs/$FILE" | head -n1 | grep -oE '[0-9]+')
      grep -q "超速${cases}起" "$v/2020-01-31.md" || { race_bad=$((race_bad + 1)); fail "6c. race $r: $(basename "$v") archived cases $cases but its Markdown says otherwise"; }
    done
  done
  verify_ok race "$CHECK_VERSIONS" || { race_bad=$((race_bad + 1)); fail "6c. verify after the races"; }
  [ "$race_bad" = 0 ] || a_bad=$((a_bad + 1))
  echo "   6c. 15 rounds of 3 publishes racing an edit: $CHECK_VERSIONS versions, disagreements $race_bad" >>"$WORK/attacks.log"

  # 6d. Control characters written as YAML escapes in a figure file's key, group,
  # field or value must not reach the terminal raw through a diagnostic (with
  # NO_COLOR set the tool writes no escape of its own).
  for edit in 's/^as_of: 2020-01-31$/as_of: 2020-01-31\n"\\e[1A\\e[2K\\rok data\/traffic\/2020-01-31.yaml\\e[8m": 1/' \
    's/^  speeding:$/  "speeding\\e[2J":/' 's/^    cases: 1520$/    "cases\\u009b2J": 1520/' \
    's/^    cases: 1520$/    cases: "1520\\e[8m"/' 's/^as_of: 2020-01-31$/as_of: "2020-01-31\\e]0;x\\a"/'; do
    a_tried=$((a_tried + 1))
    project ctl
    sed -i "$edit" "$WORK/ctl/$FILE"
    run ctl check
    rc=$?
    raw=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read().decode("utf-8","replace"); print(sum(1 for c in d if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0))' "$WORK/last.err")
    echo "   6d. figure file edit $edit -> check exit $rc, raw control characters on stderr: $raw" >>"$WORK/attacks.log"
    if [ "$rc" = 0 ] || [ "$raw" != 0 ]; then
      a_bad=$((a_bad + 1))
      keep "ctl-$a_tried" ctl
      fail "6d. figure file edit $edit: check exit $rc, $raw raw control characters in its diagnostics"
    fi
  done

  echo "== 6. attacks: $a_tried tried (template links, reasons, a layout link, planted series names, titles, racing edits, control characters in diagnostics), failures: $a_bad ($(elapsed "$t0") s)"
  cat "$WORK/attacks.log"
fi

echo "== total: $(elapsed "$START") s, failures: $FAILURES"
[ -s "$WORK/failures/list" ] && sed 's/^/   /' "$WORK/failures/list"
[ "$FAILURES" = 0 ]
