#!/bin/sh
# The mutation run over the invariant modules (issue 21). Run from the repository
# root: mutation/run.sh [NAME ...] (default: the list below), NAME being a mutation/NAME.toml.
# cosmic-ray mutates the module in place, one mutant at a time, and restores it;
# each session is kept in var/mutation/NAME.sqlite, so an interrupted run resumes
# where it stopped (delete the file to start over).
set -eu
# Left out of the default list: code_storage (PostgreSQL's spending statement) and
# survey_disclosure (2-3 minutes of tests per mutant; see mutation/README.md).
BIN="${VENV:-.venv}/bin"
mkdir -p var/mutation
[ $# -gt 0 ] || set -- survey_release survey_released survey_results activity_suppression scoping evaluation_evidence public_report code_spending evaluation_locking
for name in "$@"; do
    session="var/mutation/$name.sqlite"
    if [ ! -f "$session" ]; then
        "$BIN/cosmic-ray" init "mutation/$name.toml" "$session"
        "$BIN/cr-filter-operators" "$session" "mutation/$name.toml"
        if grep -q "line-filter" "mutation/$name.toml"; then
            "$BIN/cr-filter-lines" --config "mutation/$name.toml" "$session"
        fi
    fi
    "$BIN/cosmic-ray" exec "mutation/$name.toml" "$session"
    echo "== $name"
    "$BIN/cr-report" --show-pending "$session" | tail -n 3
done
