#!/usr/bin/env bash
# Checks `specforge diff`'s verdicts against cargo-semver-checks: for each synthetic spec pair
# in generator/tests/fixtures/diff/, generates the old and the new crate into a temporary
# directory, runs `cargo semver-checks check-release` on them (both crates carry the same
# version, so any break it finds fails the check), and prints
#   pair | diff verdict | semver-checks verdict | agree
# where a verdict is `breaking` (a major bump) or `ok` (a minor or patch bump, or no change).
#
# Usage: scripts/semver-agreement.sh [PAIR...]     (default: every pair; needs
# `cargo install cargo-semver-checks`; slow: two rustdoc builds per pair, so not in CI)
#
# Some breaks are behavioural and invisible to a signature checker: a tightened parameter
# constraint, a changed default media type or a removed success status change what the
# generated code does, not its item signatures. For those, `diff` says breaking and
# cargo-semver-checks ok; the table marks them `behavioural` rather than `no`. Likewise
# cargo-semver-checks (0.51) has no lint for a changed field, parameter or body type; those
# pairs are marked `type-unchecked`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo semver-checks --version >/dev/null 2>&1; then
    echo "cargo-semver-checks is not installed: cargo install cargo-semver-checks" >&2
    exit 2
fi
cargo build --quiet -p specforge
specforge="$PWD/target/debug/specforge"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One target directory for every generated crate: the dependencies build once.
export CARGO_TARGET_DIR="$work/target"

behavioural='parameter-constraint-tightened|success-media-type|success-status-removed|media-type-changed|operation-moved'
type_changes='field-type|parameter-type|body-type|success-type|alias-type|error-type|media-type-body|union-member-type|field-optionality'

if [ "$#" -gt 0 ]; then pairs=("$@"); else pairs=($(ls generator/tests/fixtures/diff)); fi
printf '%-32s | %-8s | %-13s | %s\n' pair diff semver-checks agree
disagreements=0
for pair in "${pairs[@]}"; do
    dir="generator/tests/fixtures/diff/$pair"
    for side in old new; do
        if ! "$specforge" generate --quiet --spec "$dir/$side.yaml" --out "$work/$pair/$side" \
            --crate-name things-api >/dev/null 2>"$work/$pair-$side.log"; then
            cat "$work/$pair-$side.log" >&2
            exit 1
        fi
        # The workspace lock file pins the dependency versions already built here.
        cp Cargo.lock "$work/$pair/$side/"
    done
    if "$specforge" diff "$dir/old.yaml" "$dir/new.yaml" --quiet --fail-on breaking >/dev/null; then
        ours=ok
    else
        ours=breaking
    fi
    log="$work/$pair/semver-checks.log"
    if cargo semver-checks check-release --baseline-root "$work/$pair/old" \
        --manifest-path "$work/$pair/new/Cargo.toml" >"$log" 2>&1; then
        theirs=ok
    elif grep -q "semver requires new major" "$log"; then
        theirs=breaking
    elif grep -q "semver requires new minor" "$log"; then
        # A minor bump (e.g. a newly #[deprecated] method) is not a break.
        theirs=ok
    else
        theirs=error
        echo "cargo-semver-checks failed on $pair (see below)" >&2
        tail -20 "$log" >&2
    fi
    if [ "$ours" = "$theirs" ]; then
        agree=yes
    elif [ "$ours" = breaking ] && [ "$theirs" = ok ] && grep -Eq "^breaking ($behavioural) " "$dir/expected.txt"; then
        agree=behavioural
    elif [ "$ours" = breaking ] && [ "$theirs" = ok ] && grep -Eq "^breaking ($type_changes) " "$dir/expected.txt"; then
        agree=type-unchecked
    else
        agree=no
        disagreements=$((disagreements + 1))
    fi
    printf '%-32s | %-8s | %-13s | %s\n' "$pair" "$ours" "$theirs" "$agree"
done
echo "$disagreements disagreement(s)"
[ "$disagreements" -eq 0 ]
