using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace DualAutodiff;

/// <summary>A sparsity pattern in compressed sparse row form: row i's columns are
/// <c>Columns[RowStart[i] .. RowStart[i + 1]]</c>, sorted and distinct.</summary>
internal sealed class SparsityPattern
{
    public SparsityPattern(int rows, int columns, int[] rowStart, int[] columnIndex)
    {
        Rows = rows;
        ColumnCount = columns;
        RowStart = rowStart;
        Columns = columnIndex;
    }

    public int Rows { get; }

    public int ColumnCount { get; }

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public int NonZeros => RowStart[Rows];

    /// <summary>The columns of row i.</summary>
    public ReadOnlySpan<int> Row(int i) => Columns.AsSpan(RowStart[i], RowStart[i + 1] - RowStart[i]);

    /// <summary>The pattern from (row, column) pairs, duplicates allowed: a counting sort by row, then each row sorted.</summary>
    public static SparsityPattern FromPairs(int rows, int columns, ReadOnlySpan<int> pairRows, ReadOnlySpan<int> pairColumns)
    {
        int[] start = new int[rows + 1];
        foreach (int r in pairRows)
        {
            start[r + 1]++;
        }

        for (int i = 0; i < rows; i++)
        {
            start[i + 1] += start[i];
        }

        int[] fill = start[..rows];
        int[] cols = new int[pairRows.Length];
        for (int k = 0; k < pairRows.Length; k++)
        {
            cols[fill[pairRows[k]]++] = pairColumns[k];
        }

        // Sort each row and squeeze out duplicates in place.
        int write = 0;
        int[] compact = new int[rows + 1];
        for (int i = 0; i < rows; i++)
        {
            Span<int> row = cols.AsSpan(start[i], start[i + 1] - start[i]);
            row.Sort();
            compact[i] = write;
            int last = -1;
            foreach (int c in row)
            {
                if (c != last)
                {
                    cols[write++] = c;
                    last = c;
                }
            }
        }

        compact[rows] = write;
        return new SparsityPattern(rows, columns, compact, cols[..write]);
    }

    /// <summary>The transposed pattern.</summary>
    public SparsityPattern Transpose()
    {
        int[] start = new int[ColumnCount + 1];
        foreach (int c in Columns)
        {
            start[c + 1]++;
        }

        for (int j = 0; j < ColumnCount; j++)
        {
            start[j + 1] += start[j];
        }

        int[] fill = start[..ColumnCount];
        int[] rows = new int[Columns.Length];
        for (int i = 0; i < Rows; i++)
        {
            foreach (int c in Row(i))
            {
                rows[fill[c]++] = i;
            }
        }

        return new SparsityPattern(ColumnCount, Rows, start, rows);
    }

    /// <summary>A MathNet CSR matrix with this pattern and the given values (one per entry, in row order), which it
    /// takes over; entries that are 0 stay stored.</summary>
    /// <remarks>The storage is filled directly: <c>OfCompressedSparseRowFormat</c> measured 25 ms at 3·10⁵ entries,
    /// as long as the compressed products of a tridiagonal Hessian at n = 10⁵.</remarks>
    public Matrix<double> ToMatrix(double[] values)
    {
        var matrix = new MathNet.Numerics.LinearAlgebra.Double.SparseMatrix(Rows, ColumnCount);
        var storage = (SparseCompressedRowMatrixStorage<double>)matrix.Storage;
        RowStart.CopyTo(storage.RowPointers, 0);
        storage.ColumnIndices = (int[])Columns.Clone();
        storage.Values = values;
        return matrix;
    }

    /// <summary>A MathNet CSR matrix of ones on this pattern.</summary>
    public Matrix<double> Ones()
    {
        double[] ones = new double[NonZeros];
        ones.AsSpan().Fill(1);
        return ToMatrix(ones);
    }
}
