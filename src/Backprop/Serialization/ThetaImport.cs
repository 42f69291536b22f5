using System.Globalization;
using Backprop.Data.Mat;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Turns Andrew Ng's Theta matrices (seed 004's ex3/ex4 weights) into a model: Theta_l is units × (inputs + 1)
/// with the bias in column 0, and every layer is sigmoid.
/// </summary>
internal static class ThetaImport
{
    /// <summary>Theta1, Theta2, … of <paramref name="variables"/> in numeric order.</summary>
    /// <exception cref="BackpropException">There is no Theta1, or the numbering has a gap.</exception>
    public static IReadOnlyList<MatVariable> FindThetas(IReadOnlyDictionary<string, MatVariable> variables, string prefix = "Theta",
        string? file = null)
    {
        var numbered = variables.Values
            .Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(v.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(v => int.Parse(v.Name.AsSpan(prefix.Length), CultureInfo.InvariantCulture)).ToList();
        if (numbered.Count == 0)
            throw new BackpropException($"no {prefix}1, {prefix}2, … matrices (the file holds: {string.Join(", ", variables.Keys)})", file);
        for (int i = 0; i < numbered.Count; i++)
            if (numbered[i].Name != $"{prefix}{i + 1}")
                throw new BackpropException($"{prefix}{i + 1} is missing: the layers are numbered {string.Join(", ", numbered.Select(v => v.Name))}",
                    file);
        return numbered;
    }

    /// <summary>The model of <paramref name="thetas"/>: one sigmoid layer per Theta, bias from column 0, trainable.</summary>
    /// <exception cref="BackpropException">A Theta's columns do not match the previous Theta's rows plus one.</exception>
    public static ModelDocument ToModel(IReadOnlyList<MatVariable> thetas, string? file = null)
    {
        if (thetas.Count == 0) throw new BackpropException("no Theta matrices to import", file);
        if (thetas[0].Columns < 2)
            throw new BackpropException($"{thetas[0].Name} has {thetas[0].Columns} columns: a bias column and at least one input are needed", file);
        var layers = new List<LayerDocument>();
        int inputs = thetas[0].Columns - 1;
        for (int l = 0; l < thetas.Count; l++)
        {
            var theta = thetas[l];
            if (l > 0 && theta.Columns != thetas[l - 1].Rows + 1)
                throw new BackpropException($"{theta.Name} has {theta.Columns} columns but {thetas[l - 1].Name} has {thetas[l - 1].Rows} rows: a " +
                    $"Theta needs one column per unit below plus the bias column", file);
            var weights = new double[theta.Rows][];
            var bias = new double[theta.Rows];
            for (int j = 0; j < theta.Rows; j++)
            {
                bias[j] = theta[j, 0];
                weights[j] = Enumerable.Range(1, theta.Columns - 1).Select(i => theta[j, i]).ToArray();
            }
            layers.Add(new LayerDocument(theta.Rows, "sigmoid", weights, bias));
        }
        return new ModelDocument { Inputs = inputs, Layers = layers };
    }
}
