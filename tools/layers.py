#!/usr/bin/env python3
"""Checks that handsup's dependencies run one way (src/README.md).

    python3 tools/layers.py SRC OBJECT...

Reads every #include in SRC/<layer>/*.[ch] and every symbol that the
objects (BUILD/<layer>/NAME.o) define and use (nm), then fails when
- a file includes or links against a layer it may not use;
- a file outside tui includes curses;
- a folder's private header (*_int.h) is included from another folder;
- two or more translation units, or two or more folders, need each other
  (a ring).
It prints one line per problem and a closing summary.
"""
import os
import re
import subprocess
import sys

# What each layer may use besides itself.
ALLOWED = {
    "base": set(),
    "core": {"base"},
    "store": {"core", "base"},
    "report": {"core", "base"},
    # The phones' server: below the model, so that app can turn ballots
    # into its operations; it knows the deck and ballots, not the session.
    "net": {"core", "base"},
    "app": {"net", "store", "report", "core", "base"},
    "tui": {"net", "app", "store", "report", "core", "base"},
    "cmd": {"net", "tui", "app", "store", "report", "core", "base"},
}
CURSES = re.compile(r'#\s*include\s*<(n?curses[^>]*|term\.h|ncursesw/[^>]*)>')
LOCAL = re.compile(r'#\s*include\s*"([^"]+)"')


def includes(src, problems):
    edges = 0
    files = 0
    for layer in sorted(os.listdir(src)):
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        if layer not in ALLOWED:
            problems.append(f"{folder}: not a known layer")
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")):
                continue
            files += 1
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if CURSES.search(line) and layer != "tui":
                        problems.append(f"{path}:{n}: curses outside tui")
                    m = LOCAL.search(line)
                    if not m:
                        continue
                    edges += 1
                    inc = m.group(1)
                    if "/" not in inc:
                        problems.append(
                            f"{path}:{n}: include \"{inc}\" without its layer")
                        continue
                    to = inc.split("/")[0]
                    if to != layer and to not in ALLOWED.get(layer, set()):
                        problems.append(
                            f"{path}:{n}: {layer} may not include {inc}")
                    if inc.endswith("_int.h") and to != layer:
                        problems.append(
                            f"{path}:{n}: {inc} is private to {to}/")
    return files, edges


def symbols(objects):
    """Objects by name (layer/file), with the symbols each defines and uses."""
    defs, uses = {}, {}
    for path in sorted(objects):
        layer = os.path.basename(os.path.dirname(path))
        obj = f"{layer}/{os.path.basename(path)[:-2]}"
        if layer not in ALLOWED:
            continue
        out = subprocess.run(["nm", "-P", path],
                             capture_output=True, text=True, check=True)
        uses[obj] = set()
        for row in out.stdout.splitlines():
            parts = row.split()
            if len(parts) < 2:
                continue
            sym, kind = parts[0], parts[1]
            if kind == "U":
                uses[obj].add(sym)
            elif kind in "TDBRCVW" and kind.isupper():
                defs.setdefault(sym, obj)
    return defs, uses


def rings(nodes, edges):
    """Strongly connected components with more than one member (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: layers.py SRC OBJECT...")
    src, objects = sys.argv[1], sys.argv[2:]
    problems = []
    files, inc_edges = includes(src, problems)
    defs, uses = symbols(objects)
    links = {}
    for obj, syms in uses.items():
        for s in syms:
            to = defs.get(s)
            if to and to != obj:
                links.setdefault(obj, set()).add(to)
    nlinks = 0
    folders = {}
    for a, tos in sorted(links.items()):
        la = a.split("/")[0]
        for b in sorted(tos):
            nlinks += 1
            lb = b.split("/")[0]
            if lb != la:
                folders.setdefault(la, set()).add(lb)
                if lb not in ALLOWED[la]:
                    problems.append(f"{a}.o uses {b}.o: {la} may not use {lb}")
    file_rings = rings(uses.keys(), links)
    for r in file_rings:
        problems.append("ring of files: " + " <-> ".join(r))
    folder_rings = rings(folders.keys(), folders)
    for r in folder_rings:
        problems.append("ring of folders: " + " <-> ".join(r))
    for p in problems:
        print(p)
    print(f"layers: {files} files, {inc_edges} includes, {len(uses)} objects, "
          f"{nlinks} link edges; {len(file_rings)} rings of files, "
          f"{len(folder_rings)} rings of folders, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
