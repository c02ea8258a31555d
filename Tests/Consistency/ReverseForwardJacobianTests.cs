using System.Numerics;
using DualAutodiff.Tests.ReverseMode;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>Reverse mode against forward mode on Rⁿ → Rᵐ functions: the adjoint identity uᵀ(J v) = (Jᵀu)ᵀ v for
/// random u and v, and the reverse Jacobian (m sweeps) equal to the forward one (n JVPs).</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class ReverseForwardJacobianTests<T>
    where T : IFloatingPointIeee754<T>
{
    private const int Draws = 4;

    public static IEnumerable<TestCaseData> Functions() =>
        TestFunctions.Vector().Select(c => new TestCaseData(c.F, c.X).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Functions))]
    public void AdjointIdentity_RandomUAndV_JvpDotUEqualsVjpDotV(IVectorFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        int m = f.OutputLength(x.Length);
        var random = new Random(20261126);
        for (int draw = 0; draw < Draws; draw++)
        {
            T[] u = Draw(random, m);
            T[] v = Draw(random, x.Length);

            // uᵀ(J v) from one forward pass; (Jᵀu)ᵀ v from one backward sweep
            T[] jv = Forward.Jvp(f, x, v).Tangent;
            T[] jtu = Reverse.Vjp(f, x, u).Vjp;
            double left = Dot(u, jv);
            double right = Dot(jtu, v);

            right.ShouldBe(left, Tolerance(Scale(u, jv) + Scale(jtu, v)));
        }
    }

    [TestCaseSource(nameof(Functions))]
    public void Jacobian_VectorFunction_EqualsForwardJacobian(IVectorFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        ShouldMatch(Reverse.Jacobian(f, x), Forward.Jacobian(f, x));
    }

    [TestCaseSource(nameof(Functions))]
    public void Jacobian_Delegate_EqualsInterfaceOverloadBitForBit(IVectorFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        Reverse.Jacobian(TestFunctions.Delegate<T>(f, x.Length), x).ShouldBe(Reverse.Jacobian(f, x));
    }

    [TestCaseSource(nameof(Functions))]
    public void Vjp_UnitSeeds_AreRowsOfForwardJacobian(IVectorFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        T[,] forward = Forward.Jacobian(f, x);
        int m = forward.GetLength(0);
        for (int i = 0; i < m; i++)
        {
            var e = new T[m];
            e[i] = T.One;
            (T[] value, T[] row) = Reverse.Vjp(TestFunctions.Delegate<T>(f, x.Length), x, e);

            value.ShouldBe(TestFunctions.Evaluate(f, x));
            ShouldMatch(Row(row), Slice(forward, i));
        }
    }

    [TestCaseSource(nameof(Functions))]
    public void Vjp_DelegateAndInterface_AgreeBitForBit(IVectorFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        T[] u = Draw(new Random(7), f.OutputLength(x.Length));

        (T[] value, T[] vjp) = Reverse.Vjp(TestFunctions.Delegate<T>(f, x.Length), x, u);
        (T[] value2, T[] vjp2) = Reverse.Vjp(f, x, u);

        value.ShouldBe(value2);
        vjp.ShouldBe(vjp2);
    }

    private static T[] Draw(Random random, int length)
    {
        var u = new T[length];
        for (int i = 0; i < length; i++)
        {
            u[i] = T.CreateChecked(random.NextDouble() * 4 - 2);
        }

        return u;
    }

    private static double Dot(T[] a, T[] b) => a.Zip(b, (p, q) => double.CreateChecked(p) * double.CreateChecked(q)).Sum();

    private static double Scale(T[] a, T[] b) => a.Zip(b, (p, q) => Math.Abs(double.CreateChecked(p) * double.CreateChecked(q))).Sum();

    private static double Tolerance(double scale) => TestFunctions.Ulps<T>(64) * Math.Max(1, scale);

    private static T[,] Row(T[] row)
    {
        var matrix = new T[1, row.Length];
        for (int j = 0; j < row.Length; j++)
        {
            matrix[0, j] = row[j];
        }

        return matrix;
    }

    private static T[,] Slice(T[,] matrix, int i)
    {
        var row = new T[1, matrix.GetLength(1)];
        for (int j = 0; j < matrix.GetLength(1); j++)
        {
            row[0, j] = matrix[i, j];
        }

        return row;
    }

    /// <summary>Entry by entry within a few ulps of the entry's size: the two modes sum the same chain-rule
    /// products in different orders.</summary>
    private static void ShouldMatch(T[,] actual, T[,] expected)
    {
        actual.GetLength(0).ShouldBe(expected.GetLength(0));
        actual.GetLength(1).ShouldBe(expected.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                double e = double.CreateChecked(expected[i, j]);
                double.CreateChecked(actual[i, j]).ShouldBe(e, Tolerance(Math.Abs(e)), $"J[{i}, {j}]");
            }
        }
    }
}
