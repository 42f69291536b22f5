using Backprop.Data;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>
/// Prediction is safe from several threads at once on one fitted model: <see cref="Network{T}.Predict"/> and the estimators'
/// <c>Predict</c>/<c>PredictProbabilities</c> keep no state between calls (each call has its own workspace; the matrix
/// kernels' worker pool runs a second caller's parts on that caller's thread), so every thread gets the bits that one
/// thread alone gets. The batches are large enough that the kernels split them across threads.
/// </summary>
public class ConcurrentPredictionTests
{
    private const int Calls = 24;

    private static Matrix<T> Inputs<T>(int rows, int columns, int seed) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new Matrix<T>(rows, columns);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) x[r, c] = T.CreateChecked(random.NextDouble() * 4 - 2);
        return x;
    }

    private static void SameBitsFromManyThreads<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var network = Network<T>.Create(20, [new LayerSpec(64, "relu"), new LayerSpec(64, "tanh"), new LayerSpec(3, "softmax")], seed: 5);
        // Batches of different sizes, so that concurrent calls also differ in shape (and some split across the workers).
        var batches = Enumerable.Range(0, Calls).Select(i => Inputs<T>(300 + 97 * i, 20, seed: i)).ToArray();
        var alone = batches.Select(b => network.Predict(b).Span.ToArray()).ToArray();
        var together = new T[Calls][];
        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = network.Predict(batches[i]).Span.ToArray());
        for (int i = 0; i < Calls; i++)
            Assert.True(alone[i].SequenceEqual(together[i]), $"call {i}: predictions from several threads differ from one thread's");
    }

    [Fact]
    public void Network_predict_gives_one_threads_bits_from_many_threads_in_double() => SameBitsFromManyThreads<double>();

    [Fact]
    public void Network_predict_gives_one_threads_bits_from_many_threads_in_float() => SameBitsFromManyThreads<float>();

    [Fact]
    public void A_fitted_classifier_and_regressor_predict_the_same_from_many_threads()
    {
        var random = new Random(11);
        var (labelled, measured) = (new TableBuilder("a", "b", "kind", "y"), new TableBuilder("a", "b", "kind", "v"));
        var raw = new List<Dictionary<string, object>>();
        for (int i = 0; i < 400; i++)
        {
            double a = random.NextDouble() * 10, b = random.NextDouble() * 5;
            string kind = i % 3 == 0 ? "p" : "q";
            labelled.Add(a, b, kind, a + b > 7 ? "big" : a > 4 ? "wide" : "small");
            measured.Add(a, b, kind, 2 * a - b);
            raw.Add(new() { ["a"] = a, ["b"] = b, ["kind"] = kind });
        }
        var (classes, numbers) = (labelled.Build(), measured.Build());
        var classifier = new MlpClassifier(new MlpOptions { HiddenLayers = [16], Epochs = 20, Seed = 3 });
        classifier.Fit(classes, "y");
        var regressor = new MlpRegressor(new MlpOptions { HiddenLayers = [16], Epochs = 20, Seed = 3 });
        regressor.Fit(numbers, "v");

        var probabilities = Bits(classifier.PredictProbabilities(classes));
        var labels = classifier.Predict(classes);
        var values = regressor.Predict(numbers).Select(BitConverter.DoubleToInt64Bits).ToArray();
        var rowsAlone = raw.Select(r => classifier.PredictProbabilities(r).Select(BitConverter.DoubleToInt64Bits).ToArray()).ToArray();

        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Assert.Equal(probabilities, Bits(classifier.PredictProbabilities(classes)));
            Assert.Equal(labels, classifier.Predict(classes));
            Assert.Equal(values, regressor.Predict(numbers).Select(BitConverter.DoubleToInt64Bits));
            for (int r = i; r < raw.Count; r += Calls)
                Assert.Equal(rowsAlone[r], classifier.PredictProbabilities(raw[r]).Select(BitConverter.DoubleToInt64Bits));
        });
    }

    private static long[] Bits(double[,] values) => values.Cast<double>().Select(BitConverter.DoubleToInt64Bits).ToArray();
}
