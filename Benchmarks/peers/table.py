#!/usr/bin/python3
"""Merge benchmark result files into one Markdown table (standard library only).

Usage: /usr/bin/python3 table.py [--ref NAME] FILE...
  e.g. /usr/bin/python3 table.py results/dualautodiff.txt results/torch.txt results/adolc.txt results/sacado.txt

Each file holds lines `workload mode n median_us [anything else]` (extra columns, blank lines and
lines starting with '#' are ignored). The implementation name is the file's base name without its
extension. The table has one row per (workload, n, mode), one time column (µs) per implementation,
a column REF/plain (REF's time over REF's own plain time for that workload and n), and a ratio
column REF/OTHER for every other implementation (REF defaults to `dualautodiff`, matched
case-insensitively); a ratio below 1 means REF is faster.
"""
import os
import sys

WORKLOAD_ORDER = ["rosenbrock", "logistic", "mlp", "advection", "rosenbrock-kernels", "logistic-kernels", "mlp-kernels"]
MODE_ORDER = ["plain", "jvp", "gradient", "gradient-retape", "hvp", "hvp-retape", "hvp-reverse-over-forward",
              "hvp-reverse-over-reverse", "hvp-finite-difference", "hessian-hvp", "hessian-dense"]


def load(path):
    rows = {}
    with open(path) as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 4 or parts[0].startswith("#"):
                continue
            try:
                rows[(parts[0], int(parts[2]), parts[1])] = float(parts[3])
            except ValueError:
                continue
    return rows


def fmt_us(x):
    if x < 1:
        return f"{x:.3f}"
    if x < 100:
        return f"{x:.2f}"
    if x < 10000:
        return f"{x:.1f}"
    return f"{x:.0f}"


def fmt_ratio(x):
    return f"{x:.3f}" if x < 0.1 else f"{x:.2f}"


def order_key(key):
    w, n, m = key
    wi = WORKLOAD_ORDER.index(w) if w in WORKLOAD_ORDER else len(WORKLOAD_ORDER)
    mi = MODE_ORDER.index(m) if m in MODE_ORDER else len(MODE_ORDER)
    return (wi, w, n, mi, m)


def main(argv):
    ref_name = "dualautodiff"
    args = argv[1:]
    if "--ref" in args:
        i = args.index("--ref")
        ref_name = args[i + 1]
        del args[i:i + 2]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    impls = []  # (name, rows)
    for path in args:
        name = os.path.splitext(os.path.basename(path))[0]
        impls.append((name, load(path)))
    # reference implementation first
    impls.sort(key=lambda t: 0 if t[0].lower() == ref_name.lower() else 1)
    ref = impls[0] if impls[0][0].lower() == ref_name.lower() else None
    others = [t for t in impls if t is not ref] if ref else []

    keys = sorted({k for _, rows in impls for k in rows}, key=order_key)
    header = ["workload", "n", "mode"] + [f"{name} (µs)" for name, _ in impls]
    if ref:
        header.append(f"{ref[0]}/plain")
    header += [f"{ref[0]}/{name}" for name, _ in others]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---"] * 3 + ["---:"] * (len(header) - 3)) + "|"]
    for key in keys:
        w, n, m = key
        cells = [w, str(n), m]
        for _, rows in impls:
            cells.append(fmt_us(rows[key]) if key in rows else "")
        if ref:
            r, p = ref[1].get(key), ref[1].get((w, n, "plain"))
            cells.append(fmt_ratio(r / p) if r is not None and p else "")
        for _, rows in others:
            r = ref[1].get(key)
            o = rows.get(key)
            cells.append(fmt_ratio(r / o) if r is not None and o else "")
        lines.append("| " + " | ".join(cells) + " |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
