#!/usr/bin/env bash
# Checks that a refactoring did not change what the generator writes: builds the generator
# (release) at git revision REV (default HEAD, i.e. the last commit) and from this checkout,
# generates the fragment, the full Atlas spec (with the layout and with prettyplease) and every
# spec of the corpus (`../shared/corpus/MANIFEST.tsv`, multi-file entry points with their
# directory as `--ref-root`) with both, and compares the output directories byte for byte.
# Prints one line per spec and exits 1 if any output (or exit status) differs.
#
#     scripts/same-output.sh [REV]    # ATLAS_SPEC=file, CORPUS=dir to read others
#
# Takes a few minutes, most of it the two release builds (the revision's in its own worktree
# and target directory under ${TMPDIR:-/tmp}/specforge-same-output, kept between runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD}
corpus=${CORPUS:-$root/../shared/corpus}
atlas=${ATLAS_SPEC:-$root/../shared/specs/atlas-admin-v2.yaml}
work=${TMPDIR:-/tmp}/specforge-same-output
for input in "$corpus/MANIFEST.tsv" "$atlas"; do
    [ -f "$input" ] || { echo "same-output.sh: $input is missing (set CORPUS / ATLAS_SPEC)" >&2; exit 2; }
done
mkdir -p "$work"
commit=$(git -C "$root" rev-parse --verify "$rev^{commit}")
if [ ! -d "$work/tree" ]; then
    git -C "$root" worktree add --detach "$work/tree" "$commit" >/dev/null
else
    git -C "$work/tree" checkout -q --detach "$commit"
fi
(cd "$work/tree" && CARGO_TARGET_DIR=$work/target cargo build --release -q -p specforge)
(cd "$root" && cargo build --release -q -p specforge)
before=$work/target/release/specforge
after=$root/target/release/specforge

status=0
compare() { # name spec [generate options...]
    local name=$1 spec=$2
    shift 2
    rm -rf "$work/out-before" "$work/out-after"
    local rc_before=0 rc_after=0
    "$before" generate --quiet --spec "$spec" --out "$work/out-before" "$@" >/dev/null 2>&1 || rc_before=$?
    "$after" generate --quiet --spec "$spec" --out "$work/out-after" "$@" >/dev/null 2>&1 || rc_after=$?
    if [ "$rc_before" != "$rc_after" ]; then
        echo "$name: exit status $rc_before before, $rc_after after"
        status=1
    elif diff -r "$work/out-before" "$work/out-after" >"$work/diff" 2>&1; then
        echo "$name: identical ($(find "$work/out-after" -type f 2>/dev/null | wc -l) files, exit status $rc_after)"
    else
        echo "$name: DIFFERS"
        head -20 "$work/diff"
        status=1
    fi
}
compare fragment "$root/spec/restore-job.yaml"
compare atlas "$atlas"
compare "atlas --printer prettyplease" "$atlas" --printer prettyplease
while IFS=$'\t' read -r spec _; do
    case $spec in
        multifile/*)
            directory=${spec#multifile/}
            compare "$spec" "$corpus/$spec" --ref-root "$corpus/multifile/${directory%%/*}"
            ;;
        *) compare "$spec" "$corpus/$spec" ;;
    esac
done < <(tail -n +2 "$corpus/MANIFEST.tsv")
exit $status
