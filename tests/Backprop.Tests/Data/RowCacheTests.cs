using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Data.Cache;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Training;

namespace Backprop.Tests.Data;

/// <summary>A table read in blocks into a memory-mapped row cache: the same preprocessing, rows and weights as in memory.</summary>
[Collection(ThreadCountCollection.Name)]
public class RowCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// 300 rows: a number, a number with gaps (every 17th row missing), a column of codes that is numeric for its first
    /// 40 rows and text afterwards (text overall, so one-hot), and a class of three values.
    /// </summary>
    private string Table()
    {
        var rng = new Backprop.Initialization.Rng(5, 1);
        var csv = new StringBuilder("a,b,kind,y\n");
        for (int r = 0; r < 300; r++)
        {
            double a = Math.Round(rng.NextDouble() * 10 - 3, 3), b = Math.Round(rng.NextDouble() * 100, 2);
            string kind = r < 40 ? (r % 3).ToString(CultureInfo.InvariantCulture) : ((char)('p' + r % 4)).ToString();
            string y = a + b / 40 > 4 ? "high" : a > 0 ? "mid" : "low";
            csv.Append(CultureInfo.InvariantCulture, $"{a},{(r % 17 == 5 ? "NA" : b.ToString(CultureInfo.InvariantCulture))},{kind},{y}\n");
        }
        return _folder.Write("t.csv", csv.ToString());
    }

    private static IReadOnlyList<string> Describe(Preprocessor p) =>
        [.. p.Inputs.Select(c => c switch
        {
            NumericColumn n =>
                $"{n.Name} {BitConverter.DoubleToInt64Bits(n.Mean)} {BitConverter.DoubleToInt64Bits(n.Scale)} " +
                    $"{(n.Fill is double f ? BitConverter.DoubleToInt64Bits(f) : 0)}",
            CategoricalColumn k => $"{k.Name} {string.Join("|", k.Categories)}",
            _ => "?",
        }), string.Join("|", p.Target.Classes ?? p.Target.Columns)];

    [Theory]
    [InlineData(MissingValues.Mean, false, 0.2)]
    [InlineData(MissingValues.Mean, true, 0.25)]
    [InlineData(MissingValues.Drop, true, 0.1)]
    [InlineData(MissingValues.Drop, false, 0)]
    public void A_table_read_in_blocks_gives_the_preprocessing_rows_and_weights_of_the_table_in_memory(MissingValues missing, bool shuffle,
        double split)
    {
        string path = Table();
        var options = new PreprocessingOptions { Targets = ["y"], Standardize = [], Missing = missing };
        var csv = new CsvReadOptions();

        // In memory: the table, its split, the fit on the training rows, the encoded rows.
        var table = CsvTable.Read(path, csv);
        var memorySplit = TableSplit.Of(table, options, split, shuffle, seed: 9);
        var pre = Preprocessor.Fit(table, options, memorySplit.Train);
        var train = pre.Encode<float>(table, memorySplit.Train);

        // In blocks of 7 rows, so that every category, statistic and the column's kind are merged over 43 blocks.
        using var disk = DiskDataset<float>.Create(c => CsvTableReader.Open(path, c), options, csv, split, shuffle, 9, _folder.File("t.rows"),
            blockRows: 7);
        Assert.Equal(Describe(pre), Describe(disk.Preprocessor));
        Assert.Contains(disk.Preprocessor.Inputs, c => c is CategoricalColumn { Name: "kind" });
        Assert.Equal(memorySplit.Train.Length, disk.Train.Count);
        Assert.Equal(memorySplit.Validation.Length, disk.Validation?.Count ?? 0);
        var x = new Matrix<float>(disk.Train.Count, pre.FeatureCount);
        var t = new Matrix<float>(disk.Train.Count, pre.Target.Width);
        disk.Train.Copy(0, disk.Train.Count, x, t);
        Assert.Equal(train.FeaturesAs<float>().Span.ToArray(), x.Span.ToArray());
        Assert.Equal(train.TargetsAs<float>().Span.ToArray(), t.Span.ToArray());

        // Training: the same shuffled batches, so the same bits.
        // A fresh optimiser per run: it keeps state.
        TrainingOptions Options() => new()
        {
            Objective = new Objective(new CrossEntropy()), Optimizer = Optimizer.Create("adam"), LearningRate = 0.01, BatchSize = 16, Epochs = 3,
                Shuffle = true, Seed = 4,
        };
        var a = Network<float>.Create(pre.FeatureCount, [new LayerSpec(6, "tanh"), new LayerSpec(3, "softmax")], seed: 2);
        var b = a.Clone();
        var validation = split > 0 ? MatrixRows<float>.Of(pre.Encode<float>(table, memorySplit.Validation)) : null;
        var inMemory = Trainer.Train(a, MatrixRows<float>.Of(train), Options(), validation: validation);
        var onDisk = Trainer.Train(b, disk.Train, Options(), validation: disk.Validation);
        Assert.Equal(a.Parameters.SelectMany(p => p.Values.ToArray()), b.Parameters.SelectMany(p => p.Values.ToArray()));
        Assert.Equal(inMemory.History.Select(h => h.Validation?.Loss), onDisk.History.Select(h => h.Validation?.Loss));
        Assert.Equal(inMemory.FinalLoss, onDisk.FinalLoss);
    }

    [Fact]
    public void The_cache_file_holds_the_standardised_rows_row_major_after_its_header()
    {
        string path = _folder.Write("s.csv", "a,y\n1,0\n2,1\n4,0\n");
        string cache = _folder.File("s.rows");
        using (var disk = DiskDataset<double>.Create(c => CsvTableReader.Open(path, c),
            new PreprocessingOptions { Targets = ["y"], Standardize = [] },
            new CsvReadOptions(), 0, false, 1, cache))
        {
            disk.KeepCache = true;
            Assert.Equal(3, disk.Cache.Count);
        }
        var bytes = File.ReadAllBytes(cache);
        Assert.Equal(64 + 3 * 2 * 8, bytes.Length);
        Assert.Equal("BPROWS01"u8.ToArray(), bytes[..8]);
        Assert.Equal(8, BitConverter.ToInt32(bytes, 8));
        Assert.Equal(3L, BitConverter.ToInt64(bytes, 16));
        // By hand: mean 7/3, population sd √(42/27); rows (z, y).
        double mean = 7.0 / 3, sd = Math.Sqrt(42.0 / 27);
        double[] expected = [(1 - mean) / sd, 0, (2 - mean) / sd, 1, (4 - mean) / sd, 0];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], BitConverter.ToDouble(bytes, 64 + 8 * i), 14);
        Assert.Equal(-1.0690449676496976, BitConverter.ToDouble(bytes, 64), 14);

        var wrong = Assert.Throws<DataFormatException>(() => RowCache<float>.Open(cache));
        Assert.Contains("holds double values, not float ones", wrong.Message);
        File.WriteAllBytes(cache, bytes[..^8]);
        var damaged = Assert.Throws<DataFormatException>(() => RowCache<double>.Open(cache));
        Assert.Contains("is damaged: its header declares 3 rows of 1 + 1 values", damaged.Message);
    }

    [Fact]
    public void A_training_step_from_the_cache_allocates_nothing()
    {
        var (x, t) = Backprop.Tests.Training.RandomClasses.Make(640, 50, 10, seed: 3);
        string cache = _folder.File("a.rows");
        using (var writer = RowCacheWriter<float>.Create(cache, 640, 50, 10))
        {
            writer.Write(x, t);
            writer.Complete().Dispose();
        }
        using var rows = RowCache<float>.Open(cache);
        var selection = new RowSelection<float>(rows, [.. Enumerable.Range(0, 640).Reverse()]);
        var network = Network<float>.Create(50, [new LayerSpec(32, "relu"), new LayerSpec(10, "softmax")], seed: 3);
        var after = new long[3 * 10];
        int calls = 0;
        Trainer.Train(network, selection, new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy()), Optimizer = Optimizer.Create("adam"), LearningRate = 1e-3, BatchSize = 64, Epochs = 3,
                Shuffle = true,
            OnBatch = (_, _, _) => after[calls++] = GC.GetAllocatedBytesForCurrentThread(),
        });
        Assert.Equal(30, calls);
        for (int epoch = 1; epoch < 3; epoch++)
            for (int b = 1; b < 10; b++)
                Assert.True(after[epoch * 10 + b] == after[epoch * 10 + b - 1],
                    $"epoch {epoch + 1}, batch {b + 1} allocated {after[epoch * 10 + b] - after[epoch * 10 + b - 1]} bytes");
    }

    [SkippableFact]
    public void A_full_disk_while_the_cache_is_written_names_the_file_and_leaves_nothing()
    {
        using var mount = TmpfsMount.TryCreate("size=64k");
        Skip.If(mount is null, "mounting a small tmpfs needs root (mount -t tmpfs)");
        string cache = Path.Combine(mount.Path, "big.rows");
        // Refused before the file exists: 1,680,064 bytes against the 64 KiB free.
        var e = Assert.Throws<BackpropException>(() => RowCacheWriter<double>.Create(cache, 10_000, 20, 1));
        Assert.StartsWith(cache + ": cannot write the row cache: it would take 1.6 MB (1,680,064 bytes, 21 values a row) "
            + "but its file system has 64.0 KB free", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(mount.Path));
        // The free space misread (filled meanwhile): the reservation fails, and no partial file is left either.
        CacheSpace.FreeOverride = _ => 1L << 40;
        try
        {
            e = Assert.Throws<BackpropException>(() => RowCacheWriter<double>.Create(cache, 10_000, 20, 1));
            Assert.StartsWith(cache + ": cannot write the row cache: no space left on the device (the cache needs 1,680,064 bytes", e.Message);
        }
        finally { CacheSpace.FreeOverride = null; }
        Assert.Empty(Directory.GetFileSystemEntries(mount.Path));
    }

    [Theory]
    [InlineData("512M", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("64KiB", 65536)]
    [InlineData("1000000", 1_000_000)]
    public void Memory_budgets_are_read_with_binary_suffixes(string text, long bytes) => Assert.Equal(bytes, MemoryBudget.Parse(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-5M")]
    [InlineData("12X")]
    [InlineData("1.5")]
    [InlineData("lots")]
    public void A_bad_memory_budget_is_refused(string text) =>
        Assert.Equal($"MemoryBudget.Parse(text) must be a size in bytes such as 512M, 2G or 1500000000, not '{text}'",
            Assert.Throws<BackpropException>(() => MemoryBudget.Parse(text)).Message);
}
