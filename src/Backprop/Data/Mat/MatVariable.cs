using Backprop.Tensors;

namespace Backprop.Data.Mat;

/// <summary>A numeric matrix read from a MAT-file, its values row-major (<c>Values[r * Columns + c]</c>).</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Columns">Columns.</param>
/// <param name="Values">The values, row after row (MATLAB stores them column after column; they are transposed on reading).</param>
internal sealed record MatVariable(string Name, int Rows, int Columns, double[] Values)
{
    /// <summary>Element (r, c).</summary>
    public double this[int r, int c] => Values[r * Columns + c];

    /// <summary>The variable as a matrix (its values are copied).</summary>
    public Matrix<double> ToMatrix() => new(Rows, Columns, (double[])Values.Clone());
}
