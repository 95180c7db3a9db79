#!/bin/sh
# Removes what install.sh installed under PREFIX (~/.local unless given). Your contacts stay: they live in your
# data folder (~/.local/share/Overture, or $XDG_DATA_HOME/Overture), which this never touches.
#
#     uninstall.sh [--prefix DIR]
set -eu

APP_ID=io.github.overture_app.Overture
prefix="${HOME:?HOME is not set}/.local"

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "uninstall.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

program="$prefix/lib/overture"
if [ ! -e "$program/overture" ] && [ ! -e "$prefix/share/applications/$APP_ID.desktop" ]; then
    echo "uninstall.sh: Overture is not installed in $prefix" >&2
    exit 1
fi

# The command only if it is ours: a link into the program folder.
if [ -L "$prefix/bin/overture" ] && [ "$(readlink "$prefix/bin/overture")" = "$program/overture" ]; then
    rm -f "$prefix/bin/overture"
fi
rm -f "$prefix/share/applications/$APP_ID.desktop" "$prefix/share/metainfo/$APP_ID.metainfo.xml"
if [ -d "$prefix/share/icons/hicolor" ]; then
    find "$prefix/share/icons/hicolor" -name "$APP_ID.*" -type f -exec rm -f {} +
fi
rm -rf "$program"

if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
fi
touch "$prefix/share/icons/hicolor" 2>/dev/null || true

echo "Removed Overture from $prefix."
echo "Your data is still in ${XDG_DATA_HOME:-$HOME/.local/share}/Overture: delete that folder yourself to remove it too."
