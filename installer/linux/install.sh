#!/bin/sh
# Stappenplan installeren, alleen voor jou (je hebt geen beheerder nodig), in ~/.local.
# Daarna staat Stappenplan bij je programma's en opent een .vvplan-bestand met een dubbelklik.
# Je plannen (in ~/.local/share/Stappenplan) worden nooit aangeraakt, ook niet bij verwijderen.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=nl.vleutenversterkt.Stappenplan
MIME_TYPE=application/x-vvplan
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
APP_DIR=$HOME/.local/lib/stappenplan
BIN_DIR=$HOME/.local/bin
MANIFEST=installed-files.txt

say() { printf '%s\n' "$*"; }
fail() { say "Installeren lukt niet: $*"; exit 1; }
quietly() { "$@" >/dev/null 2>&1 || true; }

[ -x "$HERE/Stappenplan/Stappenplan" ] || fail "de map 'Stappenplan' ontbreekt naast dit script. Pak het hele archief uit."
[ -n "${HOME:-}" ] || fail "de variabele HOME is niet gezet."
if [ "$(id -u)" = 0 ] && [ -n "${SUDO_USER:-}" ]; then
    fail "start dit script zonder sudo. Het installeert alleen voor jou en heeft geen beheerder nodig."
fi
case "$APP_DIR$DATA_HOME" in
    *'"'*|*'\'*|*'`'*|*'$'*|*'%'*) fail "de naam van je thuismap bevat een teken (\" \\ \` \$ %) waarmee een starter niet werkt." ;;
esac

# The program: copied beside the old version first, then swapped in, so a failed copy
# (a full disk) leaves the installed app as it was.
mkdir -p "$HOME/.local/lib" "$BIN_DIR" || fail "de map $HOME/.local kan niet worden gemaakt."
rm -rf "$APP_DIR.new" "$APP_DIR.old"
cp -R "$HERE/Stappenplan" "$APP_DIR.new" || { rm -rf "$APP_DIR.new"; fail "kopiëren mislukt (is de schijf vol?)."; }
cp "$HERE/uninstall.sh" "$APP_DIR.new/uninstall.sh"
chmod 755 "$APP_DIR.new/uninstall.sh"
(cd "$HERE/share" && find . -type f | sed 's|^\./||' | sort) > "$APP_DIR.new/$MANIFEST"
printf '%s\n' "$DATA_HOME" > "$APP_DIR.new/data-home.txt"  # uninstall.sh removes from the same place
if [ -d "$APP_DIR" ]; then mv "$APP_DIR" "$APP_DIR.old"; fi
mv "$APP_DIR.new" "$APP_DIR"
rm -rf "$APP_DIR.old"
ln -sfn "$APP_DIR/Stappenplan" "$BIN_DIR/stappenplan"

# The launcher, the file type, the icons and the app information.
while IFS= read -r file; do
    mkdir -p "$DATA_HOME/$(dirname "$file")"
    cp "$HERE/share/$file" "$DATA_HOME/$file"
done < "$APP_DIR/$MANIFEST"
desktop="$DATA_HOME/applications/$APP_ID.desktop"
# Exec= needs the path in double quotes when it has a space or another reserved character; only
# then, because xdg-open's own fallback (no desktop environment) does not understand quotes.
# TryExec= takes the path as it is.
exec_path=$(printf '%s' "$APP_DIR/Stappenplan" | sed 's/[\\&|]/\\&/g')
case "$APP_DIR" in
    *[!A-Za-z0-9._/+-]*) exec_field="\"$exec_path\"" ;;
    *) exec_field=$exec_path ;;
esac
sed -e "s|^Exec=@EXEC@|Exec=$exec_field|" -e "s|@EXEC@|$exec_path|g" "$desktop" > "$desktop.tmp" \
    && mv "$desktop.tmp" "$desktop"

# Tell the desktop about them (each tool is optional: without it the desktop finds out later).
if command -v update-mime-database >/dev/null 2>&1; then quietly update-mime-database "$DATA_HOME/mime"; fi
if command -v update-desktop-database >/dev/null 2>&1; then quietly update-desktop-database "$DATA_HOME/applications"; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then quietly gtk-update-icon-cache -q -t -f "$DATA_HOME/icons/hicolor"; fi
quietly touch "$DATA_HOME/icons/hicolor"
if command -v xdg-mime >/dev/null 2>&1; then quietly xdg-mime default "$APP_ID.desktop" "$MIME_TYPE"; fi

say "Stappenplan is geïnstalleerd."
say "Je vindt het bij je programma's (zoek op 'Stappenplan'). Een .vvplan-bestand opent nu met Stappenplan."
case ":${PATH:-}:" in
    *":$BIN_DIR:"*) say "Vanuit een terminal start je het met: stappenplan" ;;
    *) say "Vanuit een terminal start je het met: $BIN_DIR/stappenplan" ;;
esac
say "Verwijderen: $APP_DIR/uninstall.sh (je plannen blijven bewaard)."
