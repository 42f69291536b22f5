using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Backprop.MLNet.Scoring;

/// <summary>What the binary mapping writes: the log-odds of true, the probability of true, and whether it is above one half.</summary>
internal sealed class BinaryOutput
{
    /// <summary>ln(p(true) / p(false)), the margin ML.NET's binary evaluator ranks rows by (AUC).</summary>
    [ColumnName(ScoringColumns.BinaryScore)]
    public float Score { get; set; }

    /// <summary>p(true), the network's softmax output for the true class.</summary>
    [ColumnName(ScoringColumns.Probability)]
    public float Probability { get; set; }

    /// <summary>p(true) &gt; p(false).</summary>
    [ColumnName(ScoringColumns.Predicted)]
    public bool Predicted { get; set; }
}

/// <summary>
/// ML.NET's custom mapping that runs a binary classifier's network, as <see cref="MlpMapping"/> runs the others: the
/// model comes from its input column, so ML.NET can make the mapping by its contract name when it loads a pipeline.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class BinaryMapping : CustomMappingFactory<MlpInput, BinaryOutput>
{
    /// <summary>The name ML.NET saves with the pipeline and looks the mapping up by.</summary>
    public const string ContractName = "Backprop.MLNet.Binary";

    /// <summary>The smallest probability the log-odds are taken of, so that a saturated output gives a finite score (about ±745).</summary>
    private const double Smallest = double.Epsilon;

    /// <inheritdoc />
    public override Action<MlpInput, BinaryOutput> GetMapping()
    {
        var cache = new ModelCache();
        return (input, output) =>
        {
            var p = cache.Get(input.Model).SlotProbabilities(input.Features);
            output.Score = (float)(Math.Log(Math.Max(p[1], Smallest)) - Math.Log(Math.Max(p[0], Smallest)));
            output.Probability = (float)p[1];
            output.Predicted = p[1] > p[0];
        };
    }
}
