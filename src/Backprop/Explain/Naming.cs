using Backprop.Layers;

namespace Backprop.Explain;

/// <summary>The names of <see cref="ExplainNames"/> for one network, as tokens.</summary>
internal sealed class Naming(Network<double> network)
{
    private readonly int[] _shape = [network.Inputs, .. network.Layers.Select(l => l.Units)];
    private readonly bool[] _sharedBias =
        network.Layers.Select(l => l.BiasParameter is { } p && ExplainNames.SharedBias(p.Values, p.Trainable)).ToArray();

    /// <summary>Unit j of layer l; layer −1 is the input.</summary>
    public string Unit(int layer, int j) => ExplainNames.Unit(network.Layers.Count, layer, j);

    public SymbolToken Input(int layer, int i, string? sample) =>
        layer == 0 ? new SymbolToken("i", (i + 1).ToString(), sample) : new SymbolToken("out", Unit(layer - 1, i), sample);

    public SymbolToken Weight(int layer, int j, int i) => new("w", WeightNumber(layer, j, i).ToString());

    public int WeightNumber(int layer, int j, int i) => ExplainNames.Weight(_shape, layer, j, i);

    public bool SharedBias(int layer) => _sharedBias[layer];

    public SymbolToken Bias(int layer, int j) => SharedBias(layer) ? new SymbolToken("b", (layer + 1).ToString())
        : new SymbolToken("b", Unit(layer, j));

    public static string Key(SymbolToken s) => s.Base + (s.Subscript is null ? "" : char.IsDigit(s.Subscript[0]) ? s.Subscript : "_" + s.Subscript);
}
