using Backprop.Estimators.Jobs;
using Backprop.Cli;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tests.Estimators;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// <see cref="ResumeCheck.Differences"/>: a resumed run's options against the saved run's, property by property, every
/// property but <see cref="ResumeCheck.MayChange"/> (Epochs, Diagnostics), each difference named by its path with both values.
/// </summary>
public sealed class ResumeOptionsTests
{
    private static readonly MlpOptions Saved = new() { LearningRate = 0.01, ValidationFraction = 0.2, Patience = 5 };

    [Fact]
    public void The_same_options_and_those_a_resumed_run_may_change_make_no_difference()
    {
        Assert.Empty(ResumeCheck.Differences(Saved, Saved with { }));
        Assert.Empty(ResumeCheck.Differences(Saved, Saved with { Epochs = 500, Diagnostics = true }));
        Assert.Empty(ResumeCheck.Differences(Saved with { Dropout = [0.5] }, Saved with { Dropout = [0.5] })); // lists by value
        Assert.Equal(["Epochs", "Diagnostics"], ResumeCheck.MayChange);
    }

    [Fact]
    public void Every_other_property_given_otherwise_is_one_difference_naming_its_path()
    {
        EveryOption.EnsureEveryPropertyIsSet();
        var defaults = new MlpOptions();
        int compared = 0;
        foreach (var property in EveryOption.Properties)
        {
            var given = defaults with { };
            property.SetValue(given, property.GetValue(EveryOption.Options));
            var differences = ResumeCheck.Differences(defaults, given);
            if (ResumeCheck.MayChange.Contains(property.Name))
            {
                Assert.Empty(differences);
                continue;
            }
            var difference = Assert.Single(differences);
            Assert.StartsWith($"MlpOptions.{property.Name}", difference.Setting.Name);
            Assert.NotEqual(difference.Saved, difference.Given);
            compared++;
        }
        Assert.Equal(EveryOption.Properties.Count() - 2, compared);
    }

    [Fact]
    public void The_refusal_names_each_property_with_both_values()
    {
        var given = Saved with { LearningRate = 0.001, Seed = 2, HiddenLayers = [16, 8], BatchSize = null };
        var refused = Assert.Throws<BackpropException>(() => ResumeCheck.EnsureSameOptions(Saved, given, "m.json"));
        Assert.Equal("m.json: MlpOptions.HiddenLayers is [100] in the saved run, [16,8] now; "
            + "MlpOptions.LearningRate is 0.01 in the saved run, 0.001 now; MlpOptions.BatchSize is 32 in the saved run, none now; "
            + "MlpOptions.Seed is 1 in the saved run, 2 now: resume with the options it was started with",
            refused.Message);
    }

    [Fact]
    public void In_the_CLI_the_refusal_names_the_options()
    {
        using var names = SettingNames.Use(OptionNames.Instance);
        var given = Saved with { LearningRate = 0.001, Bias = false };
        var refused = Assert.Throws<BackpropException>(() => ResumeCheck.EnsureSameOptions(Saved, given, "m.json"));
        Assert.Equal("m.json: --no-bias is off in the saved run, on now; --lr is 0.01 in the saved run, 0.001 now: "
            + "resume with the options it was started with",
            refused.Message);
    }

    [Fact]
    public void In_the_CLI_the_refusal_says_values_as_the_options_take_them()
    {
        using var names = SettingNames.Use(OptionNames.Instance);
        // Saved with --standardize robust and the default mean reduction, continued with plain standardising and --reduction sum.
        var refused = Assert.Throws<BackpropException>(() => ResumeCheck.EnsureSameOptions(Saved with { RobustScale = true, Standardize = true },
            Saved with { RobustScale = false, Standardize = true, Reduction = Backprop.Losses.Reduction.Sum }, "m.json"));
        Assert.Equal("m.json: --standardize is robust in the saved run, by mean and standard deviation now; --reduction is mean in the saved run, "
            + "sum now: resume with the options it was started with", refused.Message);
    }

    [Fact]
    public void Every_property_has_a_setting_the_CLI_names_by_an_option()
    {
        foreach (var property in EveryOption.Properties)
        {
            var setting = OptionCatalog.Of(property.Name);
            Assert.StartsWith($"MlpOptions.{property.Name}", setting.Name);
            Assert.StartsWith("--", OptionNames.Instance.Name(setting));
        }
    }

    [Fact]
    public void The_validation_file_is_compared_by_name_and_an_old_file_by_what_it_recorded()
    {
        var saved = new MlpOptions { ValidationData = "/data/run1/held.csv" };
        Assert.Empty(ResumeCheck.Differences(saved, saved with { ValidationData = "held.csv" }));
        Assert.Single(ResumeCheck.Differences(saved, saved with { ValidationData = "other.csv" }));
        // An older file records some properties only (ModelDocument.MigratedOptions): only those are compared.
        var given = new MlpOptions { Momentum = 0.5, LearningRate = 0.1 };
        var difference = Assert.Single(ResumeCheck.Differences(new MlpOptions(), given, ["LearningRate", "Seed"]));
        Assert.Equal("MlpOptions.LearningRate is 0.001 in the saved run, 0.1 now", difference.ToString());
    }

    [Fact]
    public void The_learning_rate_is_not_compared_for_the_full_batch_solvers()
    {
        // An older file of an lbfgs run records the CLI's η of then (0.01); the line search never used it.
        foreach (string solver in new[] { "lbfgs", "cg" })
            Assert.Empty(ResumeCheck.Differences(new MlpOptions { Optimizer = solver, LearningRate = 0.01 }, new MlpOptions { Optimizer = solver }));
        var adam = Assert.Single(ResumeCheck.Differences(new MlpOptions { LearningRate = 0.01 }, new MlpOptions()));
        Assert.Equal("MlpOptions.LearningRate is 0.01 in the saved run, 0.001 now", adam.ToString());
    }
}
