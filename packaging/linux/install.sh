#!/bin/sh
# Installs Overture for you alone, without root: the program in PREFIX/lib/overture, a command in PREFIX/bin,
# and its entry and icon in your application menu. PREFIX is ~/.local unless given:
#
#     ./install.sh [--prefix DIR]
#
# Your contacts are not in the program's folder: they stay in your data folder (~/.local/share/Overture, or
# $XDG_DATA_HOME/Overture) and survive reinstalling, upgrading and uninstall.sh.
set -eu

APP_ID=io.github.overture_app.Overture
here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME:?HOME is not set}/.local"

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

for part in overture/overture share/applications/$APP_ID.desktop share/metainfo/$APP_ID.metainfo.xml; do
    [ -e "$here/$part" ] || { echo "install.sh: $here/$part is missing: unpack the whole archive first" >&2; exit 1; }
done

program="$prefix/lib/overture"
mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"

# The new copy goes in beside the old one and takes its place only once complete, so a failed copy (a full disk)
# leaves the installed version working.
rm -rf "$program.new"
cp -R "$here/overture" "$program.new"
cp "$here/uninstall.sh" "$program.new/uninstall.sh"
rm -rf "$program.old"
[ -e "$program" ] && mv "$program" "$program.old"
mv "$program.new" "$program"
rm -rf "$program.old"

ln -sfn "$program/overture" "$prefix/bin/overture"

# Desktop entries split Exec on spaces: a path with anything unusual goes in double quotes, escaped as the
# Desktop Entry spec says. sed's own specials (\, |, &) are escaped for the replacement.
case "$program" in
    *[!A-Za-z0-9/._+-]*) exec_path=$(printf '"%s"' "$(printf '%s' "$program/overture" | sed 's/[\\"`$]/\\&/g')") ;;
    *) exec_path="$program/overture" ;;
esac
sed_safe=$(printf '%s' "$exec_path" | sed 's/[\\|&]/\\&/g')
try_safe=$(printf '%s' "$program/overture" | sed 's/[\\|&]/\\&/g')
sed -e "s|^Exec=.*|Exec=$sed_safe|" -e "s|^TryExec=.*|TryExec=$try_safe|" \
    "$here/share/applications/$APP_ID.desktop" > "$prefix/share/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$prefix/share/metainfo/"

(cd "$here/share" && find icons -type f -name "$APP_ID.*") | while IFS= read -r icon; do
    mkdir -p "$prefix/share/$(dirname "$icon")"
    cp "$here/share/$icon" "$prefix/share/$icon"
done

# Menus notice new entries by themselves; these refresh the caches where the tools exist.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
fi
touch "$prefix/share/icons/hicolor" 2>/dev/null || true
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -e "$prefix/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$prefix/share/icons/hicolor" 2>/dev/null || true
fi

version=$("$program/overture" --version 2>/dev/null || echo "Overture")
echo "Installed $version in $program."
echo "Start it from your application menu, or run: $prefix/bin/overture"
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "($prefix/bin is not on your PATH: start it from the menu, or with the full path above.)" ;;
esac
echo "To remove it: $program/uninstall.sh$( [ "$prefix" = "$HOME/.local" ] || printf ' --prefix %s' "$prefix")"
