using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>The library's training-data workflow (what <c>backprop train</c> calls), used from C# directly.</summary>
public class PreparedDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // x = 1..10, a weight w = x/10, class a for odd x and b for even x.
    private string Ten() => _folder.Write("ten.csv", "x,w,y\n"
        + string.Concat(Enumerable.Range(1, 10).Select(x => $"{x},{x / 10.0:0.0},{(x % 2 == 1 ? "a" : "b")}\n")));

    [Fact]
    public void Holds_out_the_last_rows_and_standardises_on_the_training_rows_only()
    {
        var test = _folder.Write("test.csv", "x,w,y\n0,0.5,a\n");
        var data = PreparedData.Load<double>(Ten(), new PreparationOptions
        {
            Preprocessing = new PreprocessingOptions { Targets = ["y"], Standardize = [], Excluded = ["w"] },
            ValidationSplit = 0.2,
            TestPath = test,
            WeightColumn = "w",
        });
        Assert.Equal(8, data.TrainCount);
        Assert.Equal(2, data.ValidationCount);
        Assert.Equal(["x"], data.Preprocessor.FeatureNames);
        Assert.Equal(["a", "b"], data.Preprocessor.Target.Classes!);
        // Training x = 1..8: mean 4.5, population variance (8² − 1)/12 = 5.25. Held-out rows are x = 9 and 10.
        double sd = Math.Sqrt(5.25);
        Assert.Equal((1 - 4.5) / sd, data.Train!.Features[0, 0], 12);
        Assert.Equal((9 - 4.5) / sd, data.Validation!.Features[0, 0], 12);
        Assert.Equal((10 - 4.5) / sd, data.Validation.Features[1, 0], 12);
        Assert.Equal((0 - 4.5) / sd, data.Test!.Features[0, 0], 12);
        // The weight column is not a feature; its values follow the split.
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], data.TrainWeights!);
        Assert.Equal([0.9, 1.0], data.ValidationWeights!);
        Assert.Empty(data.Warnings);
        Assert.Null(data.OnDisk);
    }

    [Fact]
    public void A_shuffled_split_keeps_every_row_once_and_the_same_seed_gives_the_same_split()
    {
        PreparedData Load(ulong seed) => PreparedData.Load<double>(Ten(), new PreparationOptions
        {
            Preprocessing = new PreprocessingOptions { Targets = ["y"], Excluded = ["w"] }, ValidationSplit = 0.3, Shuffle = true, Seed = seed,
        });
        var (one, again) = (Load(7), Load(7));
        Assert.Equal((7, 3), (one.TrainCount, one.ValidationCount));
        var all = Enumerable.Range(0, 7).Select(r => one.Train!.Features[r, 0])
            .Concat(Enumerable.Range(0, 3).Select(r => one.Validation!.Features[r, 0]));
        Assert.Equal(Enumerable.Range(1, 10).Select(x => (double)x), all.Order());
        Assert.Equal(one.Validation!.Features.Data, again.Validation!.Features.Data);
    }

    [Fact]
    public void A_file_sorted_by_class_warns_and_a_split_of_one_is_refused()
    {
        var sorted = _folder.Write("sorted.csv", "x,y\n" + string.Concat(Enumerable.Range(1, 10).Select(x => $"{x},{(x <= 8 ? "a" : "b")}\n")));
        var options = new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"] }, ValidationSplit = 0.2 };
        var data = PreparedData.Load<float>(sorted, options);
        string warning = Assert.Single(data.Warnings);
        Assert.Contains("class 'b' that no training row has", warning);
        Assert.EndsWith("the file looks sorted by 'y'; add MlpOptions.Shuffle = true to shuffle the rows before splitting", warning);
        var refused = Assert.Throws<BackpropException>(() => PreparedData.Load<double>(sorted, options with { ValidationSplit = 1 }));
        Assert.Equal("MlpOptions.ValidationFraction must be at least 0 and less than 1, not 1", refused.Message);
    }
}
