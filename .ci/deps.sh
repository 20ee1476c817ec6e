#!/usr/bin/env bash
# Installs the Debian packages Knowflow needs that are missing, and checks Go.
#
#   .ci/deps.sh [build|smoke|all]...     (default: all)
#
#   build  compile and run the app (cgo, GLFW, OpenGL, X11) and make itself
#   smoke  run the real window headless: Xvfb, a session D-Bus, a tray host,
#          a notification daemon, screenshots and D-Bus queries
#   all    both, and what the tests read (WordNet and bsdgames' acronym
#          lists, for the lexicon's checks;
#          PostgreSQL, under the Miniflux of the sync tests; Radicale, the
#          CardDAV server of the contacts sync tests; gnome-keyring, the
#          Secret Service of the keyring tests)
#
# Idempotent and silent when everything is present: each package is checked
# with dpkg-query first, and only when some are missing does it run
# `apt-get update` and `apt-get install --no-install-recommends` on those.
# As root it calls apt-get directly, otherwise through sudo.
#
# Never add dbus-x11: with it godbus autolaunches its own bus and leaves a
# stray dbus-daemon behind (see shared/TOOLCHAIN.md).
set -euo pipefail

BUILD_PKGS=(
	make gcc libc6-dev pkg-config ca-certificates xz-utils # xz: fyne package's tar -J
	libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
	libxi-dev libxxf86vm-dev
)
# dbus-daemon: dbus-run-session; dbus-bin: dbus-send; libglib2.0-bin: gdbus;
# x11-utils: xwininfo; imagemagick: import (screenshots) and identify;
# xdotool: drives the window (kfbench -stall, and by hand).
# dunst needs "default-dbus-session-bus | dbus-session-bus": naming
# dbus-user-session (the only default-dbus-session-bus) keeps apt from ever
# choosing dbus-x11 for it.
SMOKE_PKGS=(
	xvfb xauth dbus dbus-daemon dbus-bin dbus-user-session libglib2.0-bin x11-utils
	imagemagick dunst haskell-status-notifier-item-utils xdotool
)

# wordnet-base: WordNet 3.0, from which model/lexicon's table is generated;
# its test regenerates the table and checks it is the one committed.
# bsdgames: the acronym files of wtf(6), from which model/lexicon's
# acronyms.tsv is generated (checked the same way).
# appstream: appstreamcli validates the .deb's metadata (.ci/deb-test.sh).
# postgresql: the private cluster under the real Miniflux that the Google
# Reader sync tests run against (feeds/greader/testserver; Miniflux itself is
# built from the Go module proxy into build/tools, about a minute once).
# radicale: the CardDAV server the contacts sync tests run against (3.1.x).
# gnome-keyring: gnome-keyring-daemon, the real Secret Service that
# model/secrets' keyring tests start on a private dbus-daemon, with its
# login keyring in a temp HOME (it needs no X; it pulls GTK's libraries in,
# but no dbus-x11).
TEST_PKGS=(wordnet-base bsdgames appstream postgresql radicale gnome-keyring)

MIN_GO_MINOR=26 # Go >= 1.26, as go.mod says

die() {
	printf 'deps.sh: %s\n' "$*" >&2
	exit 1
}

want=()
[[ $# -eq 0 ]] && set -- all
for set in "$@"; do
	case "$set" in
	build) want+=("${BUILD_PKGS[@]}") ;;
	smoke) want+=("${SMOKE_PKGS[@]}") ;;
	all) want+=("${BUILD_PKGS[@]}" "${SMOKE_PKGS[@]}" "${TEST_PKGS[@]}") ;;
	-h | --help)
		sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown package set '$set' (want build, smoke or all)" ;;
	esac
done

# --- Go ----------------------------------------------------------------------
check_go() {
	local go
	go=$(command -v go 2>/dev/null || true)
	if [[ -z "$go" && -x /usr/local/go/bin/go ]]; then
		go=/usr/local/go/bin/go
	fi
	if [[ -z "$go" ]]; then
		cat >&2 <<-EOF
			deps.sh: Go is not installed (no 'go' on PATH, no /usr/local/go/bin/go).
			Knowflow needs Go >= 1.$MIN_GO_MINOR. Debian's 'golang' package is too old;
			install the official release instead, for example:
			    curl -LO https://go.dev/dl/go1.$MIN_GO_MINOR.0.linux-amd64.tar.gz
			    sudo rm -rf /usr/local/go && sudo tar -C /usr/local -xzf go1.$MIN_GO_MINOR.0.linux-amd64.tar.gz
			    export PATH=/usr/local/go/bin:\$PATH
			(see https://go.dev/doc/install), then run this again.
		EOF
		exit 1
	fi
	# GOTOOLCHAIN=local: report the toolchain that is installed, not one that
	# go.mod would make Go >= 1.21 download.
	local v minor
	v=$(GOTOOLCHAIN=local "$go" env GOVERSION 2>/dev/null || "$go" version | awk '{print $3}')
	if [[ "$v" =~ ^go1\.([0-9]+) ]]; then
		minor=${BASH_REMATCH[1]}
		if ((minor < MIN_GO_MINOR)); then
			if ((minor >= 21)); then
				# Go >= 1.21 fetches the toolchain go.mod asks for (GOTOOLCHAIN=auto)
				# from the module proxy by itself; only say so.
				if [[ "$(cd / && "$go" env GOTOOLCHAIN)" == local* ]]; then
					die "$go is $v with GOTOOLCHAIN=local; Knowflow needs Go >= 1.$MIN_GO_MINOR (https://go.dev/doc/install)"
				fi
			else
				die "$go is $v; Knowflow needs Go >= 1.$MIN_GO_MINOR. Install it from https://go.dev/doc/install (Debian's golang package is too old) and put it first on PATH."
			fi
		fi
	fi
}
check_go

# --- Debian packages -------------------------------------------------------------
if ! command -v dpkg-query >/dev/null 2>&1; then
	printf 'deps.sh: not a Debian/Ubuntu system; make sure the equivalents of these are installed:\n  %s\n' "${want[*]}" >&2
	exit 0
fi

installed() { # true when dpkg says "install ok installed" for some architecture
	dpkg-query -W -f='${db:Status-Abbrev}\n' "$1" 2>/dev/null | grep -q '^ii'
}

if installed dbus-x11; then
	echo "deps.sh: warning: dbus-x11 is installed; godbus may autolaunch a stray dbus-daemon (apt-get remove dbus-x11)" >&2
fi

missing=()
declare -A seen=()
for p in "${want[@]}"; do
	[[ -n "${seen[$p]:-}" ]] && continue
	seen[$p]=1
	installed "$p" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -eq 0 ]]; then
	as_root=()
elif command -v sudo >/dev/null 2>&1; then
	as_root=(sudo)
	[[ -t 0 ]] || as_root=(sudo -n) # no terminal: never wait for a password
else
	die "missing Debian packages: ${missing[*]}
  Not root and no sudo: as root, run
    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
fi

echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq ||
	die "apt-get update failed"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" </dev/null ||
	die "apt-get install failed for: ${missing[*]}"

still=()
for p in "${missing[@]}"; do installed "$p" || still+=("$p"); done
((${#still[@]} == 0)) || die "still missing after apt-get install: ${still[*]}"
echo "deps.sh: installed ${missing[*]}" >&2
