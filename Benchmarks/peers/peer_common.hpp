// The workloads (Benchmarks/WORKLOADS.md) and the timing harness shared by the C++ peers (adolc_peer.cpp,
// sacado_peer.cpp): each workload is one template, run with double and with each peer's AD types.
#pragma once

// --------------------------------------------------------------------------------------------
// Workloads
// --------------------------------------------------------------------------------------------

template <class T>
T rosenbrock(const T* x, int n) {
    T s = 0.0;
    for (int i = 0; i < n - 1; ++i) {
        T t = x[i + 1] - x[i] * x[i];
        T u = 1.0 - x[i];
        s += 100.0 * t * t + u * u;
    }
    return s;
}

static const int LR_M = 1000, LR_N = 100;
static std::vector<double> LR_A, LR_Y;

template <class T>
T logistic(const T* w, int n) {
    using std::exp;
    using std::log;
    T f = 0.0;
    for (int j = 0; j < LR_M; ++j) {
        T z = 0.0;
        const double* a = &LR_A[(size_t)j * LR_N];
        for (int k = 0; k < n; ++k) z += a[k] * w[k];
        f += log(1.0 + exp(z)) - LR_Y[j] * z;
    }
    return f;
}

static const int MLP_IN = 16, MLP_H = 64, MLP_B = 32;
static const int MLP_N = MLP_H * MLP_IN + MLP_H + MLP_H * MLP_H + MLP_H + MLP_H + 1;  // 5313
static std::vector<double> MLP_X, MLP_T;

template <class T>
T mlp(const T* th, int /*n*/) {
    using std::tanh;
    const T* W1 = th;
    const T* b1 = W1 + MLP_H * MLP_IN;
    const T* W2 = b1 + MLP_H;
    const T* b2 = W2 + MLP_H * MLP_H;
    const T* w3 = b2 + MLP_H;
    const T* b3 = w3 + MLP_H;
    std::vector<T> h1(MLP_H), h2(MLP_H);
    T loss = 0.0;
    for (int b = 0; b < MLP_B; ++b) {
        const double* x = &MLP_X[(size_t)b * MLP_IN];
        for (int i = 0; i < MLP_H; ++i) {
            T z = b1[i];
            for (int k = 0; k < MLP_IN; ++k) z += W1[i * MLP_IN + k] * x[k];
            h1[i] = tanh(z);
        }
        for (int i = 0; i < MLP_H; ++i) {
            T z = b2[i];
            for (int k = 0; k < MLP_H; ++k) z += W2[i * MLP_H + k] * h1[k];
            h2[i] = tanh(z);
        }
        T out = b3[0];
        for (int i = 0; i < MLP_H; ++i) out += w3[i] * h2[i];
        T d = out - MLP_T[b];
        loss += d * d;
    }
    return loss / (double)MLP_B;
}

static const int ADV_STEPS = 2000;
static const double ADV_C = 0.4;

template <class T>
T advection(const T* u0, int n) {
    using std::exp;
    using std::log;
    using std::sqrt;
    std::vector<T> u(n), un(n), a(n), face(n);
    for (int i = 0; i < n; ++i) u[i] = u0[i];
    for (int step = 0; step < ADV_STEPS; ++step) {
        for (int i = 0; i < n; ++i) a[i] = u[i + 1 == n ? 0 : i + 1] - u[i];
        for (int i = 0; i < n; ++i) {
            const T& ai = a[i];
            const T& ap = a[i == 0 ? n - 1 : i - 1];
            T s = ai * ap / sqrt(ai * ai + ap * ap + 1e-8);
            face[i] = u[i] + 0.5 * (1.0 - ADV_C) * s;
        }
        for (int i = 0; i < n; ++i) {
            const T& ui = u[i];
            un[i] = ui - ADV_C * (face[i] - face[i == 0 ? n - 1 : i - 1]) + 0.001 * ui * exp(-(ui * ui));
        }
        std::swap(u, un);
    }
    T s = 0.0;
    for (int i = 0; i < n; ++i) s += exp(u[i]);
    return log(s);
}

// --------------------------------------------------------------------------------------------
// Timing
// --------------------------------------------------------------------------------------------

static double g_min_time = 0.5;  // seconds of measurement per case
static int g_min_reps = 5;
static volatile double g_sink = 0.0;

static inline double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Median over samples; each sample times a batch of k calls (k chosen so that a batch takes at
// least ~200 us, which keeps clock overhead negligible for the sub-microsecond cases).
static double measure_us(const std::function<void()>& fn) {
    // warm-up: at least 2 calls and ~10% of the measurement time
    double t0 = now_s();
    long w = 0;
    do {
        fn();
        ++w;
    } while (w < 2 || (now_s() - t0 < 0.1 * g_min_time && w < 10000000));
    double est = (now_s() - t0) / w;
    long k = std::max(1L, (long)std::ceil(200e-6 / std::max(est, 1e-9)));
    std::vector<double> samples;
    double start = now_s();
    while (true) {
        double a = now_s();
        for (long i = 0; i < k; ++i) fn();
        double b = now_s();
        samples.push_back((b - a) / k);
        if ((int)samples.size() >= g_min_reps && b - start >= g_min_time) break;
    }
    std::sort(samples.begin(), samples.end());
    size_t m = samples.size();
    double med = (m % 2) ? samples[m / 2] : 0.5 * (samples[m / 2 - 1] + samples[m / 2]);
    return med * 1e6;
}

// The peers' common options: --quick, --min-time S, --only WORKLOAD, --vec-out FILE; false (after a usage line) otherwise.
static bool parse_args(int argc, char** argv, std::string& only, std::string& vec_out) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--quick") {
            g_min_time = 0.03;
            g_min_reps = 3;
        } else if (a == "--min-time" && i + 1 < argc) {
            g_min_time = atof(argv[++i]);
        } else if (a == "--only" && i + 1 < argc) {
            only = argv[++i];
        } else if (a == "--vec-out" && i + 1 < argc) {
            vec_out = argv[++i];
        } else {
            fprintf(stderr, "usage: %s [--quick] [--min-time S] [--only WORKLOAD] [--vec-out FILE]\n", argv[0]);
            return false;
        }
    }
    return true;
}
