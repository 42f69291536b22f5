using Backprop.Layers;

namespace Backprop.Explain;

/// <summary>
/// Mazur's numbering: inputs i1, i2, …; hidden units h1, h2, … (hN_k, unit k of hidden layer N, when there are
/// several hidden layers); outputs o1, o2, …; weights w1, w2, … in order of layer, then unit, then input;
/// a layer's bias b1, b2, … when it is one fixed value for the whole layer, else b_h1, b_o2, … per unit.
/// </summary>
internal sealed class Naming(Network<double> network)
{
    private readonly int[] _firstWeight = FirstWeights(network);
    private readonly bool[] _sharedBias = network.Layers.Select(l =>
        l.BiasParameter is { Trainable: false } p && p.Values.All(v => v == p.Values[0])).ToArray();

    private static int[] FirstWeights(Network<double> network)
    {
        var first = new int[network.Layers.Count];
        for (int l = 1; l < first.Length; l++) first[l] = first[l - 1] + network.Layers[l - 1].Inputs * network.Layers[l - 1].Units;
        return first;
    }

    /// <summary>Unit j of layer l; layer −1 is the input.</summary>
    public string Unit(int layer, int j)
    {
        if (layer < 0) return $"i{j + 1}";
        if (layer == network.Layers.Count - 1) return $"o{j + 1}";
        return network.Layers.Count == 2 ? $"h{j + 1}" : $"h{layer + 1}_{j + 1}";
    }

    public SymbolToken Input(int layer, int i, string? sample) =>
        layer == 0 ? new SymbolToken("i", (i + 1).ToString(), sample) : new SymbolToken("out", Unit(layer - 1, i), sample);

    public SymbolToken Weight(int layer, int j, int i) => new("w", WeightNumber(layer, j, i).ToString());

    public int WeightNumber(int layer, int j, int i) => _firstWeight[layer] + j * network.Layers[layer].Inputs + i + 1;

    public bool SharedBias(int layer) => _sharedBias[layer];

    public SymbolToken Bias(int layer, int j) => SharedBias(layer) ? new SymbolToken("b", (layer + 1).ToString()) : new SymbolToken("b", Unit(layer, j));

    public static string Key(SymbolToken s) => s.Base + (s.Subscript is null ? "" : char.IsDigit(s.Subscript[0]) ? s.Subscript : "_" + s.Subscript);
}
