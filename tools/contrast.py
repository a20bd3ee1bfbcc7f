#!/usr/bin/env python3
"""contrast.py: WCAG 2 contrast of handsup's colours in a real xterm.

usage:
  contrast.py ratio COLOUR COLOUR      the contrast of two colours
  contrast.py palette                  xterm's 256 colours
  contrast.py xterm16                  the 16 default colours, plain and
                                       bold, on black and on white
  contrast.py current                  today's roles (src/tui/draw.c) as
                                       xterm draws them, on black and white
  contrast.py candidates               candidate colours for each role of
                                       the dark and the light theme
  contrast.py proposal [--markdown]    the proposed palette, every pair's
                                       ratio, and the colour-blind check
  contrast.py shot PNG [--grid CxR] [--min-pixels N]
                                       measure a screenshot (tools/xterm-shot.sh)
  contrast.py swatch                   draw a test card of the palette (run it
                                       in xterm-shot, then `verify` the shot)
  contrast.py verify PNG [--grid CxR]  compare a swatch shot with the palette
  contrast.py card dark|light          draw the proposed theme (run it in
                                       xterm-shot, then `shot` the shot)

A COLOUR is an xterm index (0-255) or #rrggbb.  Text passes at 4.5:1
(WCAG 2 AA, 1.4.3); bars, block cells and rules at 3:1 (1.4.11).
`shot` and `verify` exit 1 when something fails.

Only the standard library is needed.  PNGs are read with PIL
(python3-pil) when it is there, else through ImageMagick's `convert`
as a PPM; a binary PPM (P6) is read directly.
"""

import itertools
import os
import subprocess
import sys
import time
from collections import Counter

TEXT_MIN = 4.5
NONTEXT_MIN = 3.0

# ---- the xterm palette --------------------------------------------------

# xterm's defaults (the VT100 colorN resources in /etc/X11/app-defaults/XTerm:
# black red3 green3 yellow3 blue2 magenta3 cyan3 gray90, gray50 red green
# yellow rgb:5c/5c/ff magenta cyan white).
XTERM16 = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00",
    "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00",
    "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]
XTERM16_NAMES = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright black", "bright red", "bright green", "bright yellow",
    "bright blue", "bright magenta", "bright cyan", "bright white",
]
CUBE_LEVELS = (0, 95, 135, 175, 215, 255)


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def rgb_hex(rgb):
    return "#%02x%02x%02x" % tuple(int(round(c)) for c in rgb)


def build_palette():
    pal = [hex_rgb(h) for h in XTERM16]
    for r in CUBE_LEVELS:
        for g in CUBE_LEVELS:
            for b in CUBE_LEVELS:
                pal.append((r, g, b))
    for k in range(24):
        pal.append((8 + 10 * k,) * 3)
    return pal


PALETTE = build_palette()
INDEX_OF = {}
for _i, _c in enumerate(PALETTE):
    INDEX_OF.setdefault(_c, []).append(_i)


def colour(spec):
    """An index 0-255 or #rrggbb, as an RGB triple."""
    if isinstance(spec, tuple):
        return spec
    s = str(spec).strip()
    if s.startswith("#"):
        return hex_rgb(s)
    n = int(s)
    if not 0 <= n <= 255:
        raise ValueError("an xterm colour index is 0-255: %s" % s)
    return PALETTE[n]


def describe(rgb):
    """#rrggbb with the xterm indices that give exactly that colour."""
    idx = INDEX_OF.get(tuple(rgb))
    tag = "/".join(str(i) for i in idx) if idx else "-"
    return "%s %-7s" % (rgb_hex(rgb), tag)


# ---- WCAG 2 -----------------------------------------------------------------

def linear(c8):
    c = c8 / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = luminance(colour(a)), luminance(colour(b))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def verdict(r, need=TEXT_MIN):
    return "pass" if r >= need else "FAIL"


# ---- perceptual distance and colour-blindness ---------------------------

def lab(rgb):
    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(a, b):
    """CIE76 distance in CIELAB."""
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protan": ((0.152286, 1.052583, -0.204868),
               (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968),
               (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779),
               (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("normal", "protan", "deutan", "tritan")


def simulate(rgb, vision):
    if vision == "normal":
        return rgb
    lin = [linear(c) for c in rgb]
    out = []
    for row in CVD[vision]:
        v = min(1.0, max(0.0, sum(m * c for m, c in zip(row, lin))))
        v = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
        out.append(255 * v)
    return tuple(out)


def closest_pair(colours):
    """(ΔE, vision, i, j): the two colours that look most alike, under
    normal vision and the three simulated dichromacies."""
    best = None
    for vision in VISIONS:
        sim = [simulate(c, vision) for c in colours]
        for i, j in itertools.combinations(range(len(sim)), 2):
            d = delta_e(sim[i], sim[j])
            if best is None or d < best[0]:
                best = (d, vision, i, j)
    return best


OKABE_ITO = [
    ("orange", "#e69f00"), ("sky blue", "#56b4e9"),
    ("bluish green", "#009e73"), ("yellow", "#f0e442"),
    ("blue", "#0072b2"), ("vermillion", "#d55e00"),
    ("reddish purple", "#cc79a7"),
]

# ---- the roles: today's and the proposal ----------------------------------

ROLES = ["NORMAL", "TOPBAR", "TITLE", "HEADING", "DIM", "KEY", "STATUS",
         "WARNING", "SELECTED", "VIEW1", "VIEW2", "VIEW3", "VIEW4", "VIEW5",
         "VIEW6"]

# src/tui/draw.c today: (fg, bg, bold); None is the terminal's default.
CURRENT = {
    "NORMAL": (None, None, False), "TOPBAR": (0, 6, True),
    "TITLE": (3, None, True), "HEADING": (None, None, True),
    "DIM": (6, None, False), "KEY": (3, None, True),
    "STATUS": (0, 7, False), "WARNING": (7, 1, True),
    "SELECTED": (3, None, True), "VIEW1": (6, None, True),
    "VIEW2": (3, None, True), "VIEW3": (2, None, True),
    "VIEW4": (5, None, True), "VIEW5": (4, None, True),
    "VIEW6": (1, None, True),
}


def xterm_drawn(fg, bold):
    """The colour xterm shows for an SGR 30-37 foreground: with its
    default boldColors resource, bold moves colours 0-7 to 8-15."""
    return fg + 8 if bold and fg is not None and fg < 8 else fg


# The proposal.  Only cube and grey indices (16-255): they are the same
# in every xterm, where 0-15 are themable and bold brightens 0-7.
# (fg, bg, bold, what it is); bg None is the theme's painted background.
# Bars are drawn as cells with the view's colour as their background.
THEMES = {
    "dark": {
        "app": 16,
        "roles": {
            "NORMAL": (253, None, False, "grey 85%"),
            "TOPBAR": (231, 238, True, "white on grey 27%"),
            "TITLE": (227, None, True, "light yellow"),
            "HEADING": (231, None, True, "white"),
            "DIM": (247, None, False, "grey 62%"),
            "KEY": (227, None, True, "light yellow"),
            "STATUS": (253, 236, False, "grey 85% on grey 19%"),
            "WARNING": (231, 160, True, "white on red; a block 3:1 on black"),
            "SELECTED": (227, None, True, "light yellow"),
            "VIEW1": (214, None, True, "orange"),
            "VIEW2": (117, None, True, "sky blue"),
            "VIEW3": (35, None, True, "bluish green"),
            "VIEW4": (32, None, True, "blue"),
            "VIEW5": (166, None, True, "vermillion"),
            "VIEW6": (139, None, True, "reddish purple"),
        },
    },
    "light": {
        "app": 231,
        "roles": {
            "NORMAL": (16, None, False, "black"),
            "TOPBAR": (231, 238, True, "white on grey 27%"),
            "TITLE": (18, None, True, "navy"),
            "HEADING": (16, None, True, "black"),
            "DIM": (241, None, False, "grey 38%"),
            "KEY": (18, None, True, "navy"),
            "STATUS": (16, 254, False, "black on grey 89%"),
            "WARNING": (231, 124, True, "white on dark red"),
            "SELECTED": (16, None, True, "black"),
            "VIEW1": (130, None, True, "dark orange"),
            "VIEW2": (23, None, True, "dark teal (sky blue)"),
            "VIEW3": (29, None, True, "dark bluish green"),
            "VIEW4": (26, None, True, "blue"),
            "VIEW5": (88, None, True, "dark red (vermillion)"),
            "VIEW6": (97, None, True, "purple (reddish purple)"),
        },
    },
}
VIEW_HUES = ["orange", "sky blue", "bluish green", "blue", "vermillion",
             "reddish purple"]


def theme_pairs(name):
    """Each role's (role, fg, bg, need, note), bars included."""
    t = THEMES[name]
    out = []
    for role in ROLES:
        fg, bg, bold, note = t["roles"][role]
        out.append((role, fg, t["app"] if bg is None else bg, TEXT_MIN,
                    note + (", bold" if bold else "")))
    for v in range(1, 7):
        fg = t["roles"]["VIEW%d" % v][0]
        out.append(("BAR%d" % v, fg, t["app"], NONTEXT_MIN,
                    "bar: cells with background %d" % fg))
    return out


# ---- commands ---------------------------------------------------------------

def cmd_ratio(args):
    if len(args) != 2:
        sys.exit("usage: contrast.py ratio COLOUR COLOUR")
    a, b = colour(args[0]), colour(args[1])
    r = ratio(a, b)
    print("%s on %s: %.2f:1  text %s, non-text %s" % (
        describe(a).strip(), describe(b).strip(), r, verdict(r),
        verdict(r, NONTEXT_MIN)))


def cmd_palette(_args):
    for i, c in enumerate(PALETTE):
        print("%3d %s  on black %5.2f  on white %5.2f" % (
            i, rgb_hex(c), ratio(c, (0, 0, 0)), ratio(c, (255, 255, 255))))


def cmd_xterm16(_args):
    print("xterm's 16 default colours as text (4.5:1 needed).  With the")
    print("default boldColors, bold 0-7 is drawn as 8-15.")
    print()
    print("%-3s %-15s %-8s %10s %10s %10s %10s" % (
        "n", "name", "colour", "on black", "bold", "on white", "bold"))
    black, white = (0, 0, 0), (255, 255, 255)
    for n in range(16):
        c, cb = PALETTE[n], PALETTE[xterm_drawn(n, True)]
        cells = []
        for bg in (black, white):
            for col in (c, cb):
                r = ratio(col, bg)
                cells.append("%5.2f %s" % (r, verdict(r)))
        print("%-3d %-15s %-8s %s" % (n, XTERM16_NAMES[n], rgb_hex(c),
                                       " ".join("%10s" % x for x in cells)))


def cmd_current(_args):
    print("Today's roles (src/tui/draw.c) as xterm draws them: default")
    print("colours are the window's -fg/-bg; bold 0-7 shows as 8-15.")
    for theme, dfg, dbg in (("dark window (-bg black -fg white)", 15, 0),
                            ("light window (-bg white -fg black)", 0, 15)):
        print()
        print(theme)
        print("  %-9s %-18s %-18s %7s  %s" % ("role", "fg", "bg", "ratio",
                                              "4.5:1"))
        for role in ROLES:
            fg, bg, bold = CURRENT[role]
            shown = xterm_drawn(fg, bold)
            f = PALETTE[dfg if shown is None else shown]
            b = PALETTE[dbg if bg is None else bg]
            r = ratio(f, b)
            print("  %-9s %-18s %-18s %6.2f  %s" % (
                role, describe(f), describe(b), r, verdict(r)))
        views = [PALETTE[xterm_drawn(CURRENT["VIEW%d" % v][0], True)]
                 for v in range(1, 7)]
        d, vision, i, j = closest_pair(views)
        print("  views most alike: VIEW%d and VIEW%d, ΔE %.1f (%s)" % (
            i + 1, j + 1, d, vision))


def nearest_passing(ref, bg, need, k):
    found = sorted((delta_e(ref, PALETTE[i]), i) for i in range(16, 256)
                   if ratio(PALETTE[i], bg) >= need)
    return found[:k]


def cmd_candidates(_args):
    for name in ("dark", "light"):
        bg = THEMES[name]["app"]
        print("%s theme: painted background %d (%s)" % (
            name, bg, rgb_hex(PALETTE[bg])))
        print("  greys as text on it (4.5:1):")
        greys = [16, 231] + list(range(232, 256))
        line = []
        for g in greys:
            r = ratio(g, bg)
            if r >= TEXT_MIN:
                line.append("%d %.1f" % (g, r))
        print("    " + ", ".join(line))
        print("  Okabe-Ito colours: the reference, then the nearest cube")
        print("  colours that reach 4.5:1 as text (ΔE from the reference):")
        for hue, ref in OKABE_ITO:
            rr = ratio(hex_rgb(ref), bg)
            near = nearest_passing(hex_rgb(ref), PALETTE[bg], TEXT_MIN, 4)
            print("    %-15s %s %5.2f %s | %s" % (
                hue, ref, rr, verdict(rr),
                "  ".join("%d %s %.2f ΔE%.0f" % (i, rgb_hex(PALETTE[i]),
                                                  ratio(i, bg), d)
                          for d, i in near)))
        print()


def cmd_proposal(args):
    md = "--markdown" in args
    for name in ("dark", "light"):
        app = THEMES[name]["app"]
        if md:
            print("#### %s (painted background %d, %s)\n" % (
                name, app, rgb_hex(PALETTE[app])))
            print("| role | fg | bg | ratio | needs | result | colour |")
            print("|---|---|---|---|---|---|---|")
        else:
            print("%s theme, painted background %d %s" % (
                name, app, rgb_hex(PALETTE[app])))
        for role, fg, bg, need, note in theme_pairs(name):
            r = ratio(fg, bg)
            if md:
                print("| %s | %d `%s` | %d `%s` | %.2f | %.1f | %s | %s |" % (
                    role, fg, rgb_hex(PALETTE[fg]), bg, rgb_hex(PALETTE[bg]),
                    r, need, verdict(r, need), note))
            else:
                print("  %-9s fg %3d %s  bg %3d %s  %6.2f:1  needs %.1f  %s  %s"
                      % (role, fg, rgb_hex(PALETTE[fg]), bg,
                         rgb_hex(PALETTE[bg]), r, need, verdict(r, need), note))
        views = [PALETTE[THEMES[name]["roles"]["VIEW%d" % v][0]]
                 for v in range(1, 7)]
        d, vision, i, j = closest_pair(views)
        two = closest_pair(views[:2])
        print(("\n" if md else "") +
              "%sviews most alike: VIEW%d and VIEW%d, ΔE %.1f (%s); "
              "VIEW1/VIEW2 ΔE %.1f (%s)" % (
                  "" if md else "  ", i + 1, j + 1, d, vision, two[0], two[1]))
        print()
    ref = [hex_rgb(h) for hue, h in OKABE_ITO if hue in VIEW_HUES]
    d, vision, i, j = closest_pair(ref)
    print("%sfor comparison, the six Okabe-Ito colours themselves: most alike "
          "%s and %s, ΔE %.1f (%s)" % ("" if md else "  ", VIEW_HUES[i],
                                        VIEW_HUES[j], d, vision))
    print("%s(ΔE is CIE76 after Machado 2009 simulation at full severity, "
          "the least over normal, protan, deutan and tritan vision)" % (
              "" if md else "  "))


# ---- images -----------------------------------------------------------------

def read_ppm(data):
    """A binary PPM (P6, maxval 255) as (width, height, pixels)."""
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError("only binary PPM (P6) with maxval 255 is read")
    w, h = int(fields[1]), int(fields[2])
    raw = data[pos:pos + 3 * w * h]
    px = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    return w, h, px


def load_image(path):
    """(width, height, [rgb...] row by row, comment)."""
    if not os.path.exists(path):
        sys.exit("contrast.py: %s: no such file" % path)
    try:
        from PIL import Image
        with Image.open(path) as im:
            im.load()  # a PNG's text chunks may follow its pixels
            comment = im.info.get("comment") or im.info.get("Comment") or ""
            if isinstance(comment, bytes):
                comment = comment.decode("latin-1")
            rgb = im.convert("RGB")
            return rgb.width, rgb.height, list(rgb.getdata()), comment
    except ImportError:
        pass
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        sys.exit("contrast.py: %s: %s" % (path, e.strerror))
    comment = ""
    if not data.startswith(b"P6"):
        try:
            comment = subprocess.run(
                ["identify", "-format", "%c", path], capture_output=True,
                check=True).stdout.decode("latin-1")
            data = subprocess.run(["convert", path, "ppm:-"],
                                  capture_output=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            sys.exit("contrast.py: cannot read %s: install python3-pil, or "
                     "ImageMagick for convert" % path)
    w, h, px = read_ppm(data)
    return w, h, px, comment


def grid_of(args, comment, w, h):
    spec = None
    if "--grid" in args:
        spec = args[args.index("--grid") + 1]
    else:
        for word in comment.split():
            if word.startswith("grid="):
                spec = word[5:]
    if not spec:
        return None
    cols, rows = (int(x) for x in spec.lower().split("x"))
    if w % cols or h % rows:
        print("note: %dx%d pixels is not a whole number of %dx%d cells"
              % (w, h, cols, rows))
    return cols, rows, w // cols, h // rows


def cell_pixels(px, w, col, row, cw, ch):
    x0, y0 = col * cw, row * ch
    return [px[(y0 + y) * w + x0:(y0 + y) * w + x0 + cw] for y in range(ch)]


def close(a, b, tol=12):
    return all(abs(p - q) <= tol for p, q in zip(a, b))


def line_modes(lines):
    """Each line's most common colour, or None when more than one of its
    pixels is not (nearly) that colour."""
    modes = []
    for line in lines:
        mode = Counter(line).most_common(1)[0][0]
        odd = sum(1 for p in line if not close(p, mode))
        modes.append(mode if odd <= 1 else None)
    return modes


def classify_cell(rows, page_bg):
    """(kind, fg, bg, seam) for one cell's pixel rows.

    kind is None for a cell of one colour; "block" when every pixel row
    (full and half blocks, rules) or every pixel column (eighth blocks)
    is of one colour but for a pixel; else "text".  For text, bg is the
    cell's most common colour and fg the colour xterm can draw that
    contrasts most with it, or ("aa", colour) when only blends were
    found.  A block cell of one colour is measured against page_bg, a
    half block between its two colours.  seam: a block cell crossed by
    a block cell whose glyph stops a pixel row short of the cell's top or
    bottom edge, so that stacked cells show a line between them."""
    counts = Counter(p for r in rows for p in r)
    bg = counts.most_common(1)[0][0]
    if len(counts) == 1:
        return None, None, bg, False
    columns = list(zip(*rows))
    for modes in (line_modes(rows), line_modes(columns)):
        if None in modes:
            continue
        per = Counter(m for m in modes if tuple(m) in INDEX_OF)
        if not per:
            break
        # A glyph that stops a pixel short of the cell's top or bottom
        # edge: where such cells stack, the rows show a seam.
        seam = any((not close(c[0], c[1]) and close(c[1], c[2])) or
                   (not close(c[-1], c[-2]) and close(c[-2], c[-3]))
                   for c in columns)
        (fill, _n), = per.most_common(1)
        if len(per) == 1:
            if fill == page_bg:
                # Only blends on the page: a neighbour's glyph bleeding in.
                return None, None, bg, False
            return "block", fill, page_bg, seam
        second = per.most_common(2)[1][0]
        return "block", second, fill, seam
    others = [c for c, n in counts.items() if c != bg and n >= 2]
    if not others:
        return None, None, bg, False
    exact = [c for c in others if tuple(c) in INDEX_OF]
    best = max(others, key=lambda c: ratio(c, bg))
    # The edges of a glyph blend its colour into the background, so they
    # contrast less than it: an exact colour that contrasts less than
    # some pixel of the cell is itself such a blend (a thin "%" at 14 pt
    # may have no pixel of its full colour), not the glyph's colour.
    fg = max(exact, key=lambda c: ratio(c, bg)) if exact else None
    if fg is None or ratio(best, bg) > ratio(fg, bg):
        return "text", ("aa", best), bg, False
    return "text", fg, bg, False


def is_blend(c, anchors, tol=3):
    """Whether c lies between two of the anchor colours, as the
    anti-aliased edge of a glyph does."""
    for a, b in itertools.combinations(anchors, 2):
        d = [q - p for p, q in zip(a, b)]
        dd = sum(x * x for x in d)
        if dd == 0:
            continue
        t = sum((ci - p) * x for ci, p, x in zip(c, a, d)) / dd
        if 0 < t < 1 and all(abs(ci - (p + t * x)) <= tol
                             for ci, p, x in zip(c, a, d)):
            return True
    return False


def analyse_cells(px, w, grid, page_bg):
    """(pairs, first, backgrounds, seams) over every cell of the grid."""
    cols, rows, cw, ch = grid
    pairs, backgrounds, first = Counter(), Counter(), {}
    seams = 0
    for row in range(rows):
        cells = [classify_cell(cell_pixels(px, w, col, row, cw, ch), page_bg)
                 for col in range(cols)]
        band = len({c[2] for c in cells if c[0] != "block"}) == 1
        labelled = set()  # blank cells in a run that also holds text
        col = 0
        while col < cols:
            end = col
            while end + 1 < cols and cells[end + 1][2] == cells[col][2] \
                    and cells[end + 1][0] != "block":
                end += 1
            if any(cells[c][0] == "text" for c in range(col, end + 1)):
                labelled.update(range(col, end + 1))
            col = end + 1
        for col, (kind, fg, cbg, seam) in enumerate(cells):
            backgrounds[cbg] += 1
            seams += seam
            if kind is None and cbg != page_bg and not band and \
                    col not in labelled:
                # A cell painted in a colour of its own: a bar drawn
                # as background-coloured cells, measured as a block.
                kind, fg, cbg = "block", cbg, page_bg
            if kind is None:
                continue
            key = (kind, fg, cbg)
            pairs[key] += 1
            first.setdefault(key, (col, row))
    return pairs, first, backgrounds, seams


def report_colours(counts, bg, minpx, backgrounds):
    """The rough measure: each colour against the dominant background."""
    print("Every colour xterm can draw that covers %d pixels or more, against"
          % minpx)
    print("the dominant background (text needs 4.5:1; the cell by cell")
    print("table below is the one that counts):")
    print("  %-18s %8s %8s  %s" % ("colour", "pixels", "ratio", "result"))
    blends = 0
    drawable = [(c, n) for c, n in counts.most_common()
                if n >= minpx and tuple(c) in INDEX_OF]
    for c, n in counts.most_common():
        if c == bg or n < minpx:
            continue
        anchors = [a for a, na in drawable if na >= 5 * n]
        if tuple(c) not in INDEX_OF or is_blend(c, anchors):
            blends += 1
            continue
        r = ratio(c, bg)
        note = ""
        if backgrounds.get(c, 0) >= 3:
            note = "  (the background of %d cells)" % backgrounds[c]
        print("  %-18s %8d %7.2f  %s%s" % (describe(c), n, r, verdict(r),
                                           note))
    print("  (%d other colours of %d+ pixels are anti-aliasing blends)" % (
        blends, minpx))


def report_cells(grid, pairs, first, backgrounds, seams):
    """Prints the cell by cell table; returns the number of failures."""
    cols, rows, cw, ch = grid
    failures = 0
    print("Cell by cell, %dx%d cells of %dx%d pixels: each cell's most common"
          % (cols, rows, cw, ch))
    print("colour is its background, and its foreground the colour that")
    print("contrasts most with it (text 4.5:1; block cells 3:1):")
    print("  %-5s %-18s %-18s %6s %7s %5s  %-6s %s" % (
        "kind", "fg", "bg", "cells", "ratio", "needs", "result", "first at"))
    for (kind, fg, cbg), n in sorted(
            pairs.items(), key=lambda kv: (kv[0][0], -kv[1])):
        aa = isinstance(fg, tuple) and fg and fg[0] == "aa"
        col_ = fg[1] if aa else fg
        need = TEXT_MIN if kind == "text" else NONTEXT_MIN
        r = ratio(col_, cbg)
        res = verdict(r, need)
        if aa:
            res = "blend?"
        elif res == "FAIL":
            failures += 1
        c0, r0 = first[(kind, fg, cbg)]
        print("  %-5s %-18s %-18s %6d %6.2f %5.1f  %-6s col %d row %d" % (
            kind, describe(col_) + ("*" if aa else ""), describe(cbg), n, r,
            need, res, c0, r0))
    print("  (* no pixel of a colour xterm draws: only anti-aliased blends;")
    print("  or a cell whose colours xterm draws all contrast less than one of")
    print("  its blended pixels, so none of them is the glyph's own colour;")
    print("  a cell painted in a colour of its own is a bar, measured against")
    print("  the dominant background, unless its row is painted edge to edge")
    print("  like a top bar, or it pads text on that colour, like a label)")
    print("backgrounds: " + ", ".join(
        "%s %d cells" % (describe(c).strip(), n)
        for c, n in backgrounds.most_common()))
    print("seams: %d block cells have a pixel row of another colour at their "
          "top or bottom edge (block glyphs drawn from the font: stacked, "
          "they look striped)" % seams)
    print("%d pair(s) fail" % failures)
    return failures


def cmd_shot(args):
    if not args or args[0].startswith("--"):
        sys.exit("usage: contrast.py shot PNG [--grid CxR] [--min-pixels N]")
    path = args[0]
    minpx = int(args[args.index("--min-pixels") + 1]) \
        if "--min-pixels" in args else 30
    w, h, px, comment = load_image(path)
    counts = Counter(px)
    bg, nbg = counts.most_common(1)[0]
    print("%s: %dx%d pixels%s" % (path, w, h,
                                  ", " + comment.strip() if comment else ""))
    print("dominant background %s, %.1f%% of the pixels" % (
        describe(bg).strip(), 100.0 * nbg / len(px)))
    print()
    grid = grid_of(args, comment, w, h)
    cells = analyse_cells(px, w, grid, bg) if grid else None
    report_colours(counts, bg, minpx, cells[2] if cells else {})
    if grid is None:
        print("\n(give --grid COLSxROWS for the cell by cell measurement)")
        return 0
    print()
    return 1 if report_cells(grid, *cells) else 0


# ---- the swatch test card ---------------------------------------------------

SWATCH_BOLD_ROW = 10


def cmd_swatch(_args):
    """Draws the 256 colours as background cells, two cells each, 32 to a
    row (rows 1-8), then foreground blocks: plain SGR 30-37 and 90-97
    (row 10), bold 30-37 and bold 38;5;0-7 (row 11), bold 38;5;16-31 and
    bold default (row 12).  It waits until it is killed."""
    out = ["\033[H\033[2J\033[?25l", "xterm palette swatch\r\n"]
    for row in range(8):
        for i in range(row * 32, row * 32 + 32):
            out.append("\033[48;5;%dm  " % i)
        out.append("\033[0m\r\n")
    out.append("\r\n")
    block = "\u2588\u2588"
    out.append("".join("\033[%dm%s" % (30 + n, block) for n in range(8)) +
               "".join("\033[%dm%s" % (90 + n, block) for n in range(8)) +
               "\033[0m\r\n")
    out.append("".join("\033[1;%dm%s" % (30 + n, block) for n in range(8)) +
               "".join("\033[1;38;5;%dm%s" % (n, block) for n in range(8)) +
               "\033[0m\r\n")
    out.append("".join("\033[1;38;5;%dm%s" % (n, block)
                       for n in range(16, 32)) +
               "\033[0;1m%s\033[0m\r\n" % block)
    sys.stdout.write("".join(out))
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_verify(args):
    if not args:
        sys.exit("usage: contrast.py verify PNG [--grid CxR]")
    w, h, px, comment = load_image(args[0])
    grid = grid_of(args, comment, w, h)
    if grid is None:
        sys.exit("contrast.py: give --grid COLSxROWS")
    _cols, _rows, cw, ch = grid

    def centre(col, row):
        return px[(row * ch + ch // 2) * w + col * cw + cw // 2]
    bad = 0
    for i in range(256):
        row, col = 1 + i // 32, 2 * (i % 32)
        got = centre(col, row)
        if tuple(got) != PALETTE[i]:
            bad += 1
            print("colour %3d: expected %s, xterm drew %s" % (
                i, rgb_hex(PALETTE[i]), rgb_hex(got)))
    print("palette: %d of 256 colours as expected" % (256 - bad))
    r0 = SWATCH_BOLD_ROW
    labels = (["SGR %d" % (30 + n) for n in range(8)] +
              ["SGR %d" % (90 + n) for n in range(8)],
              ["SGR 1;%d" % (30 + n) for n in range(8)] +
              ["SGR 1;38;5;%d" % n for n in range(8)],
              ["SGR 1;38;5;%d" % n for n in range(16, 32)] + ["SGR 1 (default)"])
    for k, names in enumerate(labels):
        for j, name in enumerate(names):
            got = centre(2 * j, r0 + k)
            print("  %-16s drawn as %s" % (name, describe(got)))
    return 1 if bad else 0


# ---- the proposal on a real terminal ----------------------------------------

def cmd_card(args):
    """Draws the proposed theme as handsup would: the app's background
    painted, a top bar, a sample of every role, a bar for every view as
    background-coloured cells ending in an eighth block, large digits as
    whole cells, and a status line.  It waits until it is killed."""
    name = args[0] if args else "dark"
    if name not in THEMES:
        sys.exit("contrast.py: theme is dark or light")
    t = THEMES[name]
    app, roles = t["app"], t["roles"]
    cols, lines = os.get_terminal_size()

    def sgr(role):
        fg, rbg, bold, _ = roles[role]
        b = app if rbg is None else rbg
        return "\033[0;%s38;5;%d;48;5;%dm" % ("1;" if bold else "", fg, b)

    def at(row, col):
        return "\033[%d;%dH" % (row + 1, col + 1)

    out = ["\033[?25l", sgr("NORMAL"), "\033[H\033[2J"]
    top = " %s theme card" % name
    right = "12 hands   1 / 7 "
    out.append(at(0, 0) + sgr("TOPBAR") +
               top.ljust(cols - len(right)) + right)
    out.append(at(1, 2) + sgr("HEADING") + "HEADING an item's heading")
    row = 2
    for role in ("TITLE", "NORMAL", "DIM", "KEY", "SELECTED"):
        out.append(at(row, 2) + sgr(role) +
                   "%-9s The quick brown fox 0123456789" % role)
        row += 1
    out.append(at(row, 2) + sgr("WARNING") + " WARNING: save failed ")
    row += 2
    digits = {"4": (5, 5, 7, 1, 1), "2": (7, 1, 7, 4, 7)}  # src/tui/big.c
    for v in range(6):
        role = "VIEW%d" % (v + 1)
        fg = roles[role][0]
        full, eighth = 3 + 5 * v, v + 1
        out.append(at(row, 2) + sgr(role) + "View %d " % (v + 1))
        out.append("\033[48;5;%dm" % fg + " " * full)
        out.append(sgr(role) + chr(0x2590 - eighth))  # U+258F is 1/8
        out.append(sgr(role) + " %d%%" % (10 * v + 5))
        row += 1
    # Large digits "42" in VIEW1's colour, a font pixel a cell: whole
    # background-coloured cells, so no glyph and no seam.
    fg = roles["VIEW1"][0]
    x0 = cols - 10
    for r in range(5):
        out.append(at(2 + r, x0))
        for d in "42":
            for c in range(3):
                on = digits[d][r] >> (2 - c) & 1
                out.append("\033[0;48;5;%dm " % (fg if on else app))
            out.append("\033[0;48;5;%dm " % app)
    out.append(at(lines - 1, 0) + sgr("STATUS") +
               " STATUS: 12 hands saved".ljust(cols))
    out.append(at(lines - 1, cols - 1))
    sys.stdout.write("".join(out))
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    return 0


COMMANDS = {
    "ratio": cmd_ratio, "palette": cmd_palette, "xterm16": cmd_xterm16,
    "current": cmd_current, "candidates": cmd_candidates,
    "proposal": cmd_proposal, "shot": cmd_shot, "swatch": cmd_swatch,
    "verify": cmd_verify, "card": cmd_card,
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        sys.stdout.write(__doc__)
        return 0 if len(argv) > 1 and argv[1] in ("-h", "--help") else 2
    return COMMANDS[argv[1]](argv[2:]) or 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:
        os._exit(0)
