using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Activations;
using Backprop.Layers;

namespace Backprop.Training;

/// <summary>Collects <see cref="LayerDiagnostics"/> over the batches of an epoch.</summary>
internal sealed class LayerMonitor<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _gradientNorms = new double[network.Layers.Count];
    private readonly bool[]?[] _active = network.Layers.Select(l => l.Activation is Relu ? new bool[l.Units] : null).ToArray();
    private int _batches;

    public void BeginEpoch()
    {
        Array.Clear(_gradientNorms);
        foreach (var a in _active) if (a is not null) Array.Clear(a);
        _batches = 0;
    }

    /// <summary>Called after the gradient of a batch is computed and before the update.</summary>
    public void AfterBatch(Workspace<T> workspace)
    {
        _batches++;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            _gradientNorms[l] += double.CreateChecked(TensorPrimitives.Norm<T>(network.Layers[l].WeightParameter.Gradient));
            if (_active[l] is not bool[] active) continue;
            var output = workspace.Output(l);
            for (int r = 0; r < output.Rows; r++)
            {
                var row = output.Row(r);
                for (int j = 0; j < row.Length; j++) if (row[j] > T.Zero) active[j] = true;
            }
        }
    }

    public IReadOnlyList<LayerDiagnostics> EndEpoch() => network.Layers.Select((layer, l) => new LayerDiagnostics(
        l,
        _gradientNorms[l] / Math.Max(1, _batches),
        double.CreateChecked(TensorPrimitives.Norm<T>(layer.WeightParameter.Values)),
        _active[l] is bool[] active ? active.Count(a => !a) / (double)active.Length : null)).ToList();
}
