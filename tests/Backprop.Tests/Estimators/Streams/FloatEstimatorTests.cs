using Backprop.Estimators;
using static Backprop.Tests.Estimators.Streams.StreamData;

namespace Backprop.Tests.Estimators.Streams;

/// <summary>
/// Training in float from the estimators (<see cref="MlpOptions.Precision"/>), scikit-learn's
/// <c>test_mlp_regressor_dtypes_casting</c>: the same fit in float and in double predicts the same to a relative 1e-4.
/// </summary>
public sealed class FloatEstimatorTests
{
    [Fact]
    public void Float_training_predicts_as_double_training_does_to_a_relative_1e_4()
    {
        var options = new MlpOptions { HiddenLayers = [5, 3], Epochs = 50, ValidationFraction = 0, Seed = 1, L2 = 1e-5, BatchSize = 32 };
        var inDouble = new MlpRegressor(options).Fit(X(0, 300), Y(0, 300));
        var inFloat = new MlpRegressor(options with { Precision = Precision.Float }).Fit(X(0, 300), Y(0, 300));
        var (d, f) = (inDouble.Predict(X(300, 100)), inFloat.Predict(X(300, 100)));
        double scale = d.Max(Math.Abs);
        for (int r = 0; r < d.Length; r++) Assert.True(Math.Abs(d[r] - f[r]) <= 1e-4 * scale, $"row {r}: {d[r]} vs {f[r]}");
        // The float network's weights are floats: each is a double that a float holds exactly.
        Assert.All(Weights(inFloat.Model!), w => Assert.Equal(w, (double)(float)w));
        Assert.Contains(Weights(inDouble.Model!), w => w != (double)(float)w);
    }
}
