using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tensors;

namespace Backprop.Plotting.Charts;

/// <summary>
/// The two inputs of a model drawn on a plane, in their own units: how a point of the plane becomes what the network reads
/// (standardised, clipped, as the model's preprocessing does), and how an encoded data row becomes a point again.
/// </summary>
internal sealed class BoundaryInputs
{
    private readonly NumericColumn?[] _columns;

    private BoundaryInputs(string[] names, NumericColumn?[] columns)
    {
        Names = names;
        _columns = columns;
    }

    /// <summary>The inputs' names: x first, then y.</summary>
    public string[] Names { get; }

    /// <summary>The inputs of <paramref name="model"/>, refused unless it reads exactly two numbers.</summary>
    public static BoundaryInputs Of(Model model)
    {
        int inputs = model.Document.Inputs;
        var names = model.FeatureNames.ToArray();
        if (inputs != 2)
            throw new BackpropException($"a boundary is drawn for a model of exactly 2 inputs; this one has {inputs}" +
                (names.Length is > 0 and <= 8 ? $" ({string.Join(", ", names)})" : ""), model.Path);
        if (model.Preprocessing is not { } pre) return new(names.Length == 2 ? names : ["input 1", "input 2"], [null, null]);
        if (pre.Inputs.FirstOrDefault(c => c is not NumericColumn) is { } other)
            throw new BackpropException($"a boundary is drawn over 2 numeric inputs; this model reads '{other.Name}' as categories",
                model.Path);
        if (pre.Inputs.Count != 2 || pre.Inputs[0].Name == pre.Inputs[1].Name)
            throw new BackpropException($"a boundary is drawn over 2 numeric columns; this model's 2 inputs come from " +
                $"{string.Join(", ", pre.Inputs.Select(c => c.Name).Distinct())}", model.Path);
        return new([pre.Inputs[0].Name, pre.Inputs[1].Name], [(NumericColumn)pre.Inputs[0], (NumericColumn)pre.Inputs[1]]);
    }

    /// <summary>Input <paramref name="i"/>'s value in its own units from <paramref name="encoded"/>, what the network read.</summary>
    public double Decode(int i, double encoded)
    {
        if (_columns[i] is not { } c) return encoded;
        // The robust clip c = u / √(1 + (u/3)²) turned back: u = c / √(1 − (c/3)²).
        double u = c.Clip ? encoded / Math.Sqrt(Math.Max(1e-12, 1 - (encoded / 3) * (encoded / 3))) : encoded;
        return u * c.Scale + c.Mean;
    }

    /// <summary>What the network reads for input <paramref name="i"/> at <paramref name="value"/> in the input's own units.</summary>
    public double Encode(int i, double value)
    {
        if (_columns[i] is not { } c) return value;
        double u = (value - c.Mean) / c.Scale;
        return c.Clip ? RobustScaling.Clip(u) : u;
    }

    /// <summary>The points of <paramref name="features"/> (encoded rows) in the inputs' own units.</summary>
    public (double[] X, double[] Y) Points(Matrix<double> features)
    {
        var x = new double[features.Rows];
        var y = new double[features.Rows];
        for (int r = 0; r < features.Rows; r++)
        {
            x[r] = Decode(0, features[r, 0]);
            y[r] = Decode(1, features[r, 1]);
        }
        return (x, y);
    }
}
