#!/usr/bin/env bash
# Times `isolate migrate --dry-run` and `isolate check` next to `rg -l` (ripgrep listing the files that name an
# Electron API) on the same trees, several runs each, side by side, and prints the medians and the ratios per tree,
# with each command's peak RSS. Timings on a shared machine are noisy: read the ratios, not the seconds.
#
#   scripts/bench-migrate.sh                      # the generated 20,000-file monorepo, 7 runs each
#   FILES=50000 RUNS=11 scripts/bench-migrate.sh
#   scripts/bench-migrate.sh ~/apps/insomnia ~/apps/joplin   # real trees (not committed) instead
#   GENERATED=1 scripts/bench-migrate.sh ~/apps/insomnia     # both
set -euo pipefail
cd "$(dirname "$0")/.."

FILES="${FILES:-20000}"
RUNS="${RUNS:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v rg >/dev/null || { echo "bench-migrate: ripgrep (rg) is not installed (apt-get install ripgrep)" >&2; exit 1; }
go build -o "$work/isolate" ./cmd/isolate

trees=("$@")
if [ -n "${TREE:-}" ]; then trees+=("$TREE"); fi
if [ ${#trees[@]} -eq 0 ] || [ -n "${GENERATED:-}" ]; then
  go run ./scripts/gentree "$work/acme" "$FILES"
  # ripgrep honours .gitignore only inside a git repository; isolate always does. Make both see the same rules.
  git -C "$work/acme" init -q
  trees=("$work/acme" "${trees[@]}")
fi

rg_pattern='electron|BrowserWindow|ipcRenderer|ipcMain|contextBridge|preload'
now() { date +%s.%N; }
time_one() { # prints the seconds one command took, its output thrown away
  local start end
  start=$(now)
  "$@" >/dev/null 2>&1 || true
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
peak_kb() { # peak RSS of one run, in KB, when GNU time is there
  if [ -x /usr/bin/time ]; then /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; else echo "?"; fi
}

summary=()
for tree in "${trees[@]}"; do
  echo "tree: $tree ($(find "$tree" -type f -not -path '*/node_modules/*' -not -path '*/.git/*' | wc -l) files outside node_modules)"
  # One warm-up run each, so all read from the page cache.
  time_one "$work/isolate" migrate --dry-run "$tree" >/dev/null
  time_one rg -l -e "$rg_pattern" "$tree" >/dev/null
  : >"$work/migrate.times"; : >"$work/check.times"; : >"$work/rg.times"
  printf '%-4s %10s %10s %10s\n' run migrate check rg
  for i in $(seq 1 "$RUNS"); do
    a=$(time_one "$work/isolate" migrate --dry-run "$tree")
    b=$(time_one "$work/isolate" check "$tree")
    c=$(time_one rg -l -e "$rg_pattern" "$tree")
    echo "$a" >>"$work/migrate.times"; echo "$b" >>"$work/check.times"; echo "$c" >>"$work/rg.times"
    printf '%-4s %9.3fs %9.3fs %9.3fs\n' "$i" "$a" "$b" "$c"
  done
  mm=$(median <"$work/migrate.times"); mc=$(median <"$work/check.times"); mr=$(median <"$work/rg.times")
  printf 'median %7.3fs %9.3fs %9.3fs\n' "$mm" "$mc" "$mr"
  rss_m=$(peak_kb "$work/isolate" migrate --dry-run "$tree"); rss_c=$(peak_kb "$work/isolate" check "$tree")
  line=$(awk -v m="$mm" -v c="$mc" -v r="$mr" -v t="$tree" -v rm="$rss_m" -v rc="$rss_c" \
    'BEGIN { printf "%-40s migrate/rg %5.2f  check/rg %5.2f  peak RSS migrate %s KB, check %s KB", t, m / r, c / r, rm, rc }')
  echo "$line"
  summary+=("$line")
  echo
done
echo "ratios to rg -l (median of $RUNS runs each):"
printf '%s\n' "${summary[@]}"
