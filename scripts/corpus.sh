#!/usr/bin/env bash
# Runs the generator over every spec of the corpus (`../shared/corpus/MANIFEST.tsv`, multi-file
# entry points included) and the repository's OpenAPI 3.2 fixture, then `cargo check`s each
# generated crate one at a time, and prints a Markdown table: spec, version, operations, types,
# lines, generation time, check result, check time. Too slow for CI (tens of minutes cold); run it on demand:
#
#     scripts/corpus.sh              # CORPUS=dir to read another corpus, CORPUS_WORK=dir for output
#
# All crates share one CARGO_TARGET_DIR, so their dependencies are built once.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus}
work=${CORPUS_WORK:-${TMPDIR:-/tmp}/specforge-corpus}
if [ ! -f "$corpus/MANIFEST.tsv" ]; then
    echo "corpus.sh: no corpus at $corpus (expected $corpus/MANIFEST.tsv; set CORPUS)" >&2
    exit 2
fi
mkdir -p "$work/crates" "$work/logs"
(cd "$root" && cargo build --release -q -p specforge) || exit 4
specforge=$root/target/release/specforge

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { t = b - a; if (t < 1) printf "%.0f ms", t * 1000; else printf "%.1f s", t }'; }

# A spec's slug names its crate directory and, prefixed, its package: letters, digits and `-`
# only (a `.` in a package name is refused by cargo).
slug_of() { echo "$1" | tr '/.:' '___' | tr 'A-Z' 'a-z' | tr '_' '-'; }

# Generate every crate first.
specs=$(awk -F'\t' 'NR > 1 { print $1 "\t" $3 }' "$corpus/MANIFEST.tsv")
# The repository's OpenAPI 3.2 fixture (no spec of the corpus is 3.2 yet): streamed responses
# described item by item. Named `repo:<path>`, relative to the repository.
specs+=$'\n'"repo:tests/specs/streams.yaml"$'\t'"3.2.0"

# Where a spec of the list is: in the corpus, or in the repository.
path_of() {
    case "$1" in
        repo:*) echo "$root/${1#repo:}" ;;
        *) echo "$corpus/$1" ;;
    esac
}
declare -A gen_result gen_time version
while IFS=$'\t' read -r spec spec_version; do
    slug=$(slug_of "$spec")
    version[$spec]=$spec_version
    args=(generate --spec "$(path_of "$spec")" --out "$work/crates/$slug" --crate-name "corpus-$slug")
    case "$spec" in
        # A multi-file spec may refer to files beside its entry point's directory.
        multifile/*) args+=(--ref-root "$corpus/$(echo "$spec" | cut -d/ -f1-2)") ;;
    esac
    start=$(now)
    "$specforge" "${args[@]}" > "$work/logs/$slug.generate" 2>&1
    code=$?
    gen_time[$spec]=$(elapsed "$start" "$(now)")
    gen_result[$spec]=$code
done <<< "$specs"

export CARGO_TARGET_DIR=$work/target
echo "| spec | version | operations | types | lines | generation | cargo check | check time |"
echo "|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r spec spec_version; do
    slug=$(slug_of "$spec")
    log=$work/logs/$slug.generate
    if [ "${gen_result[$spec]}" != 0 ]; then
        reason=$(grep -m1 '^error' "$log" | sed 's/|/\\|/g')
        echo "| $spec | ${version[$spec]} | | | | ${gen_time[$spec]} | refused: $reason | |"
        continue
    fi
    counts=$(grep -o 'generated [0-9]* operation(s) and [0-9]* type(s)' "$log")
    operations=$(echo "$counts" | awk '{ print $2 }')
    types=$(echo "$counts" | awk '{ print $5 }')
    lines=$(find "$work/crates/$slug/src" -name '*.rs' -exec cat {} + | wc -l)
    warnings=$(grep -c '^warning' "$log")
    start=$(now)
    (cd "$work/crates/$slug" && cargo check --quiet --message-format short > "$work/logs/$slug.check" 2>&1)
    code=$?
    check_time=$(elapsed "$start" "$(now)")
    rust_warnings=$(grep -c 'warning' "$work/logs/$slug.check")
    if [ $code = 0 ]; then result="ok, $rust_warnings Rust warnings"; else result="FAILED ($(grep -c -E '^(error|[^ ]*: error)' "$work/logs/$slug.check") errors)"; fi
    echo "| $spec | ${version[$spec]} | $operations | $types | $lines | ${gen_time[$spec]} ($warnings spec warnings) | $result | $check_time |"
done <<< "$specs"
