#!/usr/bin/python3
"""PyTorch peer benchmark for DualAutodiff (see ../WORKLOADS.md).

Every workload is written the way PyTorch users write it: vectorised float64 tensors, one thread.
Modes (one line each on stdout: `workload mode n median_us`):
  plain     forward evaluation under torch.no_grad()
  jvp       forward-mode AD (torch.autograd.forward_ad dual tensors): value + directional derivative
  gradient  torch.autograd.grad of the loss
  hvp       double backward: g = grad(f, x, create_graph=True); hvp = grad(g . v, x)
Correctness lines (value, first 3 gradient / HVP entries) go to stderr.

Usage: /usr/bin/python3 torch_peer.py [--quick] [--min-time S] [--only WORKLOAD] [--vec-out FILE]
"""
import argparse
import math
import os
import statistics
import sys
import time

import torch
import torch.autograd.forward_ad as fwAD

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
DT = torch.float64


# ---------------------------------------------------------------------------------------------
# Workloads
# ---------------------------------------------------------------------------------------------

def rosenbrock(x):
    return (100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2).sum()


def make_logistic():
    j = torch.arange(1000, dtype=DT)
    k = torch.arange(100, dtype=DT)
    A = torch.sin(0.37 * j[:, None] + 0.11 * k[None, :] + 0.5)
    y = (torch.arange(1000) % 2 == 0).to(DT)

    def logistic(w):
        z = A @ w
        return (torch.log1p(torch.exp(z)) - y * z).sum()

    return logistic


def make_mlp():
    b = torch.arange(32, dtype=DT)
    k = torch.arange(16, dtype=DT)
    X = torch.sin(0.3 * b[:, None] + 0.7 * k[None, :])  # [32, 16]
    t = torch.cos(0.5 * b)                             # [32]
    sizes = [64 * 16, 64, 64 * 64, 64, 64, 1]

    def mlp(theta):
        W1, b1, W2, b2, w3, b3 = torch.split(theta, sizes)
        h1 = torch.tanh(X @ W1.view(64, 16).T + b1)
        h2 = torch.tanh(h1 @ W2.view(64, 64).T + b2)
        out = h2 @ w3 + b3
        return ((out - t) ** 2).mean()

    return mlp


def advection(u, steps=2000, c=0.4):
    for _ in range(steps):
        a = torch.roll(u, -1) - u                 # a[i] = u[i+1] - u[i]
        ap = torch.roll(a, 1)                     # a[i-1]
        s = a * ap / torch.sqrt(a * a + ap * ap + 1e-8)
        face = u + 0.5 * (1.0 - c) * s
        u = u - c * (face - torch.roll(face, 1)) + 0.001 * u * torch.exp(-u * u)
    return torch.logsumexp(u, 0)


def workloads():
    out = []
    for n in (10, 1000, 100000):
        x = torch.tensor([-1.2 if i % 2 == 0 else 1.0 for i in range(n)], dtype=DT)
        out.append(("rosenbrock", n, rosenbrock, x))
    w = 0.01 * torch.cos(torch.arange(100, dtype=DT))
    out.append(("logistic", 100, make_logistic(), w))
    th = 0.05 * torch.cos(0.37 * torch.arange(5313, dtype=DT))
    out.append(("mlp", 5313, make_mlp(), th))
    i = torch.arange(100, dtype=DT)
    u0 = torch.exp(-50.0 * (i / 100 - 0.5) ** 2)
    out.append(("advection", 100, advection, u0))
    return out


# ---------------------------------------------------------------------------------------------
# AD modes
# ---------------------------------------------------------------------------------------------

def mode_fns(f, x0, v):
    xp = x0.clone()
    xg = x0.clone().requires_grad_(True)

    def plain():
        with torch.no_grad():
            return f(xp)

    def jvp():
        with fwAD.dual_level():
            out = f(fwAD.make_dual(xp, v))
            val, tangent = fwAD.unpack_dual(out)
            return val, tangent

    def gradient():
        y = f(xg)
        (g,) = torch.autograd.grad(y, xg)
        return g

    def hvp():
        y = f(xg)
        (g,) = torch.autograd.grad(y, xg, create_graph=True)
        (hv,) = torch.autograd.grad(torch.dot(g, v), xg)
        return hv

    return {"plain": plain, "jvp": jvp, "gradient": gradient, "hvp": hvp}


def measure_us(fn, min_time, min_reps):
    """Median over samples; a sample times a batch of k calls (batch >= ~200 us)."""
    pc = time.perf_counter_ns
    t0 = pc()
    w = 0
    while True:
        fn()
        w += 1
        if w >= 2 and (pc() - t0) >= 0.1 * min_time * 1e9:
            break
    est = (pc() - t0) / w
    k = max(1, math.ceil(200_000 / max(est, 1.0)))
    samples = []
    start = pc()
    while True:
        a = pc()
        for _ in range(k):
            fn()
        b = pc()
        samples.append((b - a) / k)
        if len(samples) >= min_reps and (b - start) >= min_time * 1e9:
            break
    return statistics.median(samples) / 1000.0


def blas_library():
    """The BLAS shared object torch ended up with (Debian's torch uses the system libblas.so.3)."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    try:
        with open("/proc/self/maps") as fh:
            libs = {line.split()[-1] for line in fh if "blas" in line.lower() and "/" in line}
        return ",".join(sorted(os.path.realpath(p) for p in libs)) or "unknown"
    except OSError:
        return "unknown"


def fmt(t, m=3):
    return ",".join(repr(float(e)) for e in t.reshape(-1)[:m])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--min-time", type=float, default=None)
    ap.add_argument("--only", default=None)
    ap.add_argument("--vec-out", default=None)
    args = ap.parse_args()
    min_time, min_reps = (0.03, 3) if args.quick else (0.5, 5)
    if args.min_time is not None:
        min_time = args.min_time
    vec = open(args.vec_out, "w") if args.vec_out else None

    print(f"# torch {torch.__version__}, threads={torch.get_num_threads()}, blas={blas_library()}", file=sys.stderr)
    for name, n, f, x0 in workloads():
        if args.only and args.only != name:
            continue
        v = torch.ones(n, dtype=DT)
        fns = mode_fns(f, x0, v)
        val = fns["plain"]()
        g = fns["gradient"]()
        hv = fns["hvp"]()
        try:
            _, jv = fns["jvp"]()
            jv_s = repr(float(jv))
        except Exception as e:  # forward AD not implemented for some op
            print(f"# {name}: forward-mode AD unavailable: {e}", file=sys.stderr)
            fns.pop("jvp")
            jv, jv_s = None, "n/a"
        print(f"check torch {name} n={n} f={float(val)!r} jvp={jv_s} grad[0:3]={fmt(g)} hvp[0:3]={fmt(hv)}",
              file=sys.stderr, flush=True)
        if vec:
            vec.write(f"workload {name} {n}\nvalue {float(val)!r}\n")
            if jv is not None:
                vec.write(f"jvp {float(jv)!r}\n")
            vec.write("grad " + " ".join(repr(e) for e in g.tolist()) + "\n")
            vec.write("hvp " + " ".join(repr(e) for e in hv.tolist()) + "\n")
            vec.flush()
        for mode in ("plain", "jvp", "gradient", "hvp"):
            if mode in fns:
                us = measure_us(fns[mode], min_time, min_reps)
                print(f"{name} {mode} {n} {us:.3f}", flush=True)
    if vec:
        vec.close()


if __name__ == "__main__":
    main()
