using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Backprop.MLNet.Scoring;

/// <summary>What the network's mapping reads: the features and the stored model's text.</summary>
internal sealed class MlpInput
{
    /// <summary>The row's features.</summary>
    [ColumnName(ScoringColumns.Features), VectorType]
    public float[] Features { get; set; } = [];

    /// <summary>The stored model (the same text on every row; it is parsed once).</summary>
    [ColumnName(ScoringColumns.Model)]
    public ReadOnlyMemory<char> Model { get; set; }
}

/// <summary>What the network's mapping writes: a regressor's value, or a classifier's slot and its scores in blocks.</summary>
internal sealed class MlpOutput
{
    /// <summary>The regressor's prediction.</summary>
    [ColumnName(ScoringColumns.Value)]
    public float Value { get; set; }

    /// <summary>The classifier's predicted slot (0-based).</summary>
    [ColumnName(ScoringColumns.Slot)]
    public uint Slot { get; set; }

#pragma warning disable CS1591 // the score blocks (see ScoringColumns): 1, 2, 4, … scores
    [ColumnName("Backprop.Score1"), VectorType(1)] public float[] Score1 = [];
    [ColumnName("Backprop.Score2"), VectorType(2)] public float[] Score2 = [];
    [ColumnName("Backprop.Score4"), VectorType(4)] public float[] Score4 = [];
    [ColumnName("Backprop.Score8"), VectorType(8)] public float[] Score8 = [];
    [ColumnName("Backprop.Score16"), VectorType(16)] public float[] Score16 = [];
    [ColumnName("Backprop.Score32"), VectorType(32)] public float[] Score32 = [];
    [ColumnName("Backprop.Score64"), VectorType(64)] public float[] Score64 = [];
    [ColumnName("Backprop.Score128"), VectorType(128)] public float[] Score128 = [];
    [ColumnName("Backprop.Score256"), VectorType(256)] public float[] Score256 = [];
    [ColumnName("Backprop.Score512"), VectorType(512)] public float[] Score512 = [];
    [ColumnName("Backprop.Score1024"), VectorType(1024)] public float[] Score1024 = [];
    [ColumnName("Backprop.Score2048"), VectorType(2048)] public float[] Score2048 = [];
    [ColumnName("Backprop.Score4096"), VectorType(4096)] public float[] Score4096 = [];
    [ColumnName("Backprop.Score8192"), VectorType(8192)] public float[] Score8192 = [];
    [ColumnName("Backprop.Score16384"), VectorType(16384)] public float[] Score16384 = [];
    [ColumnName("Backprop.Score32768"), VectorType(32768)] public float[] Score32768 = [];
#pragma warning restore CS1591

    /// <summary>Block <paramref name="b"/> (2^b scores), allocated at its size the first time.</summary>
    internal float[] Block(int b) => b switch
    {
        0 => Sized(ref Score1, 1),
        1 => Sized(ref Score2, 2),
        2 => Sized(ref Score4, 4),
        3 => Sized(ref Score8, 8),
        4 => Sized(ref Score16, 16),
        5 => Sized(ref Score32, 32),
        6 => Sized(ref Score64, 64),
        7 => Sized(ref Score128, 128),
        8 => Sized(ref Score256, 256),
        9 => Sized(ref Score512, 512),
        10 => Sized(ref Score1024, 1024),
        11 => Sized(ref Score2048, 2048),
        12 => Sized(ref Score4096, 4096),
        13 => Sized(ref Score8192, 8192),
        14 => Sized(ref Score16384, 16384),
        _ => Sized(ref Score32768, 32768),
    };

    private static float[] Sized(ref float[] block, int size) => block.Length == size ? block : block = new float[size];
}

/// <summary>
/// ML.NET's custom mapping that runs the network: it reads the model from its input column (where the pipeline's
/// ValueMapping put it, from the saved zip), so the factory holds no state and ML.NET can make it by its contract
/// name when it loads a saved pipeline. The model text is parsed once and kept while the rows bring the same text.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class MlpMapping : CustomMappingFactory<MlpInput, MlpOutput>
{
    /// <summary>The name ML.NET saves with the pipeline and looks the mapping up by.</summary>
    public const string ContractName = "Backprop.MLNet.Mlp";

    /// <inheritdoc />
    public override Action<MlpInput, MlpOutput> GetMapping()
    {
        var cache = new ModelCache();
        return (input, output) =>
        {
            var model = cache.Get(input.Model);
            if (!model.Classifies)
            {
                output.Value = (float)model.Predict(input.Features);
                return;
            }
            int classes = model.Slots.Count;
            Span<float> scores = classes <= 256 ? stackalloc float[classes] : new float[classes];
            output.Slot = (uint)model.Score(input.Features, scores);
            int offset = 0;
            foreach (int b in ScoringColumns.BlocksOf(classes))
            {
                scores.Slice(offset, 1 << b).CopyTo(output.Block(b));
                offset += 1 << b;
            }
        };
    }
}
