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
# Written into the program folder: uninstall.sh and a later install.sh delete only a folder that has it.
MARKER=.installed-by-overture
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
prefix="${HOME:?HOME is not set}/.local"

die() {
    echo "install.sh: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    *"
"*) die "the folder's name holds a line break: choose another --prefix" ;;
esac

for part in overture/overture share/applications/$APP_ID.desktop share/metainfo/$APP_ID.metainfo.xml; do
    [ -e "$here/$part" ] || die "$here/$part is missing: unpack the whole archive first"
done

mkdir -p "$prefix"
prefix=$(CDPATH='' cd -- "$prefix" && pwd -P)  # one spelling of the folder, for the entry and for uninstall.sh
program="$prefix/lib/overture"

if [ -e "$program" ] && [ ! -e "$program/$MARKER" ]; then
    die "$program exists and was not installed by this script: move it away or choose another --prefix"
fi
# A running Overture reads its executable again on the way (PyInstaller's archive): replacing it under its feet
# can crash it.
for exe in /proc/[0-9]*/exe; do
    if [ "$(readlink "$exe" 2>/dev/null)" = "$program/overture" ]; then
        die "Overture is running from $program: quit it (and its tray icon) first, then install again"
    fi
done

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"

# The new copy goes in beside the old one, starts once to show it works on this system, and only then takes the
# old one's place: a full disk, an interruption or a bundle built for a newer system leaves the installed version.
trap 'rm -rf "$program.new"' EXIT
trap 'exit 130' INT TERM
rm -rf "$program.new"
cp -RP "$here/overture" "$program.new"
cp "$here/uninstall.sh" "$program.new/uninstall.sh"
if ! version=$("$program.new/overture" --version 2>&1); then
    printf '%s\n' "$version" | tail -n 5 >&2
    die "the new copy does not start on this system (above): nothing was changed"
fi
: > "$program.new/$MARKER"
rm -rf "$program.old"
if [ -e "$program" ]; then mv "$program" "$program.old"; fi
mv "$program.new" "$program"
rm -rf "$program.old"
trap - EXIT INT TERM

# The command: ours, or left alone if someone else's program has the name.
command="$prefix/bin/overture"
if [ -L "$command" ] || [ -e "$command" ]; then
    case "$(readlink "$command" 2>/dev/null || true)" in
        */lib/overture/overture) ln -sfn "$program/overture" "$command" ;;
        *) echo "install.sh: $command is another program: left as it is (use $program/overture)" >&2 ;;
    esac
else
    ln -s "$program/overture" "$command"
fi

# The entry's Exec: the Desktop Entry spec quotes an argument holding anything unusual and escapes " ` $ \ in it;
# then, as for every string value, a backslash is written twice; and a literal % is %% (field codes). TryExec is
# a plain string value. Last, sed's own specials (\ | &) are escaped for the replacement text.
string_value() { printf '%s' "$1" | sed -e 's/\\/\\\\/g'; }
case "$program" in
    *[!A-Za-z0-9/._+-]*)
        quoted=$(printf '%s' "$program/overture" | sed -e 's/[\\"`$]/\\&/g')
        exec_value=$(string_value "\"$quoted\"" | sed -e 's/%/%%/g')
        ;;
    *) exec_value="$program/overture" ;;
esac
for_sed() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
sed -e "s|^Exec=.*|Exec=$(for_sed "$exec_value")|" -e "s|^TryExec=.*|TryExec=$(for_sed "$(string_value "$program/overture")")|" \
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

echo "Installed $version in $program."
echo "Start it from your application menu, or run: $prefix/bin/overture"
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "($prefix/bin is not on your PATH: start it from the menu, or with the full path above.)" ;;
esac
echo "To remove it: '$program/uninstall.sh'"
if [ "$(id -u)" = 0 ] && [ "$prefix" = "$HOME/.local" ]; then
    echo "(Installed for root only. For everyone: install.sh --prefix /usr/local, or as each user.)"
fi
