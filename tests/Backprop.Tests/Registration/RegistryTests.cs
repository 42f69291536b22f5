using System.Numerics;
using System.Text;
using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Gradients;

namespace Backprop.Tests.Registration;

/// <summary>A user's own activation, loss and optimiser, registered by name, train, save, load and resume as the built-ins do.</summary>
public class RegistryTests
{
    /// <summary>swish(x) = x·σ(x); swish′ = σ + x·σ(1 − σ).</summary>
    private sealed class TestSwish : ElementwiseActivation
    {
        public override string Name => "test-swish";
        public override T Value<T>(T x) => x / (T.One + T.Exp(-x));
        public override T Derivative<T>(T net, T output)
        {
            T s = T.One / (T.One + T.Exp(-net));
            return s + net * s * (T.One - s);
        }
    }

    /// <summary>ℓ = ¼ Σ (y − t)², so δ = ½ (y − t) f′(net) for an elementwise output activation.</summary>
    private sealed class QuarterSquared : Loss
    {
        public override string Name => "test-quarter-squared";
        public override T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation)
        {
            T sum = T.Zero;
            for (int i = 0; i < output.Length; i++) sum += (output[i] - target[i]) * (output[i] - target[i]);
            return sum / T.CreateChecked(4);
        }
        public override void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
            Activation outputActivation)
        {
            var f = (ElementwiseActivation)outputActivation;
            for (int i = 0; i < output.Length; i++) delta[i] = (output[i] - target[i]) / T.CreateChecked(2) * f.Derivative(net[i], output[i]);
        }
    }

    /// <summary>signSGD: θ ← θ − η·sign(g), with a step counter slot so that its state is saved and restored.</summary>
    private sealed class SignSgd : Optimizer
    {
        public override string Name => "test-signsgd";
        public override IReadOnlyList<string> SlotNames => ["seen"];
        protected override void Update<T>(Parameter<T> parameter, int index, double learningRate, int start, int end)
        {
            var seen = Slot<T>("seen", index, parameter.Length);
            for (int i = start; i < end; i++)
            {
                seen[i] += T.One;
                parameter.Values[i] -= T.CreateChecked(learningRate) * T.CreateChecked(T.Sign(parameter.Gradient[i])) / T.Sqrt(seen[i]);
            }
        }
    }

    static RegistryTests()
    {
        ActivationRegistry.Register("test-swish", () => new TestSwish(), "test-silu");
        LossRegistry.Register("test-quarter-squared", () => new QuarterSquared());
        OptimizerRegistry.Register("test-signsgd", () => new SignSgd());
    }

    private static (Matrix<double> X, Matrix<double> T) Data()
    {
        var rng = new Backprop.Initialization.Rng(3, 9);
        var x = new Matrix<double>(20, 2);
        var t = new Matrix<double>(20, 1);
        for (int r = 0; r < 20; r++)
        {
            x[r, 0] = rng.NextGaussian();
            x[r, 1] = rng.NextGaussian();
            t[r, 0] = x[r, 0] * x[r, 1] > 0 ? 1 : 0;
        }
        return (x, t);
    }

    private static Network<double> Network() => Network<double>.Create(2, [new LayerSpec(5, "test-swish"), new LayerSpec(1, "sigmoid")], seed: 2);

    private static TrainingOptions Options(TrainingCheckpoint? resume = null) => new()
    {
        Objective = new Objective(LossRegistry.Get("test-quarter-squared"), Reduction.Mean),
        Optimizer = OptimizerRegistry.Create("test-signsgd"), LearningRate = 0.05, Epochs = 6, BatchSize = 7, Seed = 4, Resume = resume,
    };

    [Fact]
    public void A_registered_activation_computes_its_function_and_its_gradient_checks()
    {
        var network = Network();
        var (x, t) = Data();
        var y = network.Predict(x);
        var (w1, b1, w2, b2) = (network.Layers[0].Weights, network.Layers[0].Bias.ToArray(), network.Layers[1].Weights,
            network.Layers[1].Bias.ToArray());
        for (int s = 0; s < x.Rows; s++)
        {
            double o = b2[0];
            for (int j = 0; j < 5; j++)
            {
                double net = b1[j] + w1[j, 0] * x[s, 0] + w1[j, 1] * x[s, 1];
                o += w2[0, j] * net / (1 + Math.Exp(-net));
            }
            Assert.Equal(1 / (1 + Math.Exp(-o)), y[s, 0], 12);
        }
        Assert.True(GradientCheck.Run(network, x, t, Options().Objective).Passed);
        Assert.Equal("test-swish", Activation.Get("TEST-SILU").Name);
    }

    [Fact]
    public void A_model_of_registered_parts_trains_saves_loads_predicts_the_same_bits_and_resumes()
    {
        var (x, t) = Data();
        var straight = Network();
        var result = Trainer.Train(straight, x, t, Options());
        Assert.Equal(6, result.History.Count);

        var document = ModelDocument.FromNetwork(straight) with { Training = TrainingRecord.Summary(Options(), result.History, result), Checkpoint =
            result.Checkpoint };
        string json = ModelFile.ToJson(document);
        Assert.Contains("\"activation\": \"test-swish\"", json);
        Assert.Contains("\"loss\": \"test-quarter-squared\"", json);
        Assert.Contains("\"optimizer\": \"test-signsgd\"", json);
        var loaded = ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json");
        Assert.Equal(straight.Predict(x).Span.ToArray(), loaded.ToNetwork<double>().Predict(x).Span.ToArray());
        Assert.Equal("test-quarter-squared", loaded.Training!.Loss);

        // Three epochs, saved and loaded with the optimiser's state, then continued to six: the straight run's bits.
        var part = Network();
        var first = Trainer.Train(part, x, t, Options() with { Epochs = 3 });
        var saved = ModelFile.Parse(Encoding.UTF8.GetBytes(ModelFile.ToJson(ModelDocument.FromNetwork(part) with { Checkpoint =
            first.Checkpoint })), "m.json");
        Assert.Contains(saved.Checkpoint!.Optimizer.Slots, s => s.Slot == "seen");
        var resumed = saved.ToNetwork<double>();
        Trainer.Train(resumed, x, t, Options(saved.Checkpoint));
        Assert.Equal(straight.Parameters.SelectMany(p => p.Values), resumed.Parameters.SelectMany(p => p.Values));
    }

    [Fact]
    public void Registering_a_taken_name_or_a_name_that_is_not_the_activations_own_is_refused()
    {
        Assert.Contains("is registered already",
            Assert.Throws<ArgumentException>(() => ActivationRegistry.Register("relu", () => new Relu())).Message);
        Assert.Contains("calls itself 'tanh'",
            Assert.Throws<ArgumentException>(() => ActivationRegistry.Register("test-tanh2", () => new Tanh())).Message);
        Assert.Contains("one word", Assert.Throws<ArgumentException>(() => LossRegistry.Register("my loss", () => new SquaredError())).Message);
        Assert.Contains("is registered already",
            Assert.Throws<ArgumentException>(() => OptimizerRegistry.Register("adam", () => new Adam())).Message);
        Assert.False(ActivationRegistry.Contains("test-tanh2"));
        Assert.Equal(["sigmoid", "tanh", "relu", "leaky-relu", "identity", "softmax", "step"], ActivationRegistry.Names.Take(7));
        Assert.Equal(["squared", "cross-entropy"], LossRegistry.Names.Take(2));
    }

    [Fact]
    public void A_file_naming_an_activation_that_no_one_registered_is_refused_listing_the_registered_ones_and_a_loss_is_read_as_written()
    {
        string model = """{"format": "backprop.mlp", "version": 1, "inputs": 1, "layers": [{"units": 1, "activation": "test-unknown", "weights":""" +
            """ [[1]]}]}""";
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(model), "m.json"));
        Assert.StartsWith("m.json:layers[0].activation: unknown activation \"test-unknown\" (expected one of: sigmoid, tanh, relu, leaky-relu, " +
            "identity, softmax, step", e.Message);
        Assert.Contains("test-swish", e.Message);
        string loss = model.Replace("test-unknown", "identity").Replace("]}]}", "]}], \"training\": {\"loss\": \"test-hinge\"}}");
        // The loss is only needed to measure or resume (UnregisteredNameTests): the file loads, the name as written.
        Assert.Equal("test-hinge", ModelFile.Parse(Encoding.UTF8.GetBytes(loss), "m.json").Training!.Loss);
    }
}
