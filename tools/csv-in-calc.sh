#!/bin/sh
# Opens a CSV export in LibreOffice Calc (headless) and checks that every
# cell shows as written: no cell run as a formula, none turned into a
# number or a date.  Needs Debian's libreoffice-calc-nogui; not part of
# make check, as the package is large.
#   tools/csv-in-calc.sh [SESSION]   (default tests/report/hostile.session)
set -eu
session=${1:-tests/report/hostile.session}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
./handsup export --format csv -o "$dir/x.csv" "$session"
soffice --headless --convert-to html --outdir "$dir" "$dir/x.csv" >/dev/null 2>&1
python3 - "$dir/x.csv" "$dir/x.html" <<'PY'
import csv, html.parser, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None
    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self.cell = ""
    def handle_endtag(self, tag):
        if tag == "td":
            self.rows[-1].append(self.cell.strip())
            self.cell = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
calc = Cells()
calc.feed(open(sys.argv[2], encoding="utf-8", errors="replace").read())
bad = n = 0
for r, (ours, theirs) in enumerate(zip(rows, calc.rows)):
    for c, (a, b) in enumerate(zip(ours, theirs)):
        n += 1
        if a.strip() != b:
            bad += 1
            print(f"row {r + 1} column {c + 1}: written {a!r}, Calc shows {b!r}")
if len(rows) != len(calc.rows):
    bad += 1
    print(f"{len(rows)} rows written, {len(calc.rows)} in Calc")
print(f"{n} cells: {n - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
