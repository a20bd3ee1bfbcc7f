#!/usr/bin/env python3
"""Reads handsup's CSV and JSON reports back with the standard parsers.

usage: check_formats.py EXPECT [KIND FILE]...

KIND is one of session-csv, session-json, agg-csv, agg-json.  EXPECT holds
lines "S ITEM VIEW COUNT PERCENT" (one session) and "A ITEM VIEW COUNT
PERCENT" (aggregate) with what the C side computed.  Exits 0 when every
file parses, has the documented shape and agrees with EXPECT.
"""
import csv
import io
import json
import sys

SESSION_HEADER = ["session", "started", "deck", "item_no", "item", "view_no",
                  "view", "count", "percent"]
AGG_HEADER = ["deck", "item_no", "item", "view_no", "view", "count",
              "percent", "sessions", "counted", "view1_min",
              "view1_min_session", "view1_max", "view1_max_session"]

errors = []


def fail(msg):
    errors.append(msg)


def load_expect(path):
    exp = {"S": {}, "A": {}}
    with open(path, encoding="utf-8") as f:
        for line in f:
            kind, item, view, count, pct = line.split()
            exp[kind][(int(item), int(view))] = (int(count), int(pct))
    return exp


def check_sums(name, rows):
    """rows: (item, view, count, pct); shares add to 100 on counted items,
    and an item nobody counted has none (pct None: null, an empty field)."""
    per = {}
    for item, _, count, pct in rows:
        c, p = per.get(item, (0, []))
        per[item] = (c + count, p + [pct])
    for item, (c, p) in per.items():
        if c == 0:
            if any(x is not None for x in p):
                fail(f"{name}: item {item}: not counted, but shares {p}")
        elif None in p or sum(p) != 100:
            fail(f"{name}: item {item}: percentages {p} do not add to 100")


def compare(name, rows, want):
    # The expectation has tally_percent's 0 where the report has none;
    # check_sums makes sure "none" is where nothing was counted.
    got = {(i, v): (c, 0 if p is None else p) for i, v, c, p in rows}
    if got != want:
        for key in sorted(set(got) | set(want)):
            if got.get(key) != want.get(key):
                fail(f"{name}: item/view {key}: got {got.get(key)}, "
                     f"expected {want.get(key)}")


def check_csv(name, path, header, want):
    raw = open(path, "rb").read()
    raw.decode("utf-8")
    body = raw.replace(b"\r\n", b"")
    # Line ends are CRLF; a bare LF may only sit inside a quoted field,
    # and the reports never have one.
    if b"\n" in body or b"\r" in body:
        fail(f"{name}: line ends are not all CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    if not rows or rows[0][:len(header)] != header:
        fail(f"{name}: header is {rows[0] if rows else None}")
        return
    width = len(rows[0])
    got = []
    for r in rows[1:]:
        if len(r) != width:
            fail(f"{name}: row of {len(r)} fields, header has {width}")
            continue
        rec = dict(zip(rows[0], r))
        got.append((int(rec["item_no"]), int(rec["view_no"]),
                    int(rec["count"]),
                    int(rec["percent"]) if rec["percent"] != "" else None))
    check_sums(name, got)
    compare(name, got, want)


def views_of(name, items):
    got = []
    for it in items:
        for v in it["views"]:
            got.append((it["number"], v["number"], v["count"], v["percent"]))
        total = sum(v["count"] for v in it["views"])
        if it["total"] != total:
            fail(f"{name}: item {it['number']}: total {it['total']} != "
                 f"{total}")
    return got


def check_json(name, path, kind, want):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    fmt = "handsup-report" if kind == "S" else "handsup-aggregate"
    if doc.get("format") != fmt or doc.get("version") != 1:
        fail(f"{name}: format/version {doc.get('format')} "
             f"{doc.get('version')}")
    for key in ("deck", "items", "totals"):
        if key not in doc:
            fail(f"{name}: no {key}")
            return
    if kind == "S":
        sess = doc.get("session", {})
        started = sess.get("started", "")
        if len(started) != 20 or not started.endswith("Z"):
            fail(f"{name}: started {started!r} is not ISO 8601 UTC")
    got = views_of(name, doc["items"])
    check_sums(name, got)
    compare(name, got, want)
    tot = sum(t["percent"] or 0 for t in doc["totals"])
    if tot not in (0, 100):
        fail(f"{name}: totals add to {tot}%")


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    exp = load_expect(argv[1])
    for kind, path in zip(argv[2::2], argv[3::2]):
        which = "S" if kind.startswith("session") else "A"
        try:
            if kind.endswith("csv"):
                check_csv(path, path,
                          SESSION_HEADER if which == "S" else AGG_HEADER,
                          exp[which])
            else:
                check_json(path, path, which, exp[which])
        except (ValueError, KeyError, UnicodeDecodeError) as e:
            fail(f"{path}: {e!r}")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
