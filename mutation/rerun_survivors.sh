#!/bin/sh
# Re-run only the mutants that survived mutation/run.sh, with the tests as they are
# now (after tests were added for them): mutation/rerun_survivors.sh NAME ...
# The first run's session stays as it was; the re-run is var/mutation/NAME-survivors.sqlite.
set -eu
BIN="${VENV:-.venv}/bin"
for name in "$@"; do
    session="var/mutation/$name-survivors.sqlite"
    cp "var/mutation/$name.sqlite" "$session"
    "$BIN/python" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM work_results WHERE test_outcome = ?", ("SURVIVED",))
db.commit()' "$session"
    "$BIN/cosmic-ray" exec "mutation/$name.toml" "$session"
    echo "== $name (survivors of the first run, re-run)"
    "$BIN/cr-report" "$session" | tail -n 3
done
