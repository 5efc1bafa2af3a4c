# Shared by ./run and ./test (sourced, POSIX sh): make sure .venv exists and holds the project.
#
# The caller sets ROOT (the repository root) before sourcing this file, then calls
# `ensure_venv` (for the app) or `ensure_venv dev` (app + test tools).
#
# The install is skipped when it was already done for the current pyproject.toml: after a
# successful `pip install` a stamp file in .venv records a hash of pyproject.toml. A changed
# pyproject.toml, or a missing or broken .venv, makes the next run install again.

VENV="$ROOT/.venv"
VPY="$VENV/bin/python"
STAMP_PREFIX="$VENV/.stappenplan-install"
# 3.12: PySide6 6.12 loses references to None/True/False on each call; on 3.11 that aborts the
# app after a few thousand calls ("Fatal Python error: none_dealloc"). From 3.12 on these
# objects are immortal, so it is harmless there.
MIN_PYTHON="3.12"

say() { printf '%s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# True when we may install Debian packages ourselves: root, on a system with apt-get.
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

_APT_UPDATED=""
apt_install() {
    if [ -z "$_APT_UPDATED" ]; then
        say "apt-get update..."
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
        _APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

python_ok() {  # $1 runs and is Python >= MIN_PYTHON
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1
}

find_python() {  # prints the first usable interpreter: $PYTHON, python3, python3.1x, pyenv's
    for candidate in ${PYTHON:-} python3 python3.12 python3.13 python3.14; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    # pyenv installs versions side by side, but its shims only run the selected one.
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
        if [ -x "$candidate" ] && python_ok "$candidate"; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

create_venv() {
    if ! py=$(find_python); then
        if can_apt; then
            apt_install python3 python3-venv || die "Python kon niet worden geïnstalleerd."
            py=$(find_python) || die "Python $MIN_PYTHON of nieuwer is nodig; Debian's python3 is te oud."
        else
            die "Python $MIN_PYTHON of nieuwer is nodig. Installeer het (bijvoorbeeld: sudo apt-get install python3 python3-venv), of wijs het aan met PYTHON=/pad/naar/python3."
        fi
    fi
    say "Nieuwe Python-omgeving maken in $VENV (met $py)..."
    rm -rf "$VENV"
    if ! "$py" -m venv "$VENV" >&2; then
        rm -rf "$VENV"
        # Debian and Ubuntu ship venv's pip separately (python3-venv).
        if can_apt && apt_install python3-venv && "$py" -m venv "$VENV" >&2; then
            :
        else
            rm -rf "$VENV"
            die "Kon geen Python-omgeving maken. Op Debian of Ubuntu: sudo apt-get install python3-venv"
        fi
    fi
    "$VPY" -I -m pip install --disable-pip-version-check -q --upgrade pip >&2 \
        || say "(pip bijwerken lukte niet; de installatie gaat door met de bestaande pip)"
}

project_hash() {
    "$VPY" -I -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
        "$ROOT/pyproject.toml"
}

# stamp_matches NAME: the install named NAME ("app" or "dev") was done for this pyproject.toml.
stamp_matches() {
    [ -f "$STAMP_PREFIX-$1" ] && [ "$(cat "$STAMP_PREFIX-$1")" = "$CURRENT_HASH" ]
}

# ensure_venv [dev]: create .venv if needed, and install the project (with the dev extras for
# "dev") unless a stamp says that was already done for the current pyproject.toml.
ensure_venv() {
    extras="${1:-}"
    if ! { [ -x "$VPY" ] && python_ok "$VPY"; }; then
        create_venv
    fi
    CURRENT_HASH=$(project_hash) || die "Kan $ROOT/pyproject.toml niet lezen."
    if [ "$extras" = dev ]; then
        stamp_matches dev && return 0
        target="$ROOT[dev]"
        name=dev
    else
        { stamp_matches app || stamp_matches dev; } && return 0  # dev holds everything the app needs
        target="$ROOT"
        name=app
    fi
    say "Stappenplan installeren in $VENV (de eerste keer duurt dit een paar minuten)..."
    rm -f "$STAMP_PREFIX-app" "$STAMP_PREFIX-dev"
    if [ "$name" = dev ] || [ -n "${CI:-}" ]; then progress="--progress-bar=off"; else progress=""; fi
    # shellcheck disable=SC2086
    "$VPY" -I -m pip install --disable-pip-version-check $progress -e "$target" >&2 \
        || die "De installatie is mislukt (zie de meldingen hierboven). Probeer het opnieuw; de volgende keer wordt opnieuw geïnstalleerd."
    printf '%s\n' "$CURRENT_HASH" > "$STAMP_PREFIX-$name"
}
