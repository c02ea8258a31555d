#!/usr/bin/python3
"""Cross-check two peers' full results (value, jvp, gradient, HVP) written with --vec-out.

Usage: /usr/bin/python3 compare.py torch.vec adolc.vec [--tol 1e-9]
Prints one line per workload and exits 1 if any quantity differs by more than tol
(relative to the largest magnitude of that quantity).
"""
import sys


def load(path):
    data, key = {}, None
    with open(path) as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "workload":
                key = (parts[1], int(parts[2]))
                data[key] = {}
            else:
                data[key][parts[0]] = [float(p) for p in parts[1:]]
    return data


def rel_err(a, b):
    if len(a) != len(b):
        return float("inf")
    scale = max(max((abs(x) for x in a), default=0.0), max((abs(x) for x in b), default=0.0), 1e-300)
    return max((abs(x - y) for x, y in zip(a, b)), default=0.0) / scale


def main(argv):
    tol = 1e-9
    if "--tol" in argv:
        i = argv.index("--tol")
        tol = float(argv[i + 1])
        del argv[i:i + 2]
    pa, pb = argv[1], argv[2]
    a, b = load(pa), load(pb)
    ok = True
    for key in sorted(set(a) & set(b)):
        errs = {q: rel_err(a[key][q], b[key][q]) for q in ("value", "jvp", "grad", "hvp")
                if q in a[key] and q in b[key]}
        good = all(e <= tol for e in errs.values())
        ok &= good
        print(f"check {key[0]} n={key[1]}: " + " ".join(f"{q}_relerr={e:.2e}" for q, e in errs.items())
              + f" -> {'OK' if good else 'MISMATCH'}")
    for key in sorted(set(a) ^ set(b)):
        print(f"check {key[0]} n={key[1]}: only in {'first' if key in a else 'second'} file")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
