"""Builds Overture's desktop bundle with PyInstaller and, on Linux, the tarball that installs it.

    uv run python packaging/build_bundle.py [--dist DIR] [--work DIR] [--onefile] [--no-tarball]

The bundle lands in DIST/overture (one folder; `--onefile` makes one executable instead). On Linux the tarball
DIST/overture-VERSION-linux-ARCH.tar.gz holds that folder, the desktop entry, the AppStream metadata, the icons in
the hicolor sizes and install.sh / uninstall.sh (packaging/linux/). Name and version come from pyproject.toml.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, Python puts packaging/ first on sys.path, not the repository

from model.about import APP_ID, read_project_info  # noqa: E402

LINUX = ROOT / "packaging" / "linux"
SPEC = ROOT / "packaging" / "overture.spec"


class BuildFailed(Exception):
    pass


def folder_size(folder: Path) -> int:
    """Bytes in the files under `folder`, links counted once as links (as the unpacked bundle takes on disk)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink())


def run_pyinstaller(dist: Path, work: Path, onefile: bool) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    if onefile:
        command += ["--", "--onefile"]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"PyInstaller failed (exit code {result.returncode}); its messages are above")


def check_x11_libraries(bundle: Path) -> None:
    """Qt's X11 plugin with everything it links to, in the bundle or the system: PyInstaller collects what the
    build machine has and warns about the rest, and a bundle without them starts only where the user's desktop
    happens to have them (Qt 6.5+ needs libxcb-cursor, which many lack)."""
    internal = bundle / "_internal"
    plugin = next(internal.rglob("plugins/platforms/libqxcb.so"), None)
    if plugin is None or shutil.which("ldd") is None:
        raise BuildFailed("Qt's X11 plugin (libqxcb.so) is not in the bundle, or ldd is missing to check it")
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, check=False).stdout
    missing = sorted({line.split()[0] for line in listed.splitlines() if "not found" in line})
    if missing:
        raise BuildFailed(
            "Qt's X11 plugin needs libraries this machine lacks, so the bundle would lack them too: "
            + ", ".join(missing)
            + ". Install them (Debian: libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
            "libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1) and build again."
        )


def release_date() -> datetime.date:
    """The day of the build, or of SOURCE_DATE_EPOCH where it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


def metainfo(version: str, date: datetime.date) -> str:
    template = (LINUX / f"{APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    return template.replace("@VERSION@", version).replace("@DATE@", date.isoformat())


def validate(stage: Path) -> None:
    """Checks the desktop entry and the AppStream file with the freedesktop tools, where they are installed."""
    checks = [
        ("desktop-file-validate", [str(stage / "share" / "applications" / f"{APP_ID}.desktop")]),
        ("appstreamcli", ["validate", "--no-net", str(stage / "share" / "metainfo" / f"{APP_ID}.metainfo.xml")]),
    ]
    for tool, arguments in checks:
        if shutil.which(tool) is None:
            print(f"  ({tool} is not installed: not checked)")
            continue
        result = subprocess.run([tool, *arguments], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildFailed(f"{tool} refused {arguments[-1]}:\n{result.stdout}{result.stderr}")


def stage_linux(bundle: Path, stage: Path, version: str) -> None:
    """The tarball's contents: the bundle, install.sh/uninstall.sh and share/ as it will be under the prefix."""
    if stage.exists():
        shutil.rmtree(stage)
    share = stage / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copytree(bundle, stage / "overture", symlinks=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, stage / script)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo(version, release_date()), encoding="utf-8")
    # Qt draws the icons from the SVG; make_icons also writes the .ico and .icns, not wanted here.
    icons = stage / "_icons"
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(icons)], check=True, stdout=subprocess.DEVNULL
    )
    shutil.move(icons / "hicolor", share / "icons" / "hicolor")
    shutil.rmtree(icons)
    validate(stage)


def make_tarball(stage: Path, tarball: Path) -> None:
    """A gzipped tar of `stage` under its own name, files owned by nobody in particular, links kept as links."""

    def anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    partial = tarball.with_name(tarball.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(stage, arcname=stage.name, filter=anonymous)
    partial.replace(tarball)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (build/)")
    parser.add_argument("--onefile", action="store_true", help="one executable instead of a folder")
    parser.add_argument("--no-tarball", action="store_true", help="the bundle only (Linux)")
    args = parser.parse_args(argv)
    project = read_project_info([ROOT / "pyproject.toml"])
    dist, work = args.dist.resolve(), args.work.resolve()
    began = time.perf_counter()
    try:
        run_pyinstaller(dist, work, args.onefile)
        took = time.perf_counter() - began
        bundle = dist / ("overture" + (".exe" if os.name == "nt" and args.onefile else ""))
        size = bundle.stat().st_size if bundle.is_file() else folder_size(bundle)
        print(f"Built {bundle} in {took:.0f} s: {size / 1e6:.0f} MB.")
        if sys.platform == "linux" and not args.onefile:
            check_x11_libraries(bundle)
        if sys.platform == "linux" and not args.onefile and not args.no_tarball:
            name = f"overture-{project.version}-linux-{platform.machine()}"
            stage = work / name
            stage_linux(bundle, stage, project.version)
            tarball = dist / f"{name}.tar.gz"
            make_tarball(stage, tarball)
            shutil.rmtree(stage)
            print(f"Packed {tarball}: {tarball.stat().st_size / 1e6:.0f} MB.")
    except BuildFailed as error:
        print(f"build_bundle: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
