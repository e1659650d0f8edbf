#!/bin/sh
# One edit of a figure file and the rebuild, for timing from outside with farm-bench:
#   farm-bench -n 21 --vs 'typst compile …' -- benches/edit-rebuild.sh BULLETIN PROJECT
# toggles the first food figure of PROJECT's first period (150 ↔ 149, as the pipeline
# benchmark's files have it) and runs `BULLETIN build --root PROJECT`.
set -e
file=$(ls "$2"/data/shiyaohuan/*.yaml | head -n 1)
if grep -q "{cases: 150," "$file"; then
  sed -i 's/{cases: 150,/{cases: 149,/' "$file"
else
  sed -i 's/{cases: 149,/{cases: 150,/' "$file"
fi
exec "$1" build --root "$2" >/dev/null 2>&1
