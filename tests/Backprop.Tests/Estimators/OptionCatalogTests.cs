using Backprop.Cli;
using Backprop.Diagnostics;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="OptionCatalog"/>: one setting per <see cref="MlpOptions"/> property, named by its path, the very setting
/// the rules table's rows and the messages carry, and one the CLI prints as an option.
/// </summary>
public sealed class OptionCatalogTests
{
    [Fact]
    public void Every_property_has_one_setting_named_by_its_path()
    {
        Assert.Equal(EveryOption.Properties.Count(), OptionCatalog.Properties.Count);
        foreach (var property in OptionCatalog.Properties)
        {
            var setting = OptionCatalog.Of(property.Name);
            Assert.Equal($"MlpOptions.{property.Name}", setting.Name);
            Assert.Same(setting, OptionCatalog.Of(property.Name)); // built once
            Assert.Equal(property.Name, OptionCatalog.PropertyOf(setting));
        }
        // A property that other entry points name otherwise is the same setting (the CLI names them all by one option).
        Assert.Equal(Setting.Delimiter, OptionCatalog.Of(nameof(MlpOptions.Delimiter)));
        Assert.Same(Setting.XName, OptionCatalog.Of(nameof(MlpOptions.MatInputs)));
        Assert.Throws<ArgumentException>(() => OptionCatalog.Of("Dropouts"));
    }

    [Fact]
    public void Every_rule_of_the_table_is_about_a_setting_of_the_catalog()
    {
        foreach (var rule in MlpOptions.Rules)
        {
            string? property = OptionCatalog.PropertyOf(rule.Path);
            Assert.True(property is not null, $"{rule.Path.Name}: {rule.Must} is about no property of MlpOptions");
            Assert.Same(OptionCatalog.Of(property), rule.Path);
        }
        // The words of a rule name the other settings it needs by their paths, from the catalog.
        Assert.Equal(1, MlpOptions.Rules.Count(r => r.Must == "only with MlpOptions.Standardize"));
        Assert.Equal(1, MlpOptions.Rules.Count(r => r.Must == "below MlpOptions.LearningRate"));
    }

    [Fact]
    public void The_CLI_prints_each_setting_as_its_option()
    {
        var names = OptionNames.Instance;
        Assert.Equal("--lr", names.Name(OptionCatalog.Of(nameof(MlpOptions.LearningRate))));
        Assert.Equal("--validation-split", names.Name(OptionCatalog.Of(nameof(MlpOptions.ValidationFraction))));
        Assert.Equal("--shuffle-each-epoch", names.Name(OptionCatalog.Of(nameof(MlpOptions.ShuffleEachEpoch))));
        Assert.Equal("--sample-weight", names.Name(OptionCatalog.Of(nameof(MlpOptions.SampleWeightColumn))));
    }
}
