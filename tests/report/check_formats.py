#!/usr/bin/env python3
"""Reads handsup's CSV and JSON reports back with the standard parsers.

usage: check_formats.py EXPECT [KIND FILE]...

KIND is one of session-csv, session-json, agg-csv, agg-json.  EXPECT holds
tab-separated lines with what the C side computed from the sessions:

  R ITEM ROUND GROUP VIEW COUNT PERCENT BASE HEADCOUNT
      one row of a session's export: GROUP empty for the room, PERCENT
      "-" where none is given, BASE hands or room, HEADCOUNT empty when
      not given
  D ITEM POINTS GROUP GROUP
      an item's divide (POINTS "-" when fewer than two groups counted)
  W ITEM ROUND CHANGED POINTS,...
      the swing to that round (POINTS "-" when not known)
  T SHOWN
      1 when the session's totals over all items are given, else 0
  A ITEM VIEW COUNT PERCENT
      the aggregate's row of an item and view, over every session
  AG ITEM GROUP VIEW COUNT PERCENT
      a group's, over the sessions with that group (PERCENT "-": none)
  AR ITEM ROUND VIEW COUNT PERCENT
      a round's, over the sessions that reached it (items of more than
      one round only)

Exits 0 when every file parses, has the documented shape and agrees with
EXPECT.
"""
import csv
import io
import json
import sys

SESSION_HEADER = ["session", "started", "deck", "item_no", "item", "view_no",
                  "view", "count", "percent", "group", "round", "view_text",
                  "percent_base", "headcount"]
AGG_HEADER = ["deck", "item_no", "item", "view_no", "view", "count",
              "percent", "sessions", "counted", "view1_min",
              "view1_min_session", "view1_max", "view1_max_session"]

errors = []


def fail(msg):
    errors.append(msg)


def number(s):
    return None if s in ("", "-") else int(s)


def load_expect(path):
    exp = {"R": {}, "A": {}, "AG": {}, "AR": {}, "D": {}, "W": {},
           "T": None}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k = line.rstrip("\n").split("\t")
            if k[0] == "R":
                item, rnd, group, view, count, pct, base, hc = k[1:]
                exp["R"][(int(item), int(rnd), group, int(view))] = (
                    int(count), number(pct), base, number(hc))
            elif k[0] == "D":
                item, points, a, b = k[1:]
                exp["D"][int(item)] = (None if points == "-" else
                                       {"points": int(points),
                                        "groups": [a, b]})
            elif k[0] == "W":
                item, rnd, changed, points = k[1:]
                exp["W"][(int(item), int(rnd))] = {
                    "points": (None if points == "-" else
                               [int(p) for p in points.split(",")]),
                    "changed": int(changed)}
            elif k[0] == "T":
                exp["T"] = k[1] == "1"
            elif k[0] in ("AG", "AR"):
                item, which, view, count, pct = k[1:]
                if k[0] == "AR":
                    which = int(which)
                exp[k[0]][(int(item), which, int(view))] = (int(count),
                                                            number(pct))
            else:
                item, view, count, pct = k[1:]
                exp["A"][(int(item), int(view))] = (int(count), int(pct))
    return exp


def check_sums(name, rows):
    """rows: (block, count, pct, of_room, headcount); shares of the hands
    add to 100 on counted blocks, and a block nobody counted has none (pct
    None: null, an empty field).  Shares of the room add to 100 less those
    who raised no hand."""
    per = {}
    for block, count, pct, of_room, hc in rows:
        c, p, _, _ = per.get(block, (0, [], of_room, hc))
        per[block] = (c + count, p + [pct], of_room, hc)
    for block, (c, p, of_room, hc) in per.items():
        if c == 0:
            if any(x is not None for x in p):
                fail(f"{name}: {block}: not counted, but shares {p}")
        elif None in p:
            fail(f"{name}: {block}: a share is missing: {p}")
        elif of_room and (sum(p) > 100 or (c == hc and sum(p) != 100)):
            fail(f"{name}: {block}: shares of the room {p} of {hc}")
        elif not of_room and sum(p) != 100:
            fail(f"{name}: {block}: percentages {p} do not add to 100")


def compare(name, got, want):
    if got != want:
        for key in sorted(set(got) | set(want), key=str):
            if got.get(key) != want.get(key):
                fail(f"{name}: {key}: got {got.get(key)}, "
                     f"expected {want.get(key)}")


def read_csv(name, path, header):
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
        return []
    width = len(rows[0])
    recs = []
    for r in rows[1:]:
        if len(r) != width:
            fail(f"{name}: row of {len(r)} fields, header has {width}")
            continue
        recs.append(dict(zip(rows[0], r)))
    return recs


def check_session_csv(name, path, exp):
    got = {}
    sums = []
    for rec in read_csv(name, path, SESSION_HEADER):
        key = (int(rec["item_no"]), int(rec["round"]), rec["group"],
               int(rec["view_no"]))
        if rec["percent_base"] not in ("hands", "room"):
            fail(f"{name}: {key}: percent_base {rec['percent_base']!r}")
        got[key] = (int(rec["count"]), number(rec["percent"]),
                    rec["percent_base"], number(rec["headcount"]))
        sums.append((key[:3], got[key][0], got[key][1],
                     rec["percent_base"] == "room", got[key][3]))
    check_sums(name, sums)
    compare(name, got, exp["R"])


def check_agg_csv(name, path, exp):
    got, groups, rounds = {}, {}, {}
    sums = []
    for rec in read_csv(name, path, AGG_HEADER):
        item, view = int(rec["item_no"]), int(rec["view_no"])
        pct = number(rec["percent"])
        count = int(rec["count"])
        if rec.get("group", "") != "":
            groups[(item, rec["group"], view)] = (count, pct)
            block = (item, "group", rec["group"])
        elif rec.get("round", "") != "":
            rounds[(item, int(rec["round"]), view)] = (count, pct)
            block = (item, "round", rec["round"])
        else:
            got[(item, view)] = (count, 0 if pct is None else pct)
            block = (item,)
        sums.append((block, count, pct, False, None))
    check_sums(name, sums)
    # The expectation has tally_percent's 0 where the report has none;
    # check_sums makes sure "none" is where nothing was counted.
    compare(name, got, exp["A"])
    compare(name, groups, exp["AG"])
    compare(name, rounds, exp["AR"])


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


def split_rows(name, sp, item, rnd, group, got, sums):
    """One split of a session's JSON (the room's, a group's, a round's)
    as the CSV rows it stands for."""
    total = 0
    for v in sp["views"]:
        got[(item, rnd, group, v["number"])] = (
            v["count"], v["percent"], sp["percent_base"], sp["headcount"])
        sums.append(((item, rnd, group), v["count"], v["percent"],
                     sp["percent_base"] == "room", sp["headcount"]))
        total += v["count"]
    if sp["total"] != total:
        fail(f"{name}: {item}/{rnd}/{group!r}: total {sp['total']} != "
             f"{total}")
    hc = sp["headcount"]
    want = None if hc is None else max(hc - total, 0)
    if sp["no_hand"] != want:
        fail(f"{name}: {item}/{rnd}/{group!r}: no_hand {sp['no_hand']}, "
             f"expected {want}")
    if (sp["no_hand_percent"] is None) != (sp["percent_base"] != "room"
                                           or total == 0):
        fail(f"{name}: {item}/{rnd}/{group!r}: no_hand_percent "
             f"{sp['no_hand_percent']} with base {sp['percent_base']}")


def check_session_json(name, doc, exp):
    """Every count of the version 2 document, against the CSV's rows."""
    for key in ("percent_base", "same_views", "headcount", "groups"):
        if key not in doc:
            fail(f"{name}: no {key}")
    names = [g["name"] for g in doc["groups"]]
    got, last, sums = {}, {}, []
    for it in doc["items"]:
        n = it["number"]
        nr = len(it["rounds"])
        for r in it["rounds"]:
            split_rows(name, r, n, r["round"], "", got, sums)
            for g in r["groups"]:
                split_rows(name, g, n, r["round"], g["name"], got, sums)
            if r["round"] > 1:
                compare(name, {(n, r["round"]): r["swing"]},
                        {(n, r["round"]): exp["W"].get((n, r["round"]))})
            elif r["swing"] is not None:
                fail(f"{name}: item {n}: a swing in round 1")
        split_rows(name, it, n, nr, "", last, [])
        for g in it["groups"]:
            split_rows(name, g, n, nr, g["name"], last, [])
        if [g["name"] for g in it["groups"]] != names:
            fail(f"{name}: item {n}: groups {it['groups']}")
        compare(name, {n: it["divide"]}, {n: exp["D"].get(n)})
    check_sums(name, sums)
    compare(name, got, exp["R"])
    # The item's own figures are those of its last round.
    compare(name, last, {k: v for k, v in got.items()
                         if k[1] == len(doc["items"][k[0] - 1]["rounds"])})
    if exp["T"] is not None and (doc["totals"] is not None) != exp["T"]:
        fail(f"{name}: totals {doc['totals']}, expected shown={exp['T']}")


def check_agg_json(name, doc, exp):
    """The groups and rounds of an aggregate's version 2 document."""
    groups, rounds, sums = {}, {}, []
    names = [g["name"] for g in doc["groups"]]
    for it in doc["items"]:
        n = it["number"]
        for g in it["groups"]:
            if g["name"] not in names:
                fail(f"{name}: item {n}: unknown group {g['name']!r}")
            for v in g["views"]:
                groups[(n, g["name"], v["number"])] = (v["count"],
                                                       v["percent"])
                sums.append(((n, g["name"]), v["count"], v["percent"],
                             False, None))
        for r in it["rounds"] if len(it["rounds"]) > 1 else []:
            for v in r["views"]:
                rounds[(n, r["round"], v["number"])] = (v["count"],
                                                        v["percent"])
            if (r["swing"] is None) != (r["round"] == 1):
                fail(f"{name}: item {n} round {r['round']}: swing "
                     f"{r['swing']}")
    check_sums(name, sums)
    compare(name, groups, exp["AG"])
    compare(name, rounds, exp["AR"])


def check_json(name, path, kind, exp):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    fmt = "handsup-report" if kind == "S" else "handsup-aggregate"
    if doc.get("format") != fmt or doc.get("version") != 2:
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
        check_session_json(name, doc, exp)
    else:
        got = views_of(name, doc["items"])
        check_sums(name, [(i, c, p, False, None) for i, _, c, p in got])
        compare(name, {(i, v): (c, 0 if p is None else p)
                       for i, v, c, p in got}, exp["A"])
        check_agg_json(name, doc, exp)
    tot = sum(t["percent"] or 0 for t in doc["totals"] or [])
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
            if kind == "session-csv":
                check_session_csv(path, path, exp)
            elif kind == "agg-csv":
                check_agg_csv(path, path, exp)
            else:
                check_json(path, path, which, exp)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
            fail(f"{path}: {e!r}")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
