#!/usr/bin/env bash
# Scores `newsflow extract` on the ScrapingHub article-extraction benchmark (181 pages):
# builds the newsflow jar when needed, extracts every page into a temporary directory in one JVM,
# then runs the benchmark's own metric (evaluate.py). Extra arguments go to evaluate.py
# (e.g. --per-doc per-doc.tsv). Set NEWSFLOW_SHARED to use another shared/ directory and
# KEEP_PREDICTIONS=DIR to keep the extracted records.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${NEWSFLOW_SHARED:-}"
if [[ -z "$shared" ]]; then
  # ../shared beside the clone, or beside a parent folder (worktrees live one level deeper)
  d="$repo"
  while [[ "$d" != "/" && -z "$shared" ]]; do
    [[ -d "$d/../shared/bench" ]] && shared="$(cd "$d/../shared" && pwd)"
    d="$(dirname "$d")"
  done
fi
aeb="$shared/bench/extraction/aeb"
[[ -d "$aeb/html_gz" ]] || { echo "score.sh: no benchmark pages in $aeb/html_gz" >&2; exit 2; }
pred="${KEEP_PREDICTIONS:-$(mktemp -d)}"
[[ -n "${KEEP_PREDICTIONS:-}" ]] || trap 'rm -rf "$pred"' EXIT
"$repo/newsflow" extract "$aeb/html_gz" --urls "$aeb/ground-truth.json" --out "$pred" || [[ $? -eq 3 ]]
python3 "$shared/bench/extraction/evaluate.py" --gt "$aeb/ground-truth.json" --pred "$pred" "$@"
