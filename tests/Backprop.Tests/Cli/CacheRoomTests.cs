using System.Text;
using Backprop.Data.Cache;

namespace Backprop.Tests.Cli;

/// <summary>
/// A row cache that would take more than 90% of the free space of its folder's file system is refused before it exists,
/// in one line saying how much it would take and how much is free. The free space is faked (<see cref="CacheSpace.FreeOverride"/>,
/// for this test's flow only), so the refusal is checked at its edge and the 27 GB case without a 27 GB disk.
/// </summary>
public sealed class CacheRoomTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public CacheRoomTests() => CacheSpace.FreeOverride = null;

    public void Dispose()
    {
        CacheSpace.FreeOverride = null;
        _folder.Dispose();
    }

    /// <summary>1,000 rows of twelve one-letter text columns and a target: 313 values a row, 2,504,064 bytes of cache in double.</summary>
    private string Wide()
    {
        var rng = new Backprop.Initialization.Rng(5, 1);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, 12).Select(i => $"c{i}")) + ",y\n");
        for (int r = 0; r < 1_000; r++)
        {
            // Every letter in every column within the first 26 rows, so each column has all 26 categories.
            for (int c = 0; c < 12; c++) csv.Append((char)('a' + (r < 26 ? r : rng.NextInt(26)))).Append(',');
            csv.Append(r % 5).Append('\n');
        }
        return _folder.Write("wide.csv", csv.ToString());
    }

    private string[] Train(string data) =>
        ["train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--memory-budget", "1K",
            "--out", _folder.File("m.json")];

    private string[] Left() =>
        [.. Directory.GetFiles(_folder.Path, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(Path.GetFileName).Order()!];

    [Fact]
    public void A_cache_over_ninety_percent_of_the_free_space_is_refused_before_it_exists_and_one_just_under_is_written()
    {
        string data = Wide();
        // 64 + 1,000 × 313 × 8 = 2,504,064 bytes; 90% of 2,782,294 is 2,504,064.6 (room), of 2,782,293 is 2,504,063.7 (none).
        CacheSpace.FreeOverride = _ => 2_782_293;
        var refused = CliRunner.Run(Train(data));
        CliRunner.AssertUserError(refused, _folder.File("m.json."),
            ".rows: cannot write the row cache: it would take 2.4 MB (2,504,064 bytes, 313 values a row) "
            + "but its file system has 2.7 MB free, and a cache may take at most 90% of it: give --cache-dir a folder with room, "
            + "or encode fewer inputs (lower --max-categories, or leave wide text columns out of the features)");
        Assert.Equal(["wide.csv"], Left());

        CacheSpace.FreeOverride = _ => 2_782_294;
        var written = CliRunner.Run(Train(data));
        Assert.True(written.ExitCode == 0, written.Error);
        Assert.Equal(["m.json", "wide.csv"], Left());
    }

    [Fact]
    public void A_text_column_of_sixty_thousand_ids_under_max_categories_100000_is_refused_saying_it_would_take_27_gb()
    {
        // 60,000 rows, each with its own id: one-hot, 60,000 inputs and the target, 60,001 doubles a row:
        // 64 + 60,000 × 60,001 × 8 = 28,800,480,064 bytes = 26.8 GiB, against 10 GiB free.
        var csv = new StringBuilder("id,y\n");
        for (int r = 0; r < 60_000; r++) csv.Append("u").Append(r).Append(',').Append(r % 3).Append('\n');
        string data = _folder.Write("ids.csv", csv.ToString());
        CacheSpace.FreeOverride = _ => 10L << 30;
        var r2 = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--max-categories", "100000",
            "--memory-budget", "1G", "--out", _folder.File("m.json"));
        CliRunner.AssertUserError(r2,
            "cannot write the row cache: it would take 26.8 GB (28,800,480,064 bytes, 60,001 values a row) but its file system has 10.0 GB free",
            "--max-categories");
        Assert.Equal(["ids.csv"], Left());
    }
}
