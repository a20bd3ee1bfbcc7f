#!/bin/sh
# The phone's page in a real browser: tests/browser/phone_page.py, run by
# Debian's own Python, which has python3-websocket (tools/deps.sh).
py=/usr/bin/python3
[ -x "$py" ] || py=python3
exec "$py" "$(dirname "$0")/phone_page.py"
