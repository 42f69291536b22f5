using System.Text;
using Backprop.Cli;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Estimators.Preparation;
using Backprop.Explain;
using Backprop.Losses;
using Backprop.ModelSelection;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Data;
using Backprop.Training;
using Backprop.Training.Weights;

namespace Backprop.Tests.Diagnostics;

/// <summary>
/// A sweep of the library's entry points, each given a bad setting the way a C# caller would: every refusal names the
/// setting by its C# name — no <c>--option</c> in it — and names it through <see cref="Setting"/>, so that the same
/// call made while the CLI's names are installed names the CLI's option instead.
/// </summary>
public sealed class LibraryMessageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private readonly Dictionary<string, (Action Call, string Named)> _calls;

    private static readonly MlpOptions Quick = new() { HiddenLayers = [2], Epochs = 1 };

    private static CsvTable Table(string text, string name = "t.csv") => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    private static readonly CsvTable Labels = Table("x,y\n1,a\n2,b\n3,a\n4,b\n");

    private static readonly CsvTable Numbers = Table("x,y\n1,0.5\n2,1.5\n3,2.5\n4,3.5\n");

    private static readonly PreprocessingOptions ToY = new() { Targets = ["y"] };

    private string Mat()
    {
        string path = _folder.File("xy.mat");
        File.WriteAllBytes(path, MatWriter.File([new MatWriter.Variable("X", 2, 1, [1, 2]), new MatWriter.Variable("y", 2, 1, [0, 1])]));
        return path;
    }

    /// <summary>The entry points, each with a bad setting, and the C# name its refusal gives.</summary>
    public LibraryMessageTests() => _calls = new()
    {
        ["MlpClassifier.Fit, ValidationFraction"] =
            (() => new MlpClassifier(Quick with { ValidationFraction = 1.5 }).Fit(Labels, "y"), "MlpOptions.ValidationFraction"),
        ["MlpRegressor.Fit, Stratify"] = (() => new MlpRegressor(Quick with { Stratify = true }).Fit(Numbers, "y"), "MlpOptions.Stratify"),
        ["MlpClassifier.Fit, ClassWeight"] =
            (() => new MlpClassifier(Quick with { ClassWeight = ClassWeighting.Of(new Dictionary<string, double> { ["z"] = 1 }) }).Fit(Labels, "y"),
                "MlpOptions.ClassWeight"),
        ["MlpClassifier.Fit, SampleWeightColumn"] =
            (() => new MlpClassifier(Quick with { SampleWeightColumn = "w" }).Fit(Table("x,w,y\n1,1,a\n2,-1,b\n"), "y"),
                "MlpOptions.SampleWeightColumn"),
        ["ClassWeighting.Resolve, Balanced"] =
            (() => ClassWeighting.Balanced.Resolve(["a", "b"], new Matrix<double>(1, 1, [1])), "MlpOptions.ClassWeight"),
        ["CsvReadOptions.Validate, Delimiter"] = (() => new CsvReadOptions { Delimiter = ' ' }.Validate(), "CsvReadOptions.Delimiter"),
        ["CsvReadOptions.Validate, DecimalSeparator"] =
            (() => new CsvReadOptions { DecimalSeparator = ';' }.Validate(), "CsvReadOptions.DecimalSeparator"),
        ["CsvReadOptions.Validate, MaxCategories"] = (() => new CsvReadOptions { MaxCategories = 0 }.Validate(), "CsvReadOptions.MaxCategories"),
        ["CsvTable.Read, a decimal comma"] = (() => Table("a;b\n1,5;2\n"), "CsvReadOptions.DecimalSeparator"),
        ["Preprocessor.Fit, quoted decimal commas"] =
            (() => Preprocessor.Fit(Table("x,y\n\"1,5\",1\n\"2,5\",2\n"), ToY, [0, 1]), "CsvReadOptions.DecimalSeparator"),
        ["TableSplit.Of"] = (() => TableSplit.Of(4, 0.9, shuffle: false, seed: 1), "validationSplit"),
        ["TableSplit.Stratified"] = (() => TableSplit.Stratified(Numbers, ToY, 0.5, shuffle: false, seed: 1), "MlpOptions.Stratify"),
        ["TableSplit.Of, Missing"] = (() => TableSplit.Of(Table("c,y\nNA,0\n,1\n"), ToY with { Missing = MissingValues.Drop }, 0, false, 1),
            "PreprocessingOptions.Missing"),
        ["Preprocessor.Fit, Classes"] = (() => Preprocessor.Fit(Labels, ToY with { Classes = ["a", "a"] }, [0, 1, 2, 3]),
            "PreprocessingOptions.Classes"),
        ["Preprocessor.EncodeFeatures, a missing value"] =
            (() => Preprocessor.Fit(Numbers, ToY, [0]).EncodeFeatures(Table("x,y\nNA,1\n")), "PreprocessingOptions.Missing"),
        ["SampleWeightColumn.Read"] = (() => SampleWeightColumn.Read(Table("w\n-2\n"), "w"), "MlpOptions.SampleWeightColumn"),
        ["PreparedData.Load, ValidationSplit"] =
            (() => PreparedData.Load<double>("none.csv", new PreparationOptions { Preprocessing = ToY, ValidationSplit = 2 }),
                "MlpOptions.ValidationFraction"),
        ["PreparedData.Load, WeightColumn"] =
            (() => PreparedData.Load<float>("x.mat", new PreparationOptions { Preprocessing = ToY, WeightColumn = "w" }),
                "MlpOptions.SampleWeightColumn"),
        ["ArrayData.Load, XName"] = (() => ArrayData.Load(Mat(), "inputs"), "MlpOptions.MatInputs"),
        ["RowStorage.For"] = (() => RowStorage.For(1 << 20, "m.json", _folder.File("absent"), keep: false), "folder"),
        ["MemoryBudget.Parse"] = (() => MemoryBudget.Parse("much"), "MemoryBudget.Parse(text)"),
        ["KFold.Split"] = (() => KFold.Split(3, 4, 1), "folds"),
        ["CrossValidation.Run, stratify"] = (() => CrossValidation.Run(() => new MlpRegressor(Quick), Numbers, "y", 2, stratify: true), "stratify"),
        ["SearchSpace.Grid"] = (() => SearchSpace.Grid("epochs=0"), "grid"),
        ["SearchSpace.Random"] = (() => SearchSpace.Random("lr=0.1", -1, 1), "count"),
        ["ParameterSearch.Run"] = (() =>
            ParameterSearch.Run(o => new MlpClassifier(o), Quick, SearchSpace.Grid("lr=0.1"), Labels, "y", new SearchSettings()),
                "SearchSettings.Folds"),
        ["TargetCheck.EnsureProbabilities"] =
            (() => TargetCheck.EnsureProbabilities(new MatrixRows<double>(new Matrix<double>(1, 1, [1]), new Matrix<double>(1, 1, [2])), ["y"], null),
                "PreprocessingOptions.ClassifyNumericTarget"),
        ["Explainer.Explain, Steps"] = (() =>
            Explainer.Explain(Backprop.Layers.Network<double>.Create(1, [new(1, "sigmoid")], 1), new Matrix<double>(1, 1), new Matrix<double>(1, 1),
            new ExplainOptions { Objective = new Objective(new SquaredError()), LearningRate = 0.5, Steps = 0 }), "ExplainOptions.Steps"),
    };

    public static TheoryData<string> EntryPoints
    {
        get
        {
            using var sweep = new LibraryMessageTests();
            return new(sweep._calls.Keys);
        }
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void A_refusal_names_the_CSharp_setting_and_no_CLI_option(string entryPoint)
    {
        var (call, named) = _calls[entryPoint];
        string message = Assert.ThrowsAny<BackpropException>(call).Message;
        Assert.DoesNotContain("--", message);
        Assert.Contains(named, message);
        // The same mistake while the CLI runs a command names its option: the message names the setting through Setting.
        using (SettingNames.Use(OptionNames.Instance))
        {
            string cli = Assert.ThrowsAny<BackpropException>(call).Message;
            Assert.Contains("--", cli);
            Assert.NotEqual(message, cli);
        }
    }
}
