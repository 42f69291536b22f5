using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>
/// The library's public boundary: a null argument is an <see cref="ArgumentNullException"/> and a row outside the table an
/// <see cref="ArgumentOutOfRangeException"/>, each naming its parameter (not a raw IndexOutOfRange or NullReference, nor a
/// value read from a buffer's spare capacity past the last row); a statistic that overflows and a model the reader would
/// refuse are <see cref="BackpropException"/>s where they arise.
/// </summary>
public class BoundaryArgumentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Quick = new() { HiddenLayers = [2], Epochs = 1 };

    private static CsvTable Table(string text) => CsvTable.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "t.csv");

    private static readonly CsvTable Numbers = Table("x,y\n1,2\n3,4\n5,6\n7,8\n");

    private static readonly CsvTable Labels = Table("x,y\n1,a\n3,b\n5,a\n7,b\n");

    private static void Null(string parameter, Action call) => Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(call).ParamName);

    private static void OutOfRange(string parameter, Action call) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(call).ParamName);

    [Fact]
    public void Fit_with_a_null_table_target_or_array_names_the_parameter()
    {
        Null("table", () => new MlpRegressor(Quick).Fit((CsvTable)null!, "y"));
        Null("target", () => new MlpRegressor(Quick).Fit(Numbers, null!));
        Null("path", () => new MlpRegressor(Quick).Fit((string)null!, "y"));
        Null("features", () => new MlpRegressor(Quick).Fit((double[,])null!, [1.0]));
        Null("target", () => new MlpRegressor(Quick).Fit(new double[1, 1], null!));
        Null("labels", () => new MlpClassifier(Quick).Fit(new double[1, 1], (IReadOnlyList<string>)null!));
    }

    [Theory]
    [InlineData(4)]   // one past the last row: inside the column's spare chunk capacity, which used to be read as 0
    [InlineData(-1)]
    [InlineData(1000000)]
    public void Rows_outside_the_table_are_refused_naming_rows(int row)
    {
        OutOfRange("rows", () => new MlpRegressor(Quick).Fit(Numbers, "y", [0, 1, row]));
        var fitted = new MlpRegressor(Quick).Fit(Numbers, "y");
        var regressor = (MlpRegressor)fitted;
        OutOfRange("rows", () => regressor.Predict(Numbers, [row]));
        OutOfRange("rows", () => regressor.Score(Numbers, [0, row]));
        OutOfRange("rows", () => regressor.Preprocessor!.EncodeTargets(Numbers, [row]));
        var classifier = (MlpClassifier)new MlpClassifier(Quick).Fit(Labels, "y");
        OutOfRange("rows", () => classifier.Predict(Labels, [row]));
        OutOfRange("rows", () => classifier.PredictProbabilities(Labels, [row]));
        OutOfRange("rows", () => classifier.Score(Labels, [row]));
        OutOfRange("row", () => Numbers.Line(row));
    }

    [Fact]
    public void Predict_and_score_with_null_arguments_name_the_parameter()
    {
        var regressor = (MlpRegressor)new MlpRegressor(Quick).Fit(Numbers, "y");
        Null("table", () => regressor.Predict((CsvTable)null!));
        Null("table", () => regressor.Score((CsvTable)null!));
        Null("features", () => regressor.Predict((double[,])null!));
        Null("target", () => regressor.Score(new double[1, 1], null!));
        Null("row", () => regressor.Predict((IReadOnlyList<double>)null!));
    }

    [Fact]
    public void Table_split_checks_its_arguments()
    {
        OutOfRange("rows", () => TableSplit.Of(-1, 0.2, shuffle: false, seed: 1));
        Null("table", () => TableSplit.Of(null!, new PreprocessingOptions { Targets = ["y"] }, 0.2, false, 1));
        Null("labels", () => TableSplit.Stratified(null!, 0.2, false, 1));
        OutOfRange("Train", () => new TableSplit([0, 9], [1]).UnseenInTraining(Labels, "y"));
        OutOfRange("trainingRows", () => Preprocessor.Fit(Numbers, new PreprocessingOptions { Targets = ["y"] }, [0, 4]));
    }

    [Fact]
    public void A_standard_deviation_that_overflows_is_refused_by_the_estimator_naming_the_column()
    {
        var table = Table("x,y\n1e308,1\n1.5e308,2\n1,3\n");
        var e = Assert.Throws<DataFormatException>(() => new MlpRegressor(Quick with { Standardize = true }).Fit(table, "y"));
        Assert.Equal("t.csv: column 'x' has values near 1.5E+308: its standard deviation overflows; rescale it", e.Message);
    }

    [Fact]
    public void Saving_a_model_the_reader_would_refuse_writes_nothing()
    {
        var regressor = (MlpRegressor)new MlpRegressor(Quick with { Standardize = true }).Fit(Numbers, "y");
        var bad = regressor.Model! with
        {
            Preprocessing = regressor.Preprocessor! with { Inputs = [new NumericColumn("x", 4, 1e-320)] },
        };
        string path = _folder.Write("m.json", "previous model");
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Save(path, bad));
        Assert.Equal($"{path}: cannot save the model: preprocessing.inputs[0].scale must be a normal positive number " +
            "(at least 2.2250738585072014E-308), " +
            "not 1E-320 (every command that reads it would refuse it)", e.Message);
        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder.Path));

        // A scale that is not finite: JSON cannot hold it; refused naming the field, not an ArgumentException.
        var infinite = bad with { Preprocessing = bad.Preprocessing! with { Inputs = [new NumericColumn("x", 4, double.PositiveInfinity)] } };
        var f = Assert.Throws<ModelFormatException>(() => ModelFile.ToJson(infinite));
        Assert.Equal("cannot save the model: JSON has no representation for Infinity (field \"scale\")", f.Message);
    }

    [Fact]
    public void Saving_a_model_that_reads_a_column_twice_is_refused()
    {
        var regressor = (MlpRegressor)new MlpRegressor(Quick).Fit(Table("a,b,y\n1,2,3\n4,5,6\n"), "y");
        var twice = regressor.Model! with
        {
            Preprocessing = regressor.Preprocessor! with { Inputs = [new NumericColumn("a"), new NumericColumn("a")] },
        };
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.ToJson(twice));
        Assert.Contains("preprocessing.inputs[1].column reads column 'a' a second time", e.Message);
    }
}
