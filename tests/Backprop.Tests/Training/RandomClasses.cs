using Backprop.Tensors;

namespace Backprop.Tests.Training;

/// <summary>Inputs uniform in [0, 1) and one-hot targets of random classes, from a seed: data to time or compare runs on, not to learn.</summary>
internal static class RandomClasses
{
    public static (Matrix<float> Inputs, Matrix<float> Targets) Make(int samples, int features, int classes, ulong seed)
    {
        var rng = new Backprop.Initialization.Rng(seed, 2);
        var x = new Matrix<float>(samples, features);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = (float)rng.NextDouble();
        var t = new Matrix<float>(samples, classes);
        for (int r = 0; r < samples; r++) t[r, rng.NextInt(classes)] = 1;
        return (x, t);
    }
}
