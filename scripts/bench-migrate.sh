#!/usr/bin/env bash
# Times `isolate migrate --dry-run` next to ripgrep on the same generated monorepo, several runs each, side by
# side, and prints the medians and their ratio. Timings on a shared machine are noisy: read the ratio, not the
# seconds.
#
#   scripts/bench-migrate.sh            # 20,000 files, 7 runs each
#   FILES=50000 RUNS=11 scripts/bench-migrate.sh
#   TREE=/path/to/a/real/repo scripts/bench-migrate.sh   # a real tree instead of the generated one
set -euo pipefail
cd "$(dirname "$0")/.."

FILES="${FILES:-20000}"
RUNS="${RUNS:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v rg >/dev/null || { echo "bench-migrate: ripgrep (rg) is not installed (apt-get install ripgrep)" >&2; exit 1; }
go build -o "$work/isolate" ./cmd/isolate

tree="${TREE:-}"
if [ -z "$tree" ]; then
  tree="$work/acme"
  go run ./scripts/gentree "$tree" "$FILES"
  # ripgrep honours .gitignore only inside a git repository; isolate always does. Make both see the same rules.
  git -C "$tree" init -q
fi
echo "tree: $tree ($(find "$tree" -type f | wc -l) files)"

now() { date +%s.%N; }
time_one() { # prints the seconds one command took, its output thrown away
  local start end
  start=$(now)
  "$@" >/dev/null 2>&1 || true
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One warm-up run each, so both read from the page cache.
time_one "$work/isolate" migrate --dry-run "$tree" >/dev/null
time_one rg -c 'window\.' "$tree" >/dev/null

: >"$work/isolate.times"
: >"$work/rg.times"
printf '%-4s %12s %12s\n' run isolate rg
for i in $(seq 1 "$RUNS"); do
  a=$(time_one "$work/isolate" migrate --dry-run "$tree")
  b=$(time_one rg -c 'window\.' "$tree")
  echo "$a" >>"$work/isolate.times"
  echo "$b" >>"$work/rg.times"
  printf '%-4s %11.3fs %11.3fs\n' "$i" "$a" "$b"
done
mi=$(median <"$work/isolate.times")
mr=$(median <"$work/rg.times")
printf 'median %9.3fs %11.3fs\n' "$mi" "$mr"
awk -v a="$mi" -v b="$mr" 'BEGIN { printf "ratio isolate/rg: %.2f\n", a / b }'
