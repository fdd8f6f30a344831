#!/usr/bin/env bash
# Compile time of a generated client crate, crate-only: what a user pays on every clean CI run.
#
# Generates the crate from a spec (default: the full Atlas spec) into an empty directory with
# the generator built (release) from this checkout and, with --baseline REV (repeatable), from
# other git revisions too (`--baseline HEAD~3 --baseline be5b6de`: a recent revision and the
# first version, side by side in one run); builds the crates' dependencies once; then times `cargo check` and a debug
# `cargo build` of each generated crate alone (CARGO_INCREMENTAL=0, its lib.rs touched before
# every run, baseline and current runs alternated), for the whole crate and for one tag
# feature, and the generation itself (whole process, and by stage with `--timings`). Prints a
# markdown table of medians and ratios current/baseline; optional flags add
# where the compiler spends the time. See docs/benchmarks.md, "Compile time".
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/measure-compile.sh [options]

  --spec PATH        spec to generate from (default: $ATLAS_SPEC or ../shared/specs/atlas-admin-v2.yaml)
  --tag NAME         generate only this tag (repeatable): a small crate, for trying the script
  --baseline REV     also generate with the generator built at git revision REV, side by side
                     (repeatable: every baseline is measured in the same alternated runs, and
                     the report has a ratio current/baseline for each)
  --runs N           timed runs per measurement, median reported (default 5)
  --feature NAME     the tag feature measured alone (default cloud-backups; skipped if absent)
  --check-only       time `cargo check` only (no debug builds)
  --with-feature NAME  also time `cargo check` of the current crate with this crate feature
                     on (`mock`, `record`, `tower`) against the same crate without it, in
                     alternated pairs
  --target-dir DIR   cargo target dir for the generated crates (default target/measure-compile,
                     kept between runs so dependencies are built only once)
  --timings          also run `cargo build --timings` once per crate (HTML report kept)
  --time-passes      also print rustc's slowest passes (-Z time-passes, via RUSTC_BOOTSTRAP=1)
  --self-profile     also record rustc's self-profile (-Z self-profile, with query keys) of a
                     debug build and summarize it by query and by item kind with
                     scripts/self-profile-by-item (built on first use)
  --llvm-lines       also print the top monomorphised functions (needs cargo-llvm-lines)
  --callers          also time the debug build of two programs using each crate (the program
                     alone, and with the crate's own build): one calling a single operation
                     (--caller-operation), one calling every operation; each takes the
                     `build` and `decode_response` of its operations, which compiles what
                     they encode and decode. A crate whose API lacks these is left out.
  --caller-operation NAME  the operation type of the one-operation program (default: the
                     first in name order)
  --progenitor       also generate with cargo-progenitor (for the tags of --progenitor-tag)
                     and measure its crate the same way
  --progenitor-tag NAME  tag for the progenitor comparison (repeatable; default "Alerts" and "Invoices")
  --keep             keep the work directory (generated crates, reports)
  -h, --help         this text
EOF
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
spec=${ATLAS_SPEC:-$root/../shared/specs/atlas-admin-v2.yaml}
baselines=()
runs=5
feature=cloud-backups
target_dir=$root/target/measure-compile
tags=()
progenitor_tags=()
timings=0 time_passes=0 self_profile=0 llvm_lines=0 progenitor=0 keep=0 callers=0 caller_operation=""
check_only=0 with_feature=""

while [[ $# -gt 0 ]]; do
    case $1 in
        --spec) spec=$2; shift 2 ;;
        --tag) tags+=("$2"); shift 2 ;;
        --baseline) baselines+=("$2"); shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --feature) feature=$2; shift 2 ;;
        --target-dir) target_dir=$2; shift 2 ;;
        --check-only) check_only=1; shift ;;
        --with-feature) with_feature=$2; shift 2 ;;
        --timings) timings=1; shift ;;
        --time-passes) time_passes=1; shift ;;
        --self-profile) self_profile=1; shift ;;
        --llvm-lines) llvm_lines=1; shift ;;
        --callers) callers=1; shift ;;
        --caller-operation) caller_operation=$2; shift 2 ;;
        --progenitor) progenitor=1; shift ;;
        --progenitor-tag) progenitor_tags+=("$2"); shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ ${#progenitor_tags[@]} -gt 0 ]] || progenitor_tags=("Alerts" "Invoices")
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "--runs needs a positive number, got '$runs'" >&2; exit 2; }
if [[ ! -f $spec ]]; then
    echo "spec not found: $spec (set ATLAS_SPEC or pass --spec)" >&2
    exit 2
fi
spec=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
mkdir -p "$target_dir"
target_dir=$(cd "$target_dir" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/measure-compile.XXXXXX")
baseline_srcs=()
cleanup() {
    for src in "${baseline_srcs[@]}"; do
        git -C "$root" worktree remove --force "$src" >/dev/null 2>&1 || true
    done
    if [[ $keep == 1 ]]; then
        echo "work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

log() { echo "measure-compile: $*" >&2; }

# --- generators ----------------------------------------------------------------------------

mkdir -p "$work/bin"
log "building the generator of this checkout (release)"
cargo build --quiet --release -p specforge --manifest-path "$root/Cargo.toml" --target-dir "$root/target"
cp "$root/target/release/specforge" "$work/bin/specforge-current"

# Baseline i is the side `baseline<i>`; the report names it by the revision as given.
sides=()
declare -A revision_of label_of
for i in "${!baselines[@]}"; do
    side=baseline$((i + 1))
    revision_of[$side]=$(git -C "$root" rev-parse --verify "${baselines[$i]}^{commit}")
    label_of[$side]="\`${baselines[$i]}\` (${revision_of[$side]:0:10})"
    src=$work/$side-src
    baseline_srcs+=("$src")
    log "building the generator at ${baselines[$i]} (${revision_of[$side]}) in a temporary worktree"
    git -C "$root" worktree add --quiet --detach "$src" "${revision_of[$side]}"
    # A target dir of their own that outlives the run: the baselines' dependencies are built
    # once, and this checkout's target/release/specforge stays this checkout's.
    cargo build --quiet --release -p specforge --manifest-path "$src/Cargo.toml" \
        --target-dir "$root/target/measure-compile-baseline"
    cp "$root/target/measure-compile-baseline/release/specforge" "$work/bin/specforge-$side"
    sides+=("$side")
done
sides+=(current)
label_of[current]="current ($(git -C "$root" rev-parse --short=10 HEAD)$(git -C "$root" diff --quiet HEAD -- generator templates || echo ", modified"))"

# --- generated crates, one workspace so that they share one lockfile and one target dir -----

tag_args=()
for tag in "${tags[@]}"; do tag_args+=(--tag "$tag"); done

declare -A crate_of generate_ms
for side in "${sides[@]}"; do
    crate_of[$side]=measured-$side
    dir=$work/crates/$side
    samples=()
    for _ in $(seq "$runs"); do
        rm -rf "$dir"
        start=$EPOCHREALTIME
        "$work/bin/specforge-$side" generate --quiet --spec "$spec" --out "$dir" \
            --crate-name "${crate_of[$side]}" "${tag_args[@]}" 2>"$work/generate-$side.log" || {
            cat "$work/generate-$side.log" >&2
            exit 1
        }
        samples+=("$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')")
    done
    generate_ms[$side]=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    log "generated $side crate: $(tail -n 1 "$work/generate-$side.log")"
done

# Generation by stage: `generate --timings` (its own runs: printing the timings costs a little),
# the duration of each stage on the main thread, and the thread time of building the parts'
# tokens and of laying them out (summed over the parts, on every thread), median of $runs runs.
# A generator too old for `--timings`, or without one of these stages, shows "–".
stages=("load" "lower" "emit and print sources" "emit, all parts" "print, all parts" "write")
declare -A stage_ms
for side in "${sides[@]}"; do
    declare -A stage_samples=()
    for _ in $(seq "$runs"); do
        rm -rf "$work/stages-$side"
        "$work/bin/specforge-$side" generate --quiet --timings --spec "$spec" --out "$work/stages-$side" \
            "${tag_args[@]}" >/dev/null 2>"$work/timings-$side.log" || true
        for stage in "${stages[@]}"; do
            value=$(awk -v s="$stage" '$4 == "main" || $4 == "all" {
                name = $5; for (i = 6; i <= NF; i++) name = name " " $i
                sub(/ \([0-9]+ spans\)$/, "", name)
                if (name == s) print $3 }' "$work/timings-$side.log")
            if [[ -n $value ]]; then stage_samples[$stage]+="$value "; fi
        done
    done
    for stage in "${stages[@]}"; do
        stage_ms[$side,$stage]=$(tr ' ' '\n' <<<"${stage_samples[$stage]:-}" | { grep . || true; } | sort -n \
            | awk '{ v[NR] = $1 } END { if (NR) printf "%.0f", v[int((NR + 1) / 2)]; else print "–" }')
    done
    unset stage_samples
    rm -rf "$work/stages-$side"
done

members=""
for side in "${sides[@]}"; do members+="\"crates/$side\", "; done

# Programs using the crates (--callers): a binary crate per side and kind that takes the
# `build` and `decode_response` of its operations as function pointers, so that their code
# and the serde code they reach are compiled in the program where the generated crate leaves
# it to its callers (its `#[inline]` functions), and found already compiled where it does not.
caller_sides=()
caller_one=""
if [[ $callers == 1 ]]; then
    for side in "${sides[@]}"; do
        operations=$(sed -n 's/^impl runtime::Operation for \([A-Za-z0-9_]*\) {$/\1/p' \
            "$work/crates/$side"/src/operations/*.rs 2>/dev/null | sort -u)
        if [[ -z $operations ]]; then
            log "--callers: the $side crate has no \`impl runtime::Operation\`: no programs for it"
            continue
        fi
        one=${caller_operation:-$(head -n 1 <<<"$operations")}
        if ! grep -qx "$one" <<<"$operations"; then
            log "--callers: the $side crate has no operation type $one: no programs for it"
            continue
        fi
        caller_one=$one
        for kind in one every; do
            caller=callers-$kind-$side
            mkdir -p "$work/crates/$caller/src"
            cat >"$work/crates/$caller/Cargo.toml" <<EOF
[package]
name = "measured-$caller"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
client = { package = "${crate_of[$side]}", path = "../$side" }
EOF
            chosen=$operations
            [[ $kind == every ]] || chosen=$one
            {
                cat <<'EOF'
use client::operations::*;
use client::runtime::{Operation, RawResponse, Request, Response, ValidationError};

type Build<O> = fn(&O) -> Result<Request, ValidationError>;
type Decode<O> = fn(&O, RawResponse) -> Result<Response<<O as Operation>::Output>, <O as Operation>::Error>;

fn take<O: Operation>(taken: &mut Vec<usize>) {
    let build: Build<O> = O::build;
    let decode: Decode<O> = O::decode_response;
    taken.extend([build as usize, decode as usize]);
}

fn main() {
    let mut taken = Vec::new();
EOF
                sed 's/.*/    take::<&>(\&mut taken);/' <<<"$chosen"
                echo '    println!("{}", taken.len());'
                echo '}'
            } >"$work/crates/$caller/src/main.rs"
            crate_of[$caller]=measured-$caller
            members+="\"crates/$caller\", "
            caller_sides+=("$caller")
        done
    done
fi

if [[ $progenitor == 1 ]]; then
    if ! command -v cargo-progenitor >/dev/null; then
        log "--progenitor: cargo-progenitor is not installed (cargo install cargo-progenitor): skipped"
        progenitor=0
    else
        # progenitor overflows its stack on the whole Atlas spec, and on a tag's operations
        # when every component schema comes along; it refuses vendor media types
        # (`application/vnd.atlas.2023-01-01+json`). So both generators get the same subset:
        # the chosen tags' operations, only the components they reach, and their newest JSON
        # media type renamed `application/json` (other media types dropped).
        python3 - "$spec" "$work/progenitor-spec.json" "${progenitor_tags[@]}" <<'EOF'
import json, sys, yaml
source, target, tags = sys.argv[1], sys.argv[2], set(sys.argv[3:])
with open(source) as f:
    doc = yaml.safe_load(f) if not source.endswith(".json") else json.load(f)
methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
paths = {}
for path, item in doc.get("paths", {}).items():
    kept = {k: v for k, v in item.items() if k not in methods or set(v.get("tags", [])) & tags}
    if any(k in methods for k in kept):
        paths[path] = kept
doc["paths"] = paths
doc["tags"] = [t for t in doc.get("tags", []) if t.get("name") in tags]

def refs(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out.add(value)
            else:
                refs(value, out)
    elif isinstance(node, list):
        for value in node:
            refs(value, out)

components = doc.get("components", {})
reached, pending = set(), set()
refs(doc["paths"], pending)
while pending:
    ref = pending.pop()
    if ref in reached:
        continue
    reached.add(ref)
    parts = ref.split("/")
    if len(parts) == 4 and parts[:2] == ["#", "components"]:
        name = parts[3].replace("~1", "/").replace("~0", "~")
        found = set()
        refs(components.get(parts[2], {}).get(name), found)
        pending |= found - reached
for kind, entries in components.items():
    if kind != "securitySchemes" and isinstance(entries, dict):
        components[kind] = {
            name: value for name, value in entries.items()
            if "#/components/%s/%s" % (kind, name.replace("~", "~0").replace("/", "~1")) in reached
        }

def plain_json(node):
    if isinstance(node, dict):
        content = node.get("content")
        if isinstance(content, dict):
            json_types = sorted(k for k in content if k.endswith("json"))
            if json_types:
                node["content"] = {"application/json": content[json_types[-1]]}
            else:
                del node["content"]
        for value in node.values():
            plain_json(value)
    elif isinstance(node, list):
        for value in node:
            plain_json(value)

plain_json(doc)
with open(target, "w") as f:
    json.dump(doc, f, default=str)
EOF
        log "generating the progenitor crate for tags: ${progenitor_tags[*]}"
        # Its type generation recurses deeply: give the main thread all the stack it wants.
        if (ulimit -s unlimited && cargo progenitor -i "$work/progenitor-spec.json" -o "$work/crates/progenitor" \
            -n measured-progenitor -v 0.0.0) >"$work/progenitor.log" 2>&1; then
            subset_args=()
            for tag in "${progenitor_tags[@]}"; do subset_args+=(--tag "$tag"); done
            "$work/bin/specforge-current" generate --quiet --spec "$work/progenitor-spec.json" \
                --out "$work/crates/subset" --crate-name measured-subset "${subset_args[@]}" 2>"$work/generate-subset.log"
            # The same operations against the runtime crate: like progenitor's crate, whose
            # client support is its `progenitor-client` dependency, this one holds only the
            # API's code (the vendored runtime is about 5,000 of the subset's lines).
            "$work/bin/specforge-current" generate --quiet --spec "$work/progenitor-spec.json" --runtime crate \
                --out "$work/crates/subset-crate" --crate-name measured-subset-crate "${subset_args[@]}" 2>"$work/generate-subset-crate.log"
            crate_of[progenitor]=measured-progenitor
            crate_of[subset]=measured-subset
            crate_of[subset-crate]=measured-subset-crate
            members+='"crates/progenitor", "crates/subset", "crates/subset-crate", '
        else
            log "cargo progenitor failed (see below): skipped"
            tail -n 20 "$work/progenitor.log" >&2
            progenitor=0
        fi
    fi
fi

cat >"$work/Cargo.toml" <<EOF
[workspace]
resolver = "2"
members = [${members%, }]
EOF
# A crate generated with `--runtime crate` depends on specforge-runtime by version: this
# checkout's runtime stands in for it.
if [[ $progenitor == 1 ]]; then
    printf '\n[patch.crates-io]\nspecforge-runtime = { path = "%s/runtime" }\n' "$root" >>"$work/Cargo.toml"
fi
# The repository's lockfile pins the versions its own tests build with.
cp "$root/Cargo.lock" "$work/Cargo.lock" 2>/dev/null || true

export CARGO_TARGET_DIR=$target_dir
export CARGO_INCREMENTAL=0
cargo_in_work() { (cd "$work" && cargo "$@"); }

has_feature() { grep -q "^$feature = \[\]" "$work/crates/$1/Cargo.toml"; }

# Configurations: name, cargo subcommand, extra arguments; the tag feature only when both
# crates have it.
configs=("check full" "build full")
[[ $check_only == 0 ]] || configs=("check full")
feature_ok=1
for side in "${sides[@]}"; do has_feature "$side" || feature_ok=0; done
if [[ $feature_ok == 1 ]]; then
    configs+=("check feature")
    [[ $check_only == 1 ]] || configs+=("build feature")
else
    log "feature '$feature' is not in every generated crate: its measurement is skipped"
fi
config_args() {
    case $1 in
        full) ;;
        feature) echo "--no-default-features --features $feature" ;;
        with) echo "--features $with_feature" ;;
    esac
}

log "building dependencies once (target dir $target_dir)"
for config in "${configs[@]}"; do
    read -r command scope <<<"$config"
    for side in "${sides[@]}"; do
        # shellcheck disable=SC2046 # word splitting of the feature arguments is wanted
        cargo_in_work "$command" --quiet -p "${crate_of[$side]}" $(config_args "$scope")
    done
done
# The progenitor comparison times the three subset crates, whose dependencies differ
# (progenitor-client and its own): built here too, or the first timed run of each would
# compile them and stop the script.
if [[ $progenitor == 1 ]]; then
    for command in check build; do
        for side in subset subset-crate progenitor; do
            cargo_in_work "$command" --quiet -p "${crate_of[$side]}"
        done
    done
fi

# The programs of --callers: built once here (with their crates), or left out when one does
# not compile against its crate's API.
if [[ ${#caller_sides[@]} -gt 0 ]]; then
    built=()
    for caller in "${caller_sides[@]}"; do
        if cargo_in_work build --quiet -p "${crate_of[$caller]}" 2>"$work/$caller.log"; then
            built+=("$caller")
        else
            log "--callers: $caller does not compile against its crate's API: left out"
            tail -n 5 "$work/$caller.log" >&2
        fi
    done
    caller_sides=("${built[@]}")
fi

# One timed run: touch the crate root (lib.rs, or a program's main.rs) so that only this crate
# recompiles; milliseconds on stdout. A run that compiled anything else (a dependency made
# dirty by another cargo) is an error.
time_run() {
    local side=$1 command=$2 scope=$3
    local root_file=$work/crates/$side/src/lib.rs
    [[ -f $root_file ]] || root_file=$work/crates/$side/src/main.rs
    touch "$root_file"
    local start=$EPOCHREALTIME
    # shellcheck disable=SC2046
    cargo_in_work "$command" --verbose -p "${crate_of[$side]}" $(config_args "$scope") 2>"$work/run.log"
    local end=$EPOCHREALTIME
    if grep -E '^ *(Compiling|Checking) ' "$work/run.log" | grep -qv " ${crate_of[$side]} "; then
        log "a timed run of ${crate_of[$side]} compiled other crates too:"
        grep -E '^ *(Compiling|Checking) ' "$work/run.log" >&2
        exit 1
    fi
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f–%.1f s", v[1] / 1000, v[NR] / 1000 }'; }

declare -A result_ms result_spread
measure_sides() {
    local label=$1; shift
    local measured=("$@")
    for config in "${configs[@]}"; do
        read -r command scope <<<"$config"
        declare -A samples=()
        for run in $(seq "$runs"); do
            # Alternate the order so that drifting machine load falls on both sides alike.
            local order=("${measured[@]}")
            if (( run % 2 == 0 )); then
                order=(); for (( i = ${#measured[@]} - 1; i >= 0; i-- )); do order+=("${measured[$i]}"); done
            fi
            for side in "${order[@]}"; do
                samples[$side]+="$(time_run "$side" "$command" "$scope") "
            done
        done
        for side in "${measured[@]}"; do
            result_ms[$side,$config]=$(tr ' ' '\n' <<<"${samples[$side]}" | grep . | median)
            result_spread[$side,$config]=$(tr ' ' '\n' <<<"${samples[$side]}" | grep . | spread)
            log "$label $side $config: median ${result_ms[$side,$config]} ms (${result_spread[$side,$config]})"
        done
        unset samples
    done
}

log "timing ${sides[*]}: ${#configs[@]} measurement(s) × $runs run(s)"
measure_sides "crate" "${sides[@]}"

if [[ ${#caller_sides[@]} -gt 0 ]]; then
    crate_configs=("${configs[@]}")
    configs=("build full")
    # The timed runs above left each crate's lib.rs newer than its whole-crate build (and the
    # last build was the tag feature's): build them again, untimed, so that a program's run
    # compiles the program only.
    for side in "${sides[@]}"; do cargo_in_work build --quiet -p "${crate_of[$side]}"; done
    log "timing the programs using the crates: ${caller_sides[*]}"
    measure_sides "program" "${caller_sides[@]}"
    configs=("${crate_configs[@]}")
fi

# The current crate with a crate feature on against the same crate without it: alternated
# pairs, like the sides above.
if [[ -n $with_feature ]]; then
    cargo_in_work check --quiet -p "${crate_of[current]}" --features "$with_feature"
    without="" with=""
    for run in $(seq "$runs"); do
        if (( run % 2 == 1 )); then
            without+="$(time_run current check full) "
            with+="$(time_run current check with) "
        else
            with+="$(time_run current check with) "
            without+="$(time_run current check full) "
        fi
    done
    with_ms=$(tr ' ' '\n' <<<"$with" | grep . | median)
    without_ms=$(tr ' ' '\n' <<<"$without" | grep . | median)
    log "feature $with_feature: median $with_ms ms on, $without_ms ms off"
fi

lines_of() { find "$work/crates/$1/src" -name '*.rs' -print0 | xargs -0 cat | wc -l; }
# Lines that are neither blank nor comments: docs are a large part of a generated crate.
code_lines_of() {
    find "$work/crates/$1/src" -name '*.rs' -print0 | xargs -0 cat | grep -cvE '^\s*(//|$)' || true
}

# --- report ----------------------------------------------------------------------------------

seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
stage_text() { if [[ $1 == – ]]; then echo –; else echo "$1 ms"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
describe() {
    case $1 in
        "check full") echo "\`cargo check\`, whole crate" ;;
        "build full") echo "\`cargo build\` (debug), whole crate" ;;
        "check feature") echo "\`cargo check\`, feature \`$feature\` only" ;;
        "build feature") echo "\`cargo build\` (debug), feature \`$feature\` only" ;;
    esac
}

echo
echo "Spec: \`$(basename "$spec")\`${tags[*]:+, tags: ${tags[*]}}; crate-only times, median of $runs run(s) (range in parentheses), CARGO_INCREMENTAL=0, $(rustc --version)."
echo
# One row: the label, then each side's shown value, then current/baseline for each baseline
# (from the raw values; "–" where one is missing). Reads the associative arrays `shown` and `raw`.
row() {
    local line="| $1 |"
    for side in "${sides[@]}"; do line+=" ${shown[$side]} |"; done
    for side in "${sides[@]}"; do
        [[ $side == current ]] && continue
        local b=${raw[$side]} c=${raw[current]}
        if [[ $b != – && $c != – ]]; then line+=" $(ratio "$c" "$b") |"; else line+=" – |"; fi
    done
    echo "$line"
}
header="| what |"
rule="|---|"
for side in "${sides[@]}"; do header+=" ${label_of[$side]} |"; rule+="---|"; done
for side in "${sides[@]}"; do
    [[ $side == current ]] && continue
    header+=" current/\`${baselines[${side#baseline} - 1]}\` |"
    rule+="---|"
done
echo "$header"
echo "$rule"
declare -A shown raw
for config in "${configs[@]}"; do
    for side in "${sides[@]}"; do
        raw[$side]=${result_ms[$side,$config]}
        shown[$side]="$(seconds "${raw[$side]}") (${result_spread[$side,$config]})"
    done
    row "$(describe "$config")"
done
if [[ ${#caller_sides[@]} -gt 0 ]]; then
    for kind in one every; do
        for with_crate in 0 1; do
            for side in "${sides[@]}"; do
                program=${result_ms[callers-$kind-$side,build full]:-}
                library=${result_ms[$side,build full]:-}
                if [[ -z $program || ( $with_crate == 1 && -z $library ) ]]; then
                    raw[$side]=–; shown[$side]=–
                elif [[ $with_crate == 1 ]]; then
                    raw[$side]=$((program + library)); shown[$side]=$(seconds "${raw[$side]}")
                else
                    raw[$side]=$program
                    shown[$side]="$(seconds "$program") (${result_spread[callers-$kind-$side,build full]})"
                fi
            done
            what="a program calling every operation"
            [[ $kind == every ]] || what="a program calling one operation (\`$caller_one\`)"
            if [[ $with_crate == 1 ]]; then
                row "\`cargo build\` (debug), the whole crate and $what"
            else
                row "\`cargo build\` (debug), $what, the program alone"
            fi
        done
    done
fi
for side in "${sides[@]}"; do raw[$side]=$(lines_of "$side"); shown[$side]=${raw[$side]}; done
row "lines of Rust (\`src/**/*.rs\`)"
for side in "${sides[@]}"; do raw[$side]=$(code_lines_of "$side"); shown[$side]=${raw[$side]}; done
row "lines of code (not blank, not comments)"
for side in "${sides[@]}"; do raw[$side]=${generate_ms[$side]}; shown[$side]="${raw[$side]} ms"; done
row "generation, whole process into an empty dir"
for stage in "${stages[@]}"; do
    for side in "${sides[@]}"; do raw[$side]=${stage_ms[$side,$stage]}; shown[$side]=$(stage_text "${raw[$side]}"); done
    row "generation stage: $stage (\`--timings\`)"
done
echo

if [[ -n $with_feature ]]; then
    echo
    echo "Feature \`$with_feature\` of the current crate, \`cargo check\` of the whole crate, $runs alternated pair(s):"
    echo
    echo "| what | without | with | with/without |"
    echo "|---|---|---|---|"
    echo "| \`cargo check\`, whole crate | $(seconds "$without_ms") ($(tr ' ' '\n' <<<"$without" | grep . | spread)) | $(seconds "$with_ms") ($(tr ' ' '\n' <<<"$with" | grep . | spread)) | $(ratio "$with_ms" "$without_ms") |"
fi

if [[ $progenitor == 1 ]]; then
    configs=("check full" "build full")
    measure_sides "progenitor comparison" subset subset-crate progenitor
    echo
    # `cargo progenitor --version` names the crate version to generate, not its own.
    progenitor_version=$(cargo install --list | sed -n 's/^cargo-progenitor \(v[^:]*\):$/\1/p')
    echo "progenitor, same operations (tags: ${progenitor_tags[*]}): cargo-progenitor ${progenitor_version:-(version unknown)}"
    echo
    echo "| what | specforge, vendored runtime | specforge, runtime crate | progenitor | vendored/progenitor | runtime crate/progenitor |"
    echo "|---|---|---|---|---|---|"
    for config in "${configs[@]}"; do
        s=${result_ms[subset,$config]} c=${result_ms[subset-crate,$config]} p=${result_ms[progenitor,$config]}
        echo "| $(describe "$config") | $(seconds "$s") | $(seconds "$c") | $(seconds "$p") | $(ratio "$s" "$p") | $(ratio "$c" "$p") |"
    done
    # Per operation: what one more operation costs a user of either generator, on average.
    operations=$(grep -o 'generated [0-9]* operation' "$work/generate-subset.log" 2>/dev/null | awk '{ print $2 }')
    if [[ -n $operations && $operations -gt 0 ]]; then
        per_operation() { awk -v t="$1" -v n="$operations" 'BEGIN { printf "%.0f ms", t / n }'; }
        for config in "${configs[@]}"; do
            s=${result_ms[subset,$config]} c=${result_ms[subset-crate,$config]} p=${result_ms[progenitor,$config]}
            echo "| $(describe "$config"), per operation ($operations) | $(per_operation "$s") | $(per_operation "$c") | $(per_operation "$p") | $(ratio "$s" "$p") | $(ratio "$c" "$p") |"
        done
    fi
    sl=$(lines_of subset) cl=$(lines_of subset-crate) pl=$(lines_of progenitor)
    echo "| lines of Rust | $sl | $cl | $pl | $(ratio "$sl" "$pl") | $(ratio "$cl" "$pl") |"
fi

# --- where the compiler spends it (one run each, after the timed runs) ----------------------

reports=$work/reports
mkdir -p "$reports"
# RUSTC_BOOTSTRAP changes the fingerprint of every build script: nightly-flag runs get a
# target dir of their own, so that the timed runs' dependencies stay fresh.
nightly_target_dir=$target_dir-nightly-flags
nightly_cargo() { (cd "$work" && CARGO_TARGET_DIR=$nightly_target_dir RUSTC_BOOTSTRAP=1 cargo "$@"); }
for side in "${sides[@]}"; do
    crate=${crate_of[$side]}
    if [[ $timings == 1 ]]; then
        touch "$work/crates/$side/src/lib.rs"
        cargo_in_work build --quiet -p "$crate" --timings >/dev/null 2>&1
        report=$(ls -t "$target_dir"/cargo-timings/cargo-timing-*.html 2>/dev/null | head -n 1 || true)
        if [[ -n $report ]]; then
            cp "$report" "$reports/timings-$side.html"
            keep=1
            echo
            echo "$side: \`cargo build --timings\` report: $reports/timings-$side.html"
        fi
    fi
    if [[ $time_passes == 1 ]]; then
        touch "$work/crates/$side/src/lib.rs"
        nightly_cargo rustc --quiet -p "$crate" --lib -- -Z time-passes \
            2>"$reports/time-passes-$side.txt" >/dev/null || true
        echo
        echo "$side: slowest rustc passes (\`-Z time-passes\`, debug build; nested passes included):"
        echo
        echo '```text'
        # "time:   1.234; rss: ... <TAB>pass" as "1.234 s  pass", slowest first.
        awk -F'\t' '/^time:/ { split($1, t, /[: ;]+/); printf "%8.3f s  %s\n", t[2], $NF }' \
            "$reports/time-passes-$side.txt" | sort -rn | awk '!seen[$NF]++' | head -n 15
        echo '```'
    fi
    if [[ $self_profile == 1 ]]; then
        touch "$work/crates/$side/src/lib.rs"
        mkdir -p "$reports/self-profile-$side"
        nightly_cargo rustc --quiet -p "$crate" --lib -- \
            -Z self-profile="$reports/self-profile-$side" \
            -Z self-profile-events=default,query-keys >/dev/null 2>&1 || true
        keep=1
        profile=$(ls "$reports/self-profile-$side"/*.mm_profdata 2>/dev/null | head -n 1 || true)
        summarizer=$root/scripts/self-profile-by-item
        echo
        if [[ -n $profile ]] && CARGO_TARGET_DIR=$summarizer/target cargo build --quiet --release --manifest-path "$summarizer/Cargo.toml"; then
            echo "$side: rustc self-profile (debug build; inclusive times overlap across queries):"
            echo
            echo '```text'
            "$summarizer/target/release/self-profile-by-item" "${profile%.mm_profdata}" |
                awk '/^inclusive/ { n = 0 } { if (n++ < 26) print }'
            echo '```'
        else
            echo "$side: rustc self-profile recorded in $reports/self-profile-$side"
        fi
    fi
    if [[ $llvm_lines == 1 ]]; then
        echo
        if command -v cargo-llvm-lines >/dev/null; then
            echo "$side: \`cargo llvm-lines\` (LLVM IR lines per function, debug), top 20:"
            echo
            echo '```text'
            # Into a file first: `head` closing the pipe would fail the run under pipefail.
            cargo_in_work llvm-lines -p "$crate" --lib >"$reports/llvm-lines-$side.txt" 2>/dev/null || true
            head -n 22 "$reports/llvm-lines-$side.txt"
            echo '```'
        else
            echo "$side: cargo-llvm-lines is not installed (cargo install cargo-llvm-lines)"
        fi
    fi
done
