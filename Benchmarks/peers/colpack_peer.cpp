// ColPack's colour counts on the patterns DualAutodiff detects (Benchmarks -- --sparse-patterns DIR).
//
//   g++ -O2 -o build/colpack_peer colpack_peer.cpp -lColPack     (Debian: apt-get install libcolpack-dev)
//   build/colpack_peer DIR/*.pattern
//
// For each pattern file prints `name kind best_colors best_ordering | ordering:count ...`: Hessians by ColPack's
// STAR colouring (and ACYCLIC, for reference, not counted in best) over every ordering it offers; Jacobians by
// COLUMN_PARTIAL_DISTANCE_TWO and ROW_PARTIAL_DISTANCE_TWO over every ordering, the best of both.
#include <ColPack/ColPackHeaders.h>

#include <climits>
#include <set>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace ColPack;

namespace {

struct Pattern {
    std::string kind;
    int rows = 0;
    int columns = 0;
    std::vector<std::vector<unsigned int>> entries;
};

Pattern read(const std::string& path) {
    std::ifstream in(path);
    Pattern p;
    in >> p.kind >> p.rows >> p.columns;
    p.entries.resize(p.rows);
    for (int i = 0; i < p.rows; i++) {
        int count;
        in >> count;
        p.entries[i].resize(count);
        for (int k = 0; k < count; k++) in >> p.entries[i][k];
    }
    return p;
}

// ADOL-C's row-compressed form: row i is {count, c1, …}; ColPack reads it and does not keep it.
std::vector<unsigned int*> adolc(const Pattern& p, bool dropDiagonal, std::vector<std::vector<unsigned int>>& storage) {
    storage.assign(p.rows, {});
    std::vector<unsigned int*> rows(p.rows);
    for (int i = 0; i < p.rows; i++) {
        storage[i].push_back(0);
        for (unsigned int c : p.entries[i])
            if (!(dropDiagonal && c == static_cast<unsigned int>(i))) storage[i].push_back(c);
        storage[i][0] = static_cast<unsigned int>(storage[i].size() - 1);
        rows[i] = storage[i].data();
    }
    return rows;
}

// The number of distinct colours used: ColPack 1.0.10's GetVertexColorCount() after STAR reports one more than it
// uses (on 3×3 blocks it reports 4 for the colouring 0 1 2 0 1 2 …), so star colours are counted from the colouring
// itself. Its partial distance-2 counts are right (3 on a tridiagonal pattern) and are used as they are.
template <class G>
int distinct(G& g) {
    std::vector<int> colors;
    g.GetVertexColors(colors);
    return static_cast<int>(std::set<int>(colors.begin(), colors.end()).size());
}

std::string name_of(const std::string& path) {
    std::string base = path.substr(path.find_last_of('/') + 1);
    return base.substr(0, base.find(".pattern"));
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> graphOrders = {"NATURAL", "LARGEST_FIRST", "DYNAMIC_LARGEST_FIRST", "DISTANCE_TWO_LARGEST_FIRST",
                                                  "SMALLEST_LAST", "DISTANCE_TWO_SMALLEST_LAST", "INCIDENCE_DEGREE",
                                                  "DISTANCE_TWO_INCIDENCE_DEGREE", "RANDOM"};
    const std::vector<std::string> bipartiteOrders = {"NATURAL", "LARGEST_FIRST", "SMALLEST_LAST", "INCIDENCE_DEGREE", "RANDOM"};
    for (int a = 1; a < argc; a++) {
        Pattern p = read(argv[a]);
        std::ostringstream detail;
        int best = INT_MAX;
        std::string bestOrder;
        std::vector<std::vector<unsigned int>> storage;
        if (p.kind == "hessian") {
            for (const std::string& order : graphOrders) {
                // ColPack's ADOL-C reader takes the off-diagonal pattern (as ADOL-C's hess_pat gives it).
                std::vector<unsigned int*> rows = adolc(p, true, storage);
                GraphColoringInterface g(SRC_MEM_ADOLC, rows.data(), p.rows);
                g.Coloring(order, "STAR");
                int star = distinct(g);
                GraphColoringInterface h(SRC_MEM_ADOLC, rows.data(), p.rows);
                h.Coloring(order, "ACYCLIC");
                detail << ' ' << order << ":star=" << star << ",acyclic=" << distinct(h);
                if (star < best) { best = star; bestOrder = order; }
            }
        } else {
            for (const std::string& variant : {std::string("COLUMN_PARTIAL_DISTANCE_TWO"), std::string("ROW_PARTIAL_DISTANCE_TWO")}) {
                for (const std::string& order : bipartiteOrders) {
                    std::vector<unsigned int*> rows = adolc(p, false, storage);
                    BipartiteGraphPartialColoringInterface g(SRC_MEM_ADOLC, rows.data(), p.rows, p.columns);
                    g.PartialDistanceTwoColoring(order, variant);
                    int count = g.GetVertexColorCount();
                    detail << ' ' << (variant[0] == 'C' ? "col-" : "row-") << order << ':' << count;
                    if (count < best) { best = count; bestOrder = (variant[0] == 'C' ? "col-" : "row-") + order; }
                }
            }
        }
        std::cout << name_of(argv[a]) << ' ' << p.kind << ' ' << best << ' ' << bestOrder << " |" << detail.str() << std::endl;
    }
    return 0;
}
