#!/usr/bin/python3
"""Merge repeated runs of one peer: per `workload mode n`, keep the smallest median_us.

Usage: /usr/bin/python3 merge_min.py RUN1.txt RUN2.txt ... > merged.txt
(Order of lines follows the first file; the machine is shared, so the least disturbed run wins.)
"""
import sys

order, best = [], {}
for path in sys.argv[1:]:
    with open(path) as fh:
        for line in fh:
            p = line.split()
            if len(p) < 4 or p[0].startswith("#"):
                continue
            key, t = (p[0], p[1], p[2]), float(p[3])
            if key not in best:
                order.append(key)
                best[key] = t
            else:
                best[key] = min(best[key], t)
for key in order:
    print(f"{key[0]} {key[1]} {key[2]} {best[key]:.3f}")
