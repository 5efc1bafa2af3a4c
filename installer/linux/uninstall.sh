#!/bin/sh
# Stappenplan verwijderen (de installatie in ~/.local van install.sh).
# Je plannen in ~/.local/share/Stappenplan blijven staan: die gooit dit script nooit weg.
set -eu

APP_ID=nl.vleutenversterkt.Stappenplan
MIME_TYPE=application/x-vvplan
CONFIG_HOME=${XDG_CONFIG_HOME:-$HOME/.config}
APP_DIR=$HOME/.local/lib/stappenplan
# Where install.sh put the launcher and icons (XDG_DATA_HOME may have changed since).
DATA_HOME=$(cat "$APP_DIR/data-home.txt" 2>/dev/null || true)
[ -n "$DATA_HOME" ] || DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
BIN_DIR=$HOME/.local/bin
MANIFEST="$APP_DIR/installed-files.txt"

say() { printf '%s\n' "$*"; }
quietly() { "$@" >/dev/null 2>&1 || true; }

if [ ! -d "$APP_DIR" ]; then
    say "Stappenplan is niet geïnstalleerd in $APP_DIR; er is niets verwijderd."
    exit 0
fi

# Only the files install.sh put there, as listed when it ran, and only in the folders of the
# desktop (launcher, file type, app information, icons): never the plans in $DATA_HOME/Stappenplan.
if [ -f "$MANIFEST" ]; then
    while IFS= read -r file; do
        case "$file" in
            *..*|/*|*'\'*) continue ;;
            applications/"$APP_ID".desktop|mime/packages/"$APP_ID".xml|metainfo/"$APP_ID".metainfo.xml) ;;
            icons/hicolor/*/apps/"$APP_ID".*|icons/hicolor/*/mimetypes/application-x-vvplan.*) ;;
            *) continue ;;
        esac
        if [ -f "$DATA_HOME/$file" ] || [ -L "$DATA_HOME/$file" ]; then rm -f "$DATA_HOME/$file" || true; fi
    done < "$MANIFEST"
fi
if [ -L "$BIN_DIR/stappenplan" ]; then rm -f "$BIN_DIR/stappenplan"; fi
for list in "$CONFIG_HOME/mimeapps.list" "$DATA_HOME/applications/mimeapps.list"; do
    if [ -f "$list" ] && grep -q "^$MIME_TYPE=$APP_ID.desktop" "$list"; then
        grep -v "^$MIME_TYPE=$APP_ID.desktop;*\$" "$list" > "$list.tmp" || true
        mv "$list.tmp" "$list"
    fi
done
rm -rf "$APP_DIR"

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$DATA_HOME/mime" ]; then quietly update-mime-database "$DATA_HOME/mime"; fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA_HOME/applications" ]; then
    quietly update-desktop-database "$DATA_HOME/applications"
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$DATA_HOME/icons/hicolor" ]; then
    quietly gtk-update-icon-cache -q -t -f "$DATA_HOME/icons/hicolor"
fi

say "Stappenplan is verwijderd. Je plannen staan nog in $DATA_HOME/Stappenplan."
