using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Backprop.MLNet.Scoring;

/// <summary>The features column the key mapping reads (so that it runs on every row that has features).</summary>
internal sealed class ModelKeyInput
{
    /// <summary>The row's features.</summary>
    [ColumnName(ScoringColumns.Features), VectorType]
    public float[] Features { get; set; } = [];
}

/// <summary>The constant key under which the pipeline's ValueMapping stores the model.</summary>
internal sealed class ModelKeyOutput
{
    /// <summary>Always <see cref="ModelKeyMapping.Key"/>.</summary>
    [ColumnName(ScoringColumns.ModelKey)]
    public uint Key { get; set; }
}

/// <summary>
/// ML.NET's custom mapping that gives each row the key of the stored model; ML.NET finds it by its contract name when
/// it loads a saved pipeline. It holds nothing: the model itself is in the ValueMapping that follows it.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ModelKeyMapping : CustomMappingFactory<ModelKeyInput, ModelKeyOutput>
{
    /// <summary>The name ML.NET saves with the pipeline and looks the mapping up by.</summary>
    public const string ContractName = "Backprop.MLNet.ModelKey";

    /// <summary>The key of the one stored model.</summary>
    public const uint Key = 1;

    /// <inheritdoc />
    public override Action<ModelKeyInput, ModelKeyOutput> GetMapping() => static (_, output) => output.Key = Key;
}
