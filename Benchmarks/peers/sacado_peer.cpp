// Sacado (Trilinos) peer benchmark for DualAutodiff (see ../WORKLOADS.md).
//
// The same workload templates as adolc_peer.cpp, evaluated with
//   plain     T = double
//   jvp       T = Sacado::Fad::SFad<double,1>   (expression-template forward mode, one tangent:
//             x[i] seeded with tangent v[i]; value + directional derivative)
//   gradient  T = Sacado::Rad::ADvar<double>    (operator-overloading reverse mode: the variables
//             are created, f is evaluated, ADcontext<double>::Gradcomp() runs the reverse sweep,
//             x[i].adj() is the gradient; all on every call, as Rad's usage is: its global arena
//             is reset when the first variable after a Gradcomp() is created)
//   hvp       T = Sacado::Rad::ADvar<Sacado::Fad::SFad<double,1>>  (forward-over-reverse: the
//             inputs' tangents are v, Gradcomp() propagates SFad adjoints, adj().val() is the
//             gradient and adj().dx(0) is H·v)
// One line per case on stdout: `workload mode n median_us`. Correctness lines `check sacado ...`
// (value, jvp, first 3 gradient / HVP entries) go to stderr; --vec-out FILE writes the full
// vectors for compare.py.
//
// Build (Debian 12: libtrilinos-sacado-dev libtrilinos-kokkos-dev libtrilinos-teuchos-dev libopenmpi-dev):
//   g++ -O3 -march=native -ffp-contract=off -std=c++17 -I/usr/include/trilinos \
//       -I/usr/lib/x86_64-linux-gnu/openmpi/include sacado_peer.cpp -o sacado_peer \
//       -ltrilinos_sacado -ltrilinos_teuchoscomm -ltrilinos_teuchoscore -lmpi_cxx -lmpi
// Run:   ./sacado_peer [--quick] [--min-time SECONDS] [--only WORKLOAD] [--vec-out FILE]

// Sacado.hpp first: it declares the Fad math functions (std::exp, ... for SFad) before
// Sacado_trad.hpp's templates, which call std::exp(v.Val) etc. on the Rad value type.
#include <Sacado.hpp>
#include <Sacado_Fad_SFad.hpp>
#include <Sacado_trad.hpp>
#include <Sacado_Version.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using Fad = Sacado::Fad::SFad<double, 1>;
using RadD = Sacado::Rad::ADvar<double>;
using RadF = Sacado::Rad::ADvar<Fad>;

#include "peer_common.hpp"

// --------------------------------------------------------------------------------------------
// Runner
// --------------------------------------------------------------------------------------------

using DFun = std::function<double(const double*, int)>;
using FFun = std::function<Fad(const Fad*, int)>;
using RFun = std::function<RadD(const RadD*, int)>;
using HFun = std::function<RadF(const RadF*, int)>;

// value and directional derivative with SFad<double,1>
struct Jvp {
    std::vector<Fad> ax;
    double y = 0, dy = 0;
    void operator()(const FFun& f, const double* x, const double* v, int n) {
        ax.resize(n);
        for (int i = 0; i < n; ++i) {
            ax[i] = Fad(1, 0, x[i]);
            ax[i].fastAccessDx(0) = v[i];
        }
        Fad r = f(ax.data(), n);
        y = r.val();
        dy = r.dx(0);
    }
};

// gradient with Rad: create the independent variables, evaluate, Gradcomp, read the adjoints
static double rad_gradient(const RFun& f, const double* x, int n, double* g) {
    std::vector<RadD> ax(x, x + n);
    RadD y = f(ax.data(), n);
    RadD::Gradcomp();
    for (int i = 0; i < n; ++i) g[i] = ax[i].adj();
    return y.val();
}

// forward-over-reverse HVP with Rad<SFad<double,1>>; also returns the gradient and the jvp
static double rad_hvp(const HFun& f, const double* x, const double* v, int n, double* g, double* hv,
                      double* jvp = nullptr) {
    std::vector<RadF> ax;
    ax.reserve(n);
    for (int i = 0; i < n; ++i) {
        Fad xi(1, 0, x[i]);
        xi.fastAccessDx(0) = v[i];
        ax.emplace_back(xi);
    }
    RadF y = f(ax.data(), n);
    RadF::Gradcomp();
    for (int i = 0; i < n; ++i) {
        const Fad& a = ax[i].adj();
        if (g) g[i] = a.val();
        hv[i] = a.dx(0);
    }
    if (jvp) *jvp = y.val().dx(0);
    return y.val().val();
}

static FILE* g_vec = nullptr;

static void dump_vec(const char* key, const std::vector<double>& v) {
    if (!g_vec) return;
    fprintf(g_vec, "%s", key);
    for (double d : v) fprintf(g_vec, " %.17g", d);
    fprintf(g_vec, "\n");
}

static double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
    double d = 0;
    for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(a[i] - b[i]));
    return d;
}

static void run(const char* name, int n, const std::vector<double>& x0, const std::vector<double>& v,
                const DFun& fd, const FFun& ff, const RFun& fr, const HFun& fh) {
    std::vector<double> x = x0, vv = v, g(n), hv(n), g_h(n);
    double fval = fd(x.data(), n);

    // correctness values
    Jvp jv;
    jv(ff, x.data(), vv.data(), n);
    double frad = rad_gradient(fr, x.data(), n, g.data());
    double jvp_h = 0;
    double fhvp = rad_hvp(fh, x.data(), vv.data(), n, g_h.data(), hv.data(), &jvp_h);
    fprintf(stderr,
            "check sacado %s n=%d f=%.17g f_fad=%.17g f_rad=%.17g jvp=%.17g grad[0:3]=%.17g,%.17g,%.17g "
            "hvp[0:3]=%.17g,%.17g,%.17g\n",
            name, n, fval, jv.y, frad, jv.dy, g[0], g[1 % n], g[2 % n], hv[0], hv[1 % n], hv[2 % n]);
    fprintf(stderr,
            "check sacado %s n=%d internal: Rad<SFad> value-f=%.3g gradient-Rad=%.3g jvp-SFad=%.3g (max abs diff)\n",
            name, n, std::fabs(fhvp - frad), max_abs_diff(g_h, g), std::fabs(jvp_h - jv.dy));
    if (g_vec) {
        fprintf(g_vec, "workload %s %d\nvalue %.17g\njvp %.17g\n", name, n, fval, jv.dy);
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
             asm volatile("" : : "g"(x.data()) : "memory");
             jv(ff, x.data(), vv.data(), n);
             g_sink = jv.dy;
         }));
    emit("gradient", measure_us([&] { g_sink = rad_gradient(fr, x.data(), n, g.data()); }));
    emit("hvp", measure_us([&] { g_sink = rad_hvp(fh, x.data(), vv.data(), n, nullptr, hv.data()); }));

    // after timing: results still the same?
    std::vector<double> g2(n), hv2(n);
    rad_gradient(fr, x.data(), n, g2.data());
    rad_hvp(fh, x.data(), vv.data(), n, nullptr, hv2.data());
    double dg = max_abs_diff(g2, g), dh = max_abs_diff(hv2, hv);
    if (dg != 0 || dh != 0) fprintf(stderr, "WARNING %s: results changed after timing (%g, %g)\n", name, dg, dh);
}

int main(int argc, char** argv) {
    std::string only, vec_out;
    if (!parse_args(argc, argv, only, vec_out)) return 2;
    if (!vec_out.empty()) g_vec = fopen(vec_out.c_str(), "w");
    fprintf(stderr, "# %s\n", Sacado_Version().c_str());

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

    auto want = [&](const char* w) { return only.empty() || only == w; };
#define SACADO_RUN(NAME, N, X, V, F) run(NAME, N, X, V, F<double>, F<Fad>, F<RadD>, F<RadF>)

    if (want("rosenbrock")) {
        for (int n : {10, 1000, 100000}) {
            std::vector<double> x(n), v(n, 1.0);
            for (int i = 0; i < n; ++i) x[i] = (i % 2 == 0) ? -1.2 : 1.0;
            SACADO_RUN("rosenbrock", n, x, v, rosenbrock);
        }
    }
    if (want("logistic")) {
        int n = LR_N;
        std::vector<double> w(n), v(n, 1.0);
        for (int k = 0; k < n; ++k) w[k] = 0.01 * std::cos((double)k);
        SACADO_RUN("logistic", n, w, v, logistic);
    }
    if (want("mlp")) {
        int n = MLP_N;
        std::vector<double> th(n), v(n, 1.0);
        for (int p = 0; p < n; ++p) th[p] = 0.05 * std::cos(0.37 * p);
        SACADO_RUN("mlp", n, th, v, mlp);
    }
    if (want("advection")) {
        int n = 100;
        std::vector<double> u(n), v(n, 1.0);
        for (int i = 0; i < n; ++i) {
            double r = (double)i / n - 0.5;
            u[i] = std::exp(-50.0 * r * r);
        }
        SACADO_RUN("advection", n, u, v, advection);
    }
    if (g_vec) fclose(g_vec);
    return 0;
}
