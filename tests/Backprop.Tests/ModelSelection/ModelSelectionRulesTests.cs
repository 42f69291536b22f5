using Backprop.Cli;
using Backprop.Diagnostics;
using Backprop.ModelSelection;
using Backprop.Tests.Cli;

namespace Backprop.Tests.ModelSelection;

/// <summary>
/// <see cref="ModelSelectionRules"/>: what cv and search ask beyond <see cref="MlpOptions"/>' own rules, rows of the
/// same table kind, each refusing with the property's path (in the CLI, its option).
/// </summary>
public sealed class ModelSelectionRulesTests
{
    private static readonly MlpOptions O = new();

    public static TheoryData<string, string> Refused() => new()
    {
        { "Activations", "MlpOptions.Activations: cv and search train one hidden activation for every layer, not a list (tanh,relu)" },
        { "Optimizer", "MlpOptions.Optimizer: cv and search train with a mini-batch optimiser, not the full-batch solver lbfgs" },
        { "StandardizeColumns", "MlpOptions.Standardize: cv and search standardise every numeric column or none, not the columns a,b" },
    };

    private static readonly Dictionary<string, MlpOptions> Bad = new()
    {
        ["Activations"] = O with { HiddenLayers = [4, 4], Activations = ["tanh", "relu"] },
        ["Optimizer"] = O with { Optimizer = "lbfgs" },
        ["StandardizeColumns"] = O with { StandardizeColumns = ["a", "b"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_setting_cv_and_search_cannot_take_is_refused_naming_the_property(string label, string message)
    {
        Bad[label].Validate(); // train takes it
        Assert.Equal(message, Assert.Throws<BackpropException>(() => ModelSelectionRules.Check(Bad[label])).Message);
    }

    [Fact]
    public void Every_rule_is_broken_by_a_case_and_the_defaults_and_edges_keep_them()
    {
        var broken = Bad.Values.Select(o => ModelSelectionRules.Rules.Single(r => r.Problem(o) is not null)).ToHashSet();
        Assert.Equal(ModelSelectionRules.Rules.Count, broken.Count);
        Assert.Equal(3, ModelSelectionRules.Rules.Count);
        ModelSelectionRules.Check(O);
        ModelSelectionRules.Check(O with { HiddenLayers = [4, 4], Optimizer = "gd", Standardize = false });
        Assert.All(ModelSelectionRules.Rules, r => Assert.Same(OptionCatalog.Of(OptionCatalog.PropertyOf(r.Path)!), r.Path));
    }

    [Fact]
    public void The_CLI_refuses_them_in_one_line_naming_the_option()
    {
        using var names = SettingNames.Use(OptionNames.Instance);
        Assert.Equal("--optimizer: cv and search train with a mini-batch optimiser, not the full-batch solver lbfgs",
            Assert.Throws<BackpropException>(() => ModelSelectionRules.Check(Bad["Optimizer"])).Message);
        using var folder = new TempFolder();
        string data = folder.Write("d.csv", "a,b,y\n1,2,3\n2,3,4\n3,4,5\n4,5,6\n");
        var cv = CliRunner.Run("cv", "--data", data, "--target", "y", "--folds", "2", "--standardize", "a,b");
        CliRunner.AssertUserError(cv, "--standardize: cv and search standardise every numeric column or none, not the columns a,b");
    }
}
