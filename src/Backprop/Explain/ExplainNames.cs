namespace Backprop.Explain;

/// <summary>
/// The names <c>explain</c>, its page and the network pictures give units and weights, in Mazur's numbering: inputs
/// i1, i2, …; hidden units h1, h2, … (hN_k for unit k of hidden layer N when there are several hidden layers); outputs
/// o1, o2, …; weights w1, w2, … in order of layer, then unit, then input; a layer's bias b1, b2, … when it is one fixed
/// value for the whole layer, else b_h1, b_o2, … per unit.
/// </summary>
internal static class ExplainNames
{
    /// <summary>Unit <paramref name="unit"/> of <paramref name="layer"/> (−1 for the inputs) of a network of <paramref name="layers"/>
    /// layers.</summary>
    public static string Unit(int layers, int layer, int unit)
    {
        if (layer < 0) return $"i{unit + 1}";
        if (layer == layers - 1) return $"o{unit + 1}";
        return layers == 2 ? $"h{unit + 1}" : $"h{layer + 1}_{unit + 1}";
    }

    /// <summary>The number of the weight from input <paramref name="input"/> to unit <paramref name="unit"/> of <paramref name="layer"/>.</summary>
    /// <param name="shape">Inputs, then the units of each layer.</param>
    /// <param name="layer">The layer (0 for the first hidden layer).</param>
    /// <param name="unit">The unit it feeds.</param>
    /// <param name="input">The input of the layer it comes from.</param>
    public static int Weight(IReadOnlyList<int> shape, int layer, int unit, int input)
    {
        int before = 0;
        for (int l = 0; l < layer; l++) before += shape[l] * shape[l + 1];
        return before + unit * shape[layer] + input + 1;
    }

    /// <summary>Whether a layer's bias is one fixed value for every unit (Mazur's b1, b2), named per layer rather than per unit.</summary>
    public static bool SharedBias(ReadOnlySpan<double> bias, bool trainable) => !trainable && bias.Length > 0 && !bias.ContainsAnyExcept(bias[0]);

    /// <summary>The bias of a unit: <c>b1</c> for a layer whose bias is one fixed value, else <c>b_h1</c>.</summary>
    public static string Bias(int layers, int layer, int unit, bool shared) => shared ? $"b{layer + 1}" : $"b_{Unit(layers, layer, unit)}";
}
