using Backprop.Data.Preprocessing;
using Backprop.Serialization;

namespace Backprop.MLNet.Tests;

/// <summary>A forward pass written out here from the model file's numbers: standardise, then per layer Σ w·x + b and the activation.</summary>
internal static class Reference
{
    public static double[] Outputs(ModelDocument model, IReadOnlyList<float> features)
    {
        var inputs = model.Preprocessing!.Inputs.Cast<NumericColumn>().ToArray();
        double[] x = features.Select((v, i) => (v - inputs[i].Mean) / inputs[i].Scale).ToArray();
        foreach (var layer in model.Layers)
        {
            var z = new double[layer.Units];
            for (int u = 0; u < layer.Units; u++)
            {
                double sum = layer.Bias?[u] ?? 0;
                for (int i = 0; i < x.Length; i++) sum += layer.Weights[u][i] * x[i];
                z[u] = sum;
            }
            x = layer.Activation switch
            {
                "relu" => z.Select(v => Math.Max(0, v)).ToArray(),
                "tanh" => z.Select(Math.Tanh).ToArray(),
                "sigmoid" => z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(),
                "identity" => z,
                "softmax" => Softmax(z),
                var other => throw new NotSupportedException(other),
            };
        }
        // A target standardised for training: the outputs z are turned back into its units, z·scale + mean, as the file records them.
        if (model.Preprocessing.Target is { Mean: { } mean, Scale: { } scale }) x = x.Select((z, k) => z * scale[k] + mean[k]).ToArray();
        return x;
    }

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
