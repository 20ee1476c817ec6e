#!/usr/bin/env bash
# .ci/deb-test.sh DEB: checks Knowflow's .deb as a user's machine sees it.
# The AppStream metadata in it validates (appstreamcli, offline); then, as
# root on a machine without Knowflow installed (CI), `dpkg -i` installs it,
# the installed `knowflow version` runs and says the package's version,
# the desktop file, metadata and icons are where desktops look, and
# `dpkg -r` removes it all again.
set -euo pipefail
deb=${1:?usage: .ci/deb-test.sh FILE.deb}
say() { printf 'deb-test: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }

[[ -s "$deb" ]] || fail "no $deb"
version=$(dpkg-deb -f "$deb" Version)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
appstreamcli validate --no-net "$tmp/usr/share/metainfo/io.github.knowflow.knowflow.metainfo.xml" >"$tmp/validate.log" 2>&1 ||
	fail "appstreamcli validate: $(cat "$tmp/validate.log")"
say "$(basename "$deb"): version $version, AppStream metadata valid"

if [[ $(id -u) -ne 0 ]]; then
	say "not root: skipping dpkg -i / -r"
	exit 0
fi
if dpkg-query -W -f='${db:Status-Abbrev}' knowflow 2>/dev/null | grep -q '^ii'; then
	say "knowflow is installed on this machine: leaving it alone, skipping dpkg -i / -r"
	exit 0
fi
dpkg -i "$deb" >"$tmp/install.log" 2>&1 || fail "dpkg -i: $(cat "$tmp/install.log")"
trap 'dpkg -r knowflow >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
out=$(HOME="$tmp" /usr/bin/knowflow --db "$tmp/v.db" version) || fail "knowflow version failed: $out"
grep -qF "$version" <<<"$out" || fail "knowflow version says '$out', the package is $version"
for f in /usr/share/applications/io.github.knowflow.knowflow.desktop \
	/usr/share/metainfo/io.github.knowflow.knowflow.metainfo.xml \
	/usr/share/icons/hicolor/{16x16,32x32,48x48,64x64,128x128,256x256}/apps/io.github.knowflow.knowflow.png \
	/usr/share/icons/hicolor/scalable/apps/io.github.knowflow.knowflow.svg; do
	[[ -s "$f" ]] || fail "installed package lacks $f"
done
say "installed: $(head -n1 <<<"$out")"
dpkg -r knowflow >"$tmp/remove.log" 2>&1 || fail "dpkg -r: $(cat "$tmp/remove.log")"
[[ ! -e /usr/bin/knowflow ]] || fail "/usr/bin/knowflow left after dpkg -r"
trap 'rm -rf "$tmp"' EXIT
say "removed again"
