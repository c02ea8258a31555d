// Appended by .ci/check-package.sh to the README's "Ten lines" block: prints what the check compares.
double[] hv = Hvp.Compute(ChainedRosenbrock.Instance, x, [1.0, 0.0]);
var hvMathNet = Hvp.Compute(ChainedRosenbrock.Instance, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x), MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.0, 1.0]));
Console.WriteLine(FormattableString.Invariant($"gradient {gradient[0]:R} {gradient[1]:R}"));
Console.WriteLine(FormattableString.Invariant($"slope {slope:R}"));
Console.WriteLine(FormattableString.Invariant($"hvp {hv[0]:R} {hv[1]:R} {hvMathNet[0]:R} {hvMathNet[1]:R}"));
