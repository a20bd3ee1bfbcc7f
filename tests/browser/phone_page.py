#!/usr/bin/env python3
"""A phone's browser on the vote page.

Runs the real handsup in a pseudo-terminal with --listen on loopback, and
Chromium headless at a phone's viewport (360 x 740 CSS pixels, twice as
dense), driven through the DevTools protocol.  The phone opens the join
URL, sees item 1 with its views as buttons, taps View 2, and the page
marks that vote and the session file holds it; the facilitator moves
on, and the page follows by itself to item 2.  The page must fit 360
pixels without scrolling sideways, and every text on it must have a
contrast of 4.5:1 or more.  The screenshot of the voted page is checked
(its size, the chosen button's colour in it) and kept in
$BUILD/browser/phone.png.

Prints "N passed, N failed"; exits 1 on a failure.
"""

import base64
import fcntl
import json
import os
import pty
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import urllib.request
import zlib

import websocket

BIN = os.environ.get("HANDSUP_BIN", "./handsup")
OUT = os.path.join(os.environ.get("BUILD", "build"), "browser")
PASSED = []
FAILED = []
# What Chromium answers an evaluation that a navigation cut short.
BETWEEN_DOCUMENTS = ("Inspected target navigated", "Execution context was destroyed",
                     "Cannot find context", "Cannot find default execution context")


def check(what, ok, detail=""):
    (PASSED if ok else FAILED).append(what)
    print(("ok     " if ok else "FAILED ") + what + (": " + detail if detail and not ok else ""))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_until(test, seconds=15.0, step=0.05):
    """Polls test() until it is true or the time is up; its last value."""
    end = time.monotonic() + seconds
    value = test()
    while not value and time.monotonic() < end:
        time.sleep(step)
        value = test()
    return value


class Handsup:
    """handsup in a pseudo-terminal of 24 x 80; its output drained."""

    def __init__(self, state, port):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8",
                   HANDSUP_STATE_DIR=state)
        self.proc = subprocess.Popen(
            [BIN, "--name", "browser", "--no-groups", "--listen", "127.0.0.1:%d" % port],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            start_new_session=True)
        os.close(slave)
        self.master = master
        self.screen = b""
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.screen = (self.screen + data)[-65536:]

    def key(self, s):
        os.write(self.master, s)

    def quit(self):
        self.key(b"q")
        time.sleep(0.2)
        self.key(b"y")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Browser:
    """Chromium headless, one page, over the DevTools protocol."""

    def __init__(self, profile):
        port = free_port()
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--disable-extensions",
             "--remote-debugging-port=%d" % port,
             "--user-data-dir=" + profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        targets = wait_until(lambda: self._targets(port), 30)
        page = [t for t in targets if t.get("type") == "page"][0]
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next = 0

    @staticmethod
    def _targets(port):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=1) as r:
                t = json.load(r)
                return t if any(x.get("type") == "page" for x in t) else None
        except OSError:
            return None

    def send(self, method, **params):
        self.next += 1
        self.ws.send(json.dumps({"id": self.next, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})

    def js(self, expr):
        """expr's value in the page; None while the page is between two
        documents: it reloads itself when the projector moves on, and an
        evaluation that meets the reload fails with "Inspected target
        navigated or closed" or loses its execution context."""
        try:
            r = self.send("Runtime.evaluate", expression=expr, returnByValue=True)
        except RuntimeError as e:
            if any(m in str(e) for m in BETWEEN_DOCUMENTS):
                return None
            raise
        return r.get("result", {}).get("value")

    def close(self):
        self.ws.close()
        self.proc.kill()
        self.proc.wait()


def png_pixels(data):
    """Width, height and rows of RGBA(or RGB) tuples of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, rows, bpp


def luminance(rgb):
    def lin(c):
        c /= 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(x) for x in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Every element's text colour against the background it sits on.
PAIRS_JS = """
(() => {
  const rgb = s => s.match(/[0-9.]+/g).slice(0, 4).map(Number);
  const bg = e => { for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3); }
    return [255, 255, 255]; };
  return [...document.querySelectorAll('body *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType == 3 && n.textContent.trim()))
    .map(e => [e.tagName + ':' + e.textContent.trim().slice(0, 30),
               rgb(getComputedStyle(e).color).slice(0, 3), bg(e)]);
})()
"""


def page_checks(b, what):
    fits = b.js("document.documentElement.scrollWidth <= window.innerWidth")
    check(what + ": fits 360 pixels without scrolling sideways", fits is True)
    worst = min(((contrast(fg, bg), t) for t, fg, bg in b.js(PAIRS_JS)), default=(0, "none"))
    check(what + ": every text at 4.5:1 or more", worst[0] >= 4.5,
          "%.2f for %s" % worst)


def session_file(state):
    for root, _, files in os.walk(state):
        for f in files:
            if f.endswith(".session"):
                return open(os.path.join(root, f), encoding="utf-8").read()
    return ""


def run(state, profile):
    port = free_port()
    hs = Handsup(state, port)
    up = wait_until(lambda: "phones: " in session_file(state), 15)
    check("handsup opens voting", bool(up))
    code = session_file(state).split("phones: ")[1].split()[0]
    url = "http://127.0.0.1:%d/%s" % (port, code)
    # Keys once the first frame is out (curses reads them from then on).
    wait_until(lambda: b"Press Right" in hs.screen, 15)
    hs.key(b" ")  # Space: item 1
    b = Browser(profile)
    try:
        b.send("Emulation.setDeviceMetricsOverride", width=360, height=740,
               deviceScaleFactor=2, mobile=True)
        b.send("Page.enable")
        b.send("Page.navigate", url=url)
        heading = lambda: b.js("document.querySelector('h1') && document.querySelector('h1').textContent")
        h1 = wait_until(lambda: (heading() or "").startswith("Regarding the Scope"), 15)
        check("the phone sees item 1", bool(h1), str(heading()))
        n = b.js("document.querySelectorAll('button').length")
        check("its two views are buttons", n == 2, str(n))
        page_checks(b, "the vote page")
        b.js("document.querySelectorAll('button')[1].click()")
        voted = wait_until(lambda: "your vote" in (b.js("document.body.innerText") or ""), 15)
        check("the page marks the vote", bool(voted))
        chosen = b.js("[...document.querySelectorAll('button')].findIndex(x => x.className.includes('chosen'))")
        check("on View 2", chosen == 1, str(chosen))
        saved = wait_until(lambda: "1.1=2" in session_file(state), 5)
        check("the session file holds the ballot", bool(saved))
        page_checks(b, "the voted page")
        shot = base64.b64decode(b.send("Page.captureScreenshot", format="png")["data"])
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "phone.png"), "wb") as f:
            f.write(shot)
        w, h, rows, bpp = png_pixels(shot)
        check("the screenshot is a phone's, 720 x 1480", (w, h) == (720, 1480), "%dx%d" % (w, h))
        yellow = sum(1 for r in rows[::8] for x in range(0, w * bpp, bpp * 8)
                     if abs(r[x] - 0xff) < 8 and abs(r[x + 1] - 0xd2) < 8 and abs(r[x + 2] - 0x3f) < 8)
        check("the screenshot shows the chosen button's colour", yellow > 50, str(yellow))
        hs.key(b" ")  # Space: item 2
        moved = wait_until(lambda: (heading() or "").startswith("Regarding Sales Training Design"), 20)
        check("the page follows the projector to item 2", bool(moved), str(heading()))
        for _ in range(2):
            hs.key(b"\x7f")  # Backspace: item 1, then the title screen
        waiting = wait_until(lambda: heading() == "Waiting for the next item", 20)
        check("the page follows the projector back to the title", bool(waiting), str(heading()))
        text = b.js("document.body.innerText") or ""
        check("with JavaScript, the waiting page says it changes by itself",
              "changes by itself" in text and "Reload this page" not in text, text)
    finally:
        b.close()
        hs.quit()


def main():
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("FAILED: chromium is not installed (tools/deps.sh installs it)")
        print("0 passed, 1 failed")
        return 1
    state = tempfile.mkdtemp(prefix="handsup-browser-")
    profile = tempfile.mkdtemp(prefix="handsup-chromium-")
    try:
        run(state, profile)
    except Exception as e:  # a failure to drive the browser is a failure
        check("the browser test ran", False, repr(e))
    finally:
        shutil.rmtree(state, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)
    print("%d passed, %d failed" % (len(PASSED), len(FAILED)))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
