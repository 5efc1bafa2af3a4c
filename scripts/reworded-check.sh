#!/bin/sh
# The tests pin ids and structure, not the worksheets' wording: run the quick suite once more on a
# copy of the code whose every worksheet text is reworded (scripts/reword_worksheets.py). A test
# that fails here would fail as soon as a facilitator rewrites a question.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/venv.sh"
ensure_venv dev
COPY=$(mktemp -d)
trap 'rm -rf "$COPY"' EXIT
git -C "$ROOT" ls-files -z | (cd "$ROOT" && xargs -0 cp --parents -t "$COPY")
"$VPY" "$ROOT/scripts/reword_worksheets.py" "$COPY/vv_desktop/data/worksheets"
cd "$COPY"
QT_QPA_PLATFORM=offscreen PYTHONPATH="$COPY" "$VPY" -m pytest -q -p no:cacheprovider -m "not slow" -x
