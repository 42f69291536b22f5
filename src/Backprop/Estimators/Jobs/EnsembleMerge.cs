using Backprop.Serialization;

namespace Backprop.Estimators.Jobs;

/// <summary>
/// Several networks of one shape, trained apart (<see cref="Runs.MlpOptions.Ensemble"/>), as one wider network that
/// computes their mean: the hidden layers side by side (each member's first layer reads every input, a later layer only
/// its own member's units, the weights to the others' units zero), and the output layer the mean of the members' output
/// layers before the activation. For identity outputs (regression) that is the mean of the members' predictions; for
/// sigmoid and softmax, the mean of their logits (the normalised geometric mean of their probabilities). The result is
/// an ordinary model: predict, evaluate, explain and the ONNX export read it as they read any other.
/// </summary>
internal static class EnsembleMerge
{
    /// <summary>One document whose network is the mean of <paramref name="members"/>' networks; its other sections are the first member's.</summary>
    public static ModelDocument Merge(IReadOnlyList<ModelDocument> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var first = members[0];
        if (members.Count == 1) return first;
        int k = members.Count, last = first.Layers.Count - 1;
        var layers = new List<LayerDocument>();
        int width = first.Inputs; // the width of one member's input to the layer (its previous layer's units)
        bool shared = true;       // the layer reads the inputs every member shares
        for (int l = 0; l <= last; l++)
        {
            var doc = first.Layers[l];
            var all = members.Select(m => m.Layers[l]).ToList();
            if (all.Any(d => d.Units != doc.Units || d.Kind != doc.Kind || d.Activation != doc.Activation || (d.Bias is null) != (doc.Bias is null)))
                throw new InvalidOperationException($"the members' layer {l + 1} differ in shape");
            if (!doc.IsDense)
                layers.Add(l == last ? doc : LayerDocument.Dropout(doc.Units * k, doc.Rate ?? 0));
            else if (l == last) layers.Add(Output(all, width, shared));
            else layers.Add(Hidden(all, width, shared));
            if (doc.IsDense) (width, shared) = (doc.Units, false);
        }
        return first with { Layers = layers, Checkpoint = null };
    }

    /// <summary>The members' hidden layers side by side: unit j of member m reads member m's units of the layer before (or every input).</summary>
    private static LayerDocument Hidden(IReadOnlyList<LayerDocument> all, int width, bool shared)
    {
        int k = all.Count, units = all[0].Units;
        var weights = new double[k * units][];
        for (int m = 0; m < k; m++)
            for (int j = 0; j < units; j++)
            {
                var row = new double[shared ? width : k * width];
                Array.Copy(all[m].Weights[j], 0, row, shared ? 0 : m * width, width);
                weights[m * units + j] = row;
            }
        double[]? bias = all[0].Bias is null ? null : all.SelectMany(d => d.Bias!).ToArray();
        return all[0] with { Units = k * units, Weights = weights, Bias = bias };
    }

    /// <summary>The mean of the members' output layers: each weight divided by the number of members, the biases averaged.</summary>
    private static LayerDocument Output(IReadOnlyList<LayerDocument> all, int width, bool shared)
    {
        int k = all.Count, units = all[0].Units;
        var weights = new double[units][];
        for (int j = 0; j < units; j++)
        {
            var row = new double[shared ? width : k * width];
            for (int m = 0; m < k; m++)
                for (int i = 0; i < width; i++)
                    if (shared) row[i] += all[m].Weights[j][i] / k;
                    else row[m * width + i] = all[m].Weights[j][i] / k;
            weights[j] = row;
        }
        double[]? bias = null;
        if (all[0].Bias is not null)
        {
            bias = new double[units];
            for (int j = 0; j < units; j++)
            {
                double sum = 0;
                for (int m = 0; m < k; m++) sum += all[m].Bias![j];
                bias[j] = sum / k;
            }
        }
        return all[0] with { Weights = weights, Bias = bias };
    }
}
