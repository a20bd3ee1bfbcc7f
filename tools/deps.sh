#!/bin/sh
# Installs the Debian packages handsup needs, skipping those present.
#   sh tools/deps.sh        everything for the build and the tests
#   sh tools/deps.sh run    only what building and running needs
set -e
# libmicrohttpd and libqrencode: the phones' server and its QR code.
pkgs="make gcc pkg-config libncurses-dev libmicrohttpd-dev libqrencode-dev"
# clang needs its runtime libraries (a "recommends" only) for the sanitizers.
[ "${1:-}" = run ] || pkgs="$pkgs clang libclang-rt-dev clang-format libcmocka-dev libvterm-dev mandoc python3 zsh"
# The phone's page in a real browser: Chromium headless, driven by
# Python over the DevTools protocol, with a font to set the page in.
[ "${1:-}" = run ] || pkgs="$pkgs chromium python3-websocket fonts-dejavu-core"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "installing:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
