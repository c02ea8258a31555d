namespace DualAutodiff;

/// <summary>Culberson's iterated greedy: colour again in an order that lists the vertices colour class by colour class
/// (classes in reverse, then by decreasing size, alternately). For a distance-1 colouring the count never grows, and it
/// often shrinks; the best colouring seen is kept.</summary>
internal static class IteratedGreedy
{
    public static Coloring Improve(Coloring start, Func<int[], string, Coloring> color, int rounds)
    {
        Coloring best = start;
        Coloring current = start;
        for (int round = 0; round < rounds && current.Count > 1; round++)
        {
            int k = current.Count;
            int[] size = new int[k];
            foreach (int c in current.Colors)
            {
                size[c]++;
            }

            int[] classOrder = Orderings.Natural(k);
            if (round % 2 == 0)
            {
                Array.Reverse(classOrder);
            }
            else
            {
                int[] key = [.. size.Select(s => -s)];
                Array.Sort(key, classOrder);
            }

            int[] rank = new int[k];
            for (int r = 0; r < k; r++)
            {
                rank[classOrder[r]] = r;
            }

            int[] order = Orderings.Natural(current.Colors.Length);
            int[] byClass = [.. current.Colors.Select(c => rank[c])];
            Array.Sort(byClass, order);
            current = color(order, best.Ordering.EndsWith(" + iterated greedy", StringComparison.Ordinal) ? best.Ordering : best.Ordering + " + iterated greedy");
            if (current.Count < best.Count)
            {
                best = current;
            }
        }

        return best;
    }
}
