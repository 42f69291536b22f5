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

    [Fact]
    public void Float_arrays_train_in_float_and_the_network_is_given_as_floats()
    {
        // scikit-learn's test_mlp_param_dtypes: X of dtype float32 gives float32 parameters and predictions.
        var options = new MlpOptions { HiddenLayers = [5, 3], Epochs = 20, ValidationFraction = 0, Seed = 1 };
        var x = X(0, 200);
        var narrow = new float[200, 4];
        for (int r = 0; r < 200; r++) for (int c = 0; c < 4; c++) narrow[r, c] = (float)x[r, c];
        var fromFloats = new MlpRegressor(options).Fit(narrow, Y(0, 200));
        Assert.Equal(Precision.Double, fromFloats.Options.Precision); // the estimator's own options are kept
        var widened = new double[200, 4];
        for (int r = 0; r < 200; r++) for (int c = 0; c < 4; c++) widened[r, c] = narrow[r, c];
        var inFloat = new MlpRegressor(options with { Precision = Precision.Float }).Fit(widened, Y(0, 200));
        Assert.Equal(Weights(inFloat.Model!), Weights(fromFloats.Model!));
        var network = fromFloats.NetworkAs<float>();
        float[] parameters = network.Parameters.SelectMany(p => p.Values.ToArray()).ToArray();
        Assert.Equal(fromFloats.Network!.Parameters.SelectMany(p => p.Values.ToArray()).Select(v => (float)v), parameters);
        float[] predicted = fromFloats.Predict(narrow);
        double[] wide = fromFloats.Predict(widened);
        for (int r = 0; r < 200; r++) Assert.Equal((float)wide[r], predicted[r]);

        var classifier = new MlpClassifier(options).Fit(narrow, Labels(0, 200));
        Assert.Equal(new MlpClassifier(options with { Precision = Precision.Float }).Fit(widened, Labels(0, 200)).Predict(widened),
            classifier.Predict(narrow));
    }
}
