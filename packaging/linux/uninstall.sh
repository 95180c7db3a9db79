#!/bin/sh
# Removes what install.sh installed. Your contacts stay: they live in your data folder (~/.local/share/Overture, or
# $XDG_DATA_HOME/Overture), which this never touches.
#
#     PREFIX/lib/overture/uninstall.sh          the installation this script belongs to
#     uninstall.sh --prefix DIR                 the one under DIR (~/.local when run from elsewhere)
set -eu

APP_ID=io.github.overture_app.Overture
MARKER=.installed-by-overture
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
case "$here" in
    */lib/overture) prefix=${here%/lib/overture} ;;  # the installed copy: its own prefix
    *) prefix="${HOME:?HOME is not set}/.local" ;;
esac

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "uninstall.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
if [ -d "$prefix" ]; then
    prefix=$(CDPATH='' cd -- "$prefix" && pwd -P)
fi

program="$prefix/lib/overture"
if [ ! -e "$program/$MARKER" ]; then
    echo "uninstall.sh: Overture is not installed in $prefix (no $program/$MARKER)" >&2
    exit 1
fi
for exe in /proc/[0-9]*/exe; do
    if [ "$(readlink "$exe" 2>/dev/null)" = "$program/overture" ]; then
        echo "uninstall.sh: Overture is running from $program: quit it (and its tray icon) first" >&2
        exit 1
    fi
done

# The command only if it is ours: a link into this program folder.
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
