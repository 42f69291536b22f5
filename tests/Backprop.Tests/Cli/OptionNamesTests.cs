using System.CommandLine;
using System.Reflection;
using Backprop.Cli;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Training.Weights;

namespace Backprop.Tests.Cli;

/// <summary>
/// The CLI names the library's settings by its options while a command runs, and only then: the same mistake reads
/// <c>--validation-split 0.95</c> from <c>backprop train</c> and <c>validationSplit = 0.95</c> from C#, even at the
/// same time.
/// </summary>
public sealed class OptionNamesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static IEnumerable<Setting> LibrarySettings() =>
        typeof(Setting).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Setting))
            .Select(f => (Setting)f.GetValue(null)!);

    private static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(Commands).Prepend(command);

    [Fact]
    public void Every_library_setting_has_the_name_of_a_real_option()
    {
        var options = Commands(CliRunner.Parse([]).RootCommandResult.Command).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name))
            .ToHashSet();
        var settings = LibrarySettings().ToList();
        Assert.True(settings.Count >= 40, $"{settings.Count} settings");
        foreach (var setting in settings)
        {
            string name = OptionNames.Instance.Name(setting);
            Assert.NotEqual(setting.Name, name);
            if (setting.Equals(Setting.ClassWeightByClass)) Assert.Equal("CLASS=W,…", name);
            else Assert.True(options.Contains(name), $"{setting.Name} is named {name}, which no command takes");
        }
    }

    [Fact]
    public void Values_are_given_as_they_are_typed()
    {
        Assert.Equal("--missing drop", OptionNames.Instance.Assignment(Setting.Missing, MissingValues.Drop));
        Assert.Equal("--decimal ,", OptionNames.Instance.Assignment(Setting.DecimalSeparator, ','));
        Assert.Equal("--delimiter ';'", OptionNames.Instance.Assignment(Setting.Delimiter, ';'));
        Assert.Equal("--shuffle", OptionNames.Instance.Assignment(Setting.Shuffle, true));
        Assert.Equal("--class-weight balanced", OptionNames.Instance.Assignment(Setting.ClassWeight, ClassWeighting.Balanced));
        Assert.Equal("--validation-split 0.95", OptionNames.Instance.Assignment(Setting.ValidationFraction, 0.95));
        Assert.Equal("--sample K", OptionNames.Instance.Assignment(Setting.ExplainSample, "K"));
    }

    [Fact]
    public void The_same_mistake_names_the_option_in_the_CLI_and_the_setting_in_CSharp_even_at_the_same_time()
    {
        // 10 rows with 95% held out leave (int)(10 · 0.05) = 0 to train on: found by the library's split, not by the CLI's checks.
        string ten = _folder.Write("ten.csv", "x,y\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},{i % 2}\n")));
        string model = _folder.File("m.json");
        var results = new string[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 2 == 0)
            {
                var run = CliRunner.Run("train", "--data", ten, "--target", "y", "--layers", "2", "--epochs", "1", "--validation-split", "0.95",
                    "--out", model);
                CliRunner.AssertUserError(run);
                results[i] = run.Error.Trim();
            }
            else
            {
                var options = new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"] }, ValidationSplit = 0.95 };
                results[i] = Assert.Throws<BackpropException>(() => PreparedData.Load<double>(ten, options)).Message;
            }
        });
        for (int i = 0; i < results.Length; i++)
            Assert.Equal(i % 2 == 0 ? "error: --validation-split 0.95 leaves no rows of the 10 to train on"
                : "validationSplit = 0.95 leaves no rows of the 10 to train on", results[i]);
        Assert.False(File.Exists(model));
        Assert.Same(SettingNames.Library, SettingNames.Current);
    }
}
