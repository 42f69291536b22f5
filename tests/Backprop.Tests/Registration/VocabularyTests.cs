using System.Text;
using Backprop.Activations;
using Backprop.Cli;
using Backprop.Cli.Commands;
using Backprop.Data;
using Backprop.Estimators;
using Backprop.Initialization;
using Backprop.ModelSelection;
using Backprop.Training.Solvers;
using Backprop.Tests.Cli;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Registration;

/// <summary>
/// The registries are the only lists of names: an activation a caller registers is one a search varies, the command
/// line takes and its completion offers, with no other list to extend.
/// </summary>
public sealed class VocabularyTests : IDisposable
{
    private const string Softsign = "test-vocab-softsign";

    /// <summary>softsign(x) = x / (1 + |x|); its derivative is 1 / (1 + |x|)².</summary>
    private sealed class TestSoftsign : ElementwiseActivation
    {
        public override string Name => Softsign;
        public override T Value<T>(T x) => x / (T.One + T.Abs(x));
        public override T Derivative<T>(T net, T output) => T.One / ((T.One + T.Abs(net)) * (T.One + T.Abs(net)));
    }

    static VocabularyTests() => ActivationRegistry.Register(Softsign, () => new TestSoftsign());

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Twenty rows: the class is 1 when x1 + x2 is positive.</summary>
    private static string Csv()
    {
        var text = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 20; i++)
        {
            double x1 = (i % 5) - 2, x2 = (i % 7) - 3.5;
            text.Append(FormattableString.Invariant($"{x1},{x2},{(x1 + x2 > 0 ? "b" : "a")}\n"));
        }
        return text.ToString();
    }

    [Fact]
    public void A_registered_activation_is_a_hidden_and_an_output_activation_and_a_step_function_is_neither()
    {
        Assert.Contains(Softsign, ActivationRegistry.HiddenNames);
        Assert.Contains(Softsign, ActivationRegistry.OutputNames);
        Assert.DoesNotContain("step", ActivationRegistry.HiddenNames);
        Assert.DoesNotContain("step", ActivationRegistry.OutputNames);
        Assert.DoesNotContain("softmax", ActivationRegistry.HiddenNames);
        Assert.Contains("softmax", ActivationRegistry.OutputNames);
        // The built-ins in the order the registry lists them (written out here, not read from the code).
        Assert.Equal(["sigmoid", "tanh", "relu", "leaky-relu", "identity"], ActivationRegistry.HiddenNames.Take(5));
    }

    [Fact]
    public void A_search_varies_a_registered_activation()
    {
        var grid = SearchSpace.Grid($"activation=relu|{Softsign.ToUpperInvariant()}");
        Assert.Equal(Softsign, SearchSpace.Apply(new MlpOptions(), grid[1]).Activations.Single());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv()));
        var table = CsvTable.Read(stream, "t.csv");
        var options = new MlpOptions { HiddenLayers = [3], Epochs = 2, Seed = 1, ValidationFraction = 0.25 };
        var result = ParameterSearch.Run(o => new MlpClassifier(o), options, SearchSpace.Grid($"activation={Softsign}"), table, "y",
            new SearchSettings());
        Assert.Equal(Softsign, Assert.Single(result.Ranked).Combination.Single().Value);
        Assert.Equal(Softsign, result.Best!.Options.Activations.Single());
    }

    [Fact]
    public void The_command_line_takes_and_completes_a_registered_activation()
    {
        Assert.Equal(Softsign, Parse.Activation("--activation", Softsign));
        Assert.Contains(Softsign, CliRunner.Run("__complete", "train", "--activation", "test-vocab").Output.Split('\n'));
        Assert.Contains(Softsign, CliRunner.Run("__complete", "train", "--output-activation", "test-vocab").Output.Split('\n'));
        string data = _folder.Write("d.csv", Csv()), model = _folder.File("m.json");
        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "3", "--activation", Softsign,
            "--optimizer", "adam", "--epochs", "2", "--quiet", "--out", model);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains($"\"{Softsign}\"", File.ReadAllText(model));
    }

    [Fact]
    public void The_command_line_lists_are_the_library_lists()
    {
        // Independent of the code: the schedules, initialisations and solvers documented in docs/training.md.
        Assert.Equal(["constant", "step", "exponential", "cosine", "adaptive", "plateau", "invscaling"], Vocabulary.Schedules);
        Assert.Equal(["normal", "uniform", "lecun", "glorot", "glorot-normal", "he", "he-uniform"], Vocabulary.Initializers);
        Assert.Equal(["lbfgs", "cg"], Vocabulary.Optimizers.TakeLast(2));
        Assert.Equal(["gd", "momentum", "nesterov", "rmsprop", "adam", "adamw"], Vocabulary.Optimizers.Take(6));
        Assert.Equal(["sum", "mean"], Vocabulary.Reductions);
        Assert.Equal(["error", "drop", "mean", "median"], Vocabulary.MissingValuePolicies);
        foreach (string name in Vocabulary.Schedules) Assert.Equal(name, LearningRateSchedule.Create(name).Kind);
        foreach (string name in Vocabulary.Initializers) Assert.StartsWith(name, Initializer.Parse(name).Name);
        foreach (string name in FullBatchSolver.Names) Assert.Equal(name, FullBatchSolver.Find(name)!.Name);
        Assert.Equal("adam adamw", string.Join(' ', CliRunner.Run("__complete", "train", "--optimizer", "adam")
            .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
