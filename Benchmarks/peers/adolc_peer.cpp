// ADOL-C peer benchmark for DualAutodiff (see ../WORKLOADS.md).
//
// Each workload is written once as a template and evaluated with T = double (mode `plain`) and
// T = adouble (taped with trace_on/trace_off, then the standard ADOL-C drivers).
//
// Modes (one line each on stdout: `workload mode n median_us`):
//   plain            the templated function with double
//   jvp              fos_forward on a reused tape (value + directional derivative)
//   gradient         gradient(tag, ...) on a tape recorded once
//   gradient-retape  trace_on/…/trace_off + gradient(tag, ...) on every call
//   hvp              hess_vec(tag, ...) on a tape recorded once
//   hvp-retape       trace_on/…/trace_off + hess_vec(tag, ...) on every call
//
// Build: g++ -O3 -march=native -std=c++17 adolc_peer.cpp -o adolc_peer -ladolc
// Run:   ./adolc_peer [--quick] [--min-time SECONDS] [--only WORKLOAD] [--vec-out FILE]
//
// Correctness lines (value, first 3 gradient / HVP entries) go to stderr.
// Tape buffers: each workload is taped once with large buffers, tapestats() tells the real
// tape size, and from then on the tape is recorded with buffers just big enough to stay in
// memory (the per-tape equivalent of an .adolcrc file). A line per tape on stderr shows the
// statistics and whether ADOL-C had to spill any part of a tape to a file.

#include <adolc/adolc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "peer_common.hpp"

// --------------------------------------------------------------------------------------------
// Runner
// --------------------------------------------------------------------------------------------

struct Buffers {
    uint obs = OBUFSIZE, lbs = LBUFSIZE, vbs = VBUFSIZE, tbs = TBUFSIZE;
};

using AdFun = std::function<adouble(const adouble*, int)>;
using DFun = std::function<double(const double*, int)>;

static double record(short tag, int n, const double* x, const AdFun& f, const Buffers& buf) {
    double fy;
    trace_on(tag, 0, buf.obs, buf.lbs, buf.vbs, buf.tbs);
    {
        std::vector<adouble> ax(n);
        for (int i = 0; i < n; ++i) ax[i] <<= x[i];
        adouble y = f(ax.data(), n);
        y >>= fy;
    }
    trace_off();
    return fy;
}

static uint round_up(size_t need, uint dflt) {
    size_t v = need + need / 8 + 1024;
    if (v < dflt) v = dflt;
    return (uint)v;
}

static void print_stats(const char* name, short tag) {
    size_t st[STAT_SIZE];
    tapestats(tag, st);
    fprintf(stderr,
            "tape %-10s ops=%zu locs=%zu vals=%zu maxlive=%zu taystack=%zu buffers(op=%zu loc=%zu val=%zu tay=%zu) "
            "file-access(op=%zu loc=%zu val=%zu)\n",
            name, st[NUM_OPERATIONS], st[NUM_LOCATIONS], st[NUM_VALUES], st[NUM_MAX_LIVES], st[TAY_STACK_SIZE],
            st[OP_BUFFER_SIZE], st[LOC_BUFFER_SIZE], st[VAL_BUFFER_SIZE], st[TAY_BUFFER_SIZE], st[OP_FILE_ACCESS],
            st[LOC_FILE_ACCESS], st[VAL_FILE_ACCESS]);
}

static FILE* g_vec = nullptr;

static void dump_vec(const char* key, const std::vector<double>& v) {
    if (!g_vec) return;
    fprintf(g_vec, "%s", key);
    for (double d : v) fprintf(g_vec, " %.17g", d);
    fprintf(g_vec, "\n");
}

static void run(const char* name, short tag, int n, const std::vector<double>& x0, const std::vector<double>& v,
                const DFun& fd, const AdFun& fa) {
    std::vector<double> x = x0, vv = v, g(n), hv(n);
    double fval = fd(x.data(), n);

    // Sizing pass: record with big buffers, read the real tape size, size the buffers to it.
    Buffers big;
    big.obs = big.lbs = big.vbs = big.tbs = 1u << 26;
    record(tag, n, x.data(), fa, big);
    size_t st[STAT_SIZE];
    tapestats(tag, st);
    Buffers buf;
    buf.obs = round_up(st[NUM_OPERATIONS], OBUFSIZE);
    buf.lbs = round_up(st[NUM_LOCATIONS], LBUFSIZE);
    buf.vbs = round_up(st[NUM_VALUES], VBUFSIZE);
    // hess_vec keeps 2 Taylor coefficients per overwritten value
    buf.tbs = round_up(2 * st[TAY_STACK_SIZE] + 2 * st[NUM_MAX_LIVES], TBUFSIZE);

    double ftape = record(tag, n, x.data(), fa, buf);
    print_stats(name, tag);

    // correctness values
    double yj = 0, dyj = 0;
    fos_forward(tag, 1, n, 0, x.data(), vv.data(), &yj, &dyj);
    gradient(tag, n, x.data(), g.data());
    hess_vec(tag, n, x.data(), vv.data(), hv.data());
    fprintf(stderr,
            "check adolc %s n=%d f=%.17g f_tape=%.17g jvp=%.17g grad[0:3]=%.17g,%.17g,%.17g hvp[0:3]=%.17g,%.17g,%.17g\n",
            name, n, fval, ftape, dyj, g[0], g[1 % n], g[2 % n], hv[0], hv[1 % n], hv[2 % n]);
    if (g_vec) {
        fprintf(g_vec, "workload %s %d\nvalue %.17g\njvp %.17g\n", name, n, fval, dyj);
        dump_vec("grad", g);
        dump_vec("hvp", hv);
    }

    auto emit = [&](const char* mode, double us) {
        printf("%s %s %d %.3f\n", name, mode, n, us);
        fflush(stdout);
    };

    emit("plain", measure_us([&] {
             asm volatile("" : : "g"(x.data()) : "memory");
             g_sink = fd(x.data(), n);
         }));
    emit("jvp", measure_us([&] {
             double y, dy;
             fos_forward(tag, 1, n, 0, x.data(), vv.data(), &y, &dy);
             g_sink = dy;
         }));
    emit("gradient", measure_us([&] { gradient(tag, n, x.data(), g.data()); }));
    emit("gradient-retape", measure_us([&] {
             record(tag, n, x.data(), fa, buf);
             gradient(tag, n, x.data(), g.data());
         }));
    record(tag, n, x.data(), fa, buf);
    emit("hvp", measure_us([&] { hess_vec(tag, n, x.data(), vv.data(), hv.data()); }));
    emit("hvp-retape", measure_us([&] {
             record(tag, n, x.data(), fa, buf);
             hess_vec(tag, n, x.data(), vv.data(), hv.data());
         }));
    // after timing: results still the same?
    std::vector<double> g2(n), hv2(n);
    gradient(tag, n, x.data(), g2.data());
    hess_vec(tag, n, x.data(), vv.data(), hv2.data());
    double dg = 0, dh = 0;
    for (int i = 0; i < n; ++i) {
        dg = std::max(dg, std::fabs(g2[i] - g[i]));
        dh = std::max(dh, std::fabs(hv2[i] - hv[i]));
    }
    if (dg != 0 || dh != 0) fprintf(stderr, "WARNING %s: results changed after timing (%g, %g)\n", name, dg, dh);
    print_stats(name, tag);
}

int main(int argc, char** argv) {
    std::string only, vec_out;
    if (!parse_args(argc, argv, only, vec_out)) return 2;
    if (!vec_out.empty()) g_vec = fopen(vec_out.c_str(), "w");

    // data
    LR_A.resize((size_t)LR_M * LR_N);
    LR_Y.resize(LR_M);
    for (int j = 0; j < LR_M; ++j) {
        for (int k = 0; k < LR_N; ++k) LR_A[(size_t)j * LR_N + k] = std::sin(0.37 * j + 0.11 * k + 0.5);
        LR_Y[j] = (j % 2 == 0) ? 1.0 : 0.0;
    }
    MLP_X.resize((size_t)MLP_B * MLP_IN);
    MLP_T.resize(MLP_B);
    for (int b = 0; b < MLP_B; ++b) {
        for (int k = 0; k < MLP_IN; ++k) MLP_X[(size_t)b * MLP_IN + k] = std::sin(0.3 * b + 0.7 * k);
        MLP_T[b] = std::cos(0.5 * b);
    }

    short tag = 1;
    auto want = [&](const char* w) { return only.empty() || only == w; };

    if (want("rosenbrock")) {
        for (int n : {10, 1000, 100000}) {
            std::vector<double> x(n), v(n, 1.0);
            for (int i = 0; i < n; ++i) x[i] = (i % 2 == 0) ? -1.2 : 1.0;
            run("rosenbrock", tag++, n, x, v, rosenbrock<double>, rosenbrock<adouble>);
        }
    }
    if (want("logistic")) {
        int n = LR_N;
        std::vector<double> w(n), v(n, 1.0);
        for (int k = 0; k < n; ++k) w[k] = 0.01 * std::cos((double)k);
        run("logistic", tag++, n, w, v, logistic<double>, logistic<adouble>);
    }
    if (want("mlp")) {
        int n = MLP_N;
        std::vector<double> th(n), v(n, 1.0);
        for (int p = 0; p < n; ++p) th[p] = 0.05 * std::cos(0.37 * p);
        run("mlp", tag++, n, th, v, mlp<double>, mlp<adouble>);
    }
    if (want("advection")) {
        int n = 100;
        std::vector<double> u(n), v(n, 1.0);
        for (int i = 0; i < n; ++i) {
            double r = (double)i / n - 0.5;
            u[i] = std::exp(-50.0 * r * r);
        }
        run("advection", tag++, n, u, v, advection<double>, advection<adouble>);
    }
    if (g_vec) fclose(g_vec);
    return 0;
}
