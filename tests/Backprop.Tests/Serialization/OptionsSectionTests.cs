using System.Text;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Estimators;
using Backprop.Training.Weights;

namespace Backprop.Tests.Serialization;

/// <summary>
/// The model file's <c>options</c> section holds the whole <see cref="MlpOptions"/> and reads back equal, property by
/// property; a file written before the section (every file of earlier versions) loads with options rebuilt from its
/// old sections (<c>OptionsMigration</c>).
/// </summary>
public sealed class OptionsSectionTests
{
    private static readonly LayerDocument[] TwoLayers =
    [
        new(2, "relu", [[0.5], [-0.25]], [0.1, 0.2]),
        new(1, "sigmoid", [[1.0, -1.0]], [0.0]),
    ];

    private static ModelDocument Model(MlpOptions? options) => new() { Inputs = 1, Layers = TwoLayers, Options = options };

    private static ModelDocument ReadBack(ModelDocument model, out string text)
    {
        text = ModelFile.ToJson(model);
        return ModelFile.Parse(Encoding.UTF8.GetBytes(text), "m.json");
    }

    [Fact]
    public void Every_property_set_otherwise_than_its_default_is_written_by_name_and_read_back_equal()
    {
        EveryOption.EnsureEveryPropertyIsSet();
        var read = ReadBack(Model(EveryOption.Options), out string text);
        Assert.NotNull(read.Options);
        Assert.Null(read.MigratedOptions);
        foreach (var property in EveryOption.Properties)
        {
            string name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            Assert.Contains($"\"{name}\": ", text);
            Assert.True(EveryOption.Same(property.GetValue(EveryOption.Options), property.GetValue(read.Options)),
                $"{property.Name} read back otherwise");
        }
        Assert.Contains("\"learningRate\": 0.30000000000000004", text);
        Assert.Contains("\"seed\": 18446744073709551615", text);
        Assert.Contains("\"precision\": \"Float\"", text);
        Assert.Contains("\"reduction\": \"Sum\"", text);
    }

    [Fact]
    public void The_defaults_and_balanced_class_weights_read_back_equal()
    {
        var options = new MlpOptions { ClassWeight = ClassWeighting.Balanced };
        var read = ReadBack(Model(options), out string text).Options!;
        Assert.Contains("\"classWeight\": \"balanced\"", text);
        Assert.Contains("\"batchSize\": 32", text);
        Assert.Contains("\"outputActivation\": null", text);
        foreach (var property in EveryOption.Properties)
            Assert.True(EveryOption.Same(property.GetValue(options), property.GetValue(read)), property.Name);
    }

    [Theory]
    [InlineData("\"learningRate\": 0.001", "\"learningRate\": \"fast\"", "options.learningRate: must be a number, not the string \"fast\"")]
    [InlineData("\"precision\": \"Double\"", "\"precision\": \"half\"", "options.precision: \"half\" is not one of Double, Float")]
    [InlineData("\"dropout\": []", "\"dropout\": [0.1, \"x\"]", "options.dropout[1]: must be a finite number, not the string \"x\"")]
    [InlineData("\"classWeight\": null", "\"classWeight\": 3", "options.classWeight: must be \"balanced\" or an object of weights by class, not 3")]
    [InlineData("\"bias\": true", "\"bias\": 1", "options.bias: must be true or false, not 1")]
    [InlineData("\"hiddenLayers\": [100]", "\"hiddenLayers\": [1.5]", "options.hiddenLayers: must hold whole numbers")]
    [InlineData("\"decimalSeparator\": \".\"", "\"decimalSeparator\": \"..\"", "options.decimalSeparator: must be one character, not \"..\"")]
    public void A_damaged_options_section_is_refused_naming_the_field(string field, string damaged, string message)
    {
        string text = ModelFile.ToJson(Model(new MlpOptions()));
        Assert.Contains(field, text);
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(text.Replace(field, damaged)), "m.json"));
        Assert.EndsWith(message, error.Message);
    }

    /// <summary>A file as every backprop before the options section wrote it: layers, preprocessing, training with its settings.</summary>
    private static ModelDocument OldFile(RunSettings? settings, string schedule) => new()
    {
        Inputs = 4,
        Layers =
        [
            new(2, "tanh", [[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8]], [0.0, 0.0]),
            LayerDocument.Dropout(2, 0.25),
            new(3, "softmax", [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [0.0, 0.0, 0.0]),
        ],
        Features = ["a", "b", "c=1", "c=2"],
        Targets = ["x", "y", "z"],
        Preprocessing = new Preprocessor(
            [new NumericColumn("a", 1.5, 2), new NumericColumn("b", Fill: 3), new CategoricalColumn("c", ["1", "2"])],
            new TargetEncoding(["label"], ["x", "y", "z"])),
        Training = new TrainingSummary
        {
            Loss = "cross-entropy", Reduction = "sum", L2 = 0.01, Optimizer = "momentum", LearningRate = 0.05, BatchSize = 8, Seed = 7,
            Precision = "float", Schedule = schedule.Split(' ')[0], ValidationSplit = 0.2, Shuffle = true, Epochs = 3, StopReason = "MaxEpochs",
            LossHistory = [1, 0.5, 0.25], RmseHistory = [1, 0.5, 0.25], Settings = settings,
        },
    };

    [Fact]
    public void An_old_file_loads_with_the_options_its_sections_record()
    {
        var settings = new RunSettings
        {
            Schedule = "step (γ 0.5 every 2 epochs)", ClipNorm = 1, Patience = 4, MinDelta = 0.001, ValidationFrequency = 2,
            ClassWeights = [2, 1, 0.5], SampleWeight = "w", ValidationData = null,
        };
        var read = ReadBack(OldFile(settings, "step"), out string text);
        Assert.DoesNotContain("\"options\"", text);
        var expected = new MlpOptions
        {
            HiddenLayers = [2], Activations = ["tanh"], OutputActivation = null, Dropout = [0.25], Features = ["a", "b", "c"], OneHot = ["c"],
            Standardize = true, StandardizeColumns = ["a"], Classes = ["x", "y", "z"], Missing = MissingValues.Mean,
            Loss = null, Reduction = Backprop.Losses.Reduction.Sum, L2 = 0.01, Optimizer = "momentum", LearningRate = 0.05, BatchSize = 8,
            Seed = 7, Precision = Precision.Float, Epochs = 3, ValidationFraction = 0.2, Shuffle = true,
            Schedule = "step", ScheduleGamma = 0.5, ScheduleStep = 2, ClipNorm = 1, Patience = 4, MinDelta = 0.001, ValidationFrequency = 2,
            SampleWeightColumn = "w", ClassWeight = ClassWeighting.Of(new Dictionary<string, double> { ["x"] = 2, ["y"] = 1, ["z"] = 0.5 }),
            ScaleTarget = false, // a file written before target scaling trained on its target as it is
        };
        foreach (var property in EveryOption.Properties)
            Assert.True(EveryOption.Same(property.GetValue(expected), property.GetValue(read.Options)),
                $"{property.Name}: {property.GetValue(read.Options)}");
        Assert.Equal(["HiddenLayers", "Activations", "Bias", "Dropout", "OutputActivation", "Loss", "Reduction", "L2", "Optimizer", "LearningRate",
            "BatchSize", "Precision", "ValidationFraction", "Seed", "Shuffle", "Schedule", "ScheduleGamma", "ScheduleStep", "ClipNorm", "Patience",
            "MinDelta", "ValidationFrequency", "SampleWeightColumn", "ValidationData", "ClassWeight"], read.MigratedOptions!);
        // Saved again, the file keeps what it recorded: rebuilt options are not written as if they had been.
        Assert.DoesNotContain("\"options\"", ModelFile.ToJson(read));
        Assert.Equal(expected.HiddenLayers, SavedOptions.Of(read).HiddenLayers);
    }

    [Theory]
    [InlineData("exponential (γ 0.9)", "exponential", 0.9, 10, 0.0, 0.1, 10, 0.0)]
    [InlineData("cosine (to 0.0001)", "cosine", 0.1, 10, 0.0001, 0.1, 10, 0.0)]
    [InlineData("plateau (×0.5 after 3 epochs without improvement, down to 1E-05)", "plateau", 0.1, 10, 0.0, 0.5, 3, 1e-5)]
    [InlineData("adaptive", "adaptive", 0.1, 10, 0.0, 0.1, 10, 0.0)]
    public void An_old_files_schedule_is_read_with_its_parameters_from_its_recorded_name(string name, string kind, double gamma, int step,
        double minimum, double factor, int patience, double floor)
    {
        var options = ReadBack(OldFile(new RunSettings { Schedule = name }, name), out _).Options!;
        Assert.Equal((kind, gamma, step, minimum, factor, patience, floor),
            (options.Schedule, options.ScheduleGamma, options.ScheduleStep, options.ScheduleMinimum, options.PlateauFactor, options.PlateauPatience,
                options.PlateauMinimum));
    }

    [Fact]
    public void An_old_file_without_settings_records_the_schedule_kind_and_leaves_the_rest_at_the_defaults()
    {
        var read = ReadBack(OldFile(null, "cosine"), out _);
        Assert.Equal("cosine", read.Options!.Schedule);
        Assert.Null(read.Options.Patience);
        Assert.DoesNotContain("Patience", read.MigratedOptions!);
        Assert.Contains("Schedule", read.MigratedOptions!);
    }

    [Fact]
    public void A_file_with_options_stores_the_schedule_once_there_and_not_in_training_settings()
    {
        var old = OldFile(new RunSettings { Schedule = "step (γ 0.5 every 2 epochs)", ClipNorm = 1 }, "step");
        var options = new MlpOptions { Schedule = "step", ScheduleGamma = 0.5, ScheduleStep = 2, ClipNorm = 1 };
        var read = ReadBack(old with { Options = options }, out string text);
        Assert.DoesNotContain("\"settings\"", text);
        Assert.Contains("\"scheduleGamma\": 0.5", text);
        Assert.Null(read.Training!.Settings);
        Assert.Null(read.MigratedOptions);
        Assert.Equal((0.5, 2, 1.0), (read.Options!.ScheduleGamma, read.Options.ScheduleStep, read.Options.ClipNorm!.Value));
        Assert.Contains("\"settings\"", ModelFile.ToJson(old)); // without options, as before
    }

    [Fact]
    public void A_file_without_a_training_section_has_no_options()
    {
        var read = ReadBack(Model(null), out _);
        Assert.Null(read.Options);
        Assert.Equal([2], SavedOptions.Of(read).HiddenLayers);
    }
}
