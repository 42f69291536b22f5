namespace Backprop.MLNet.Scoring;

/// <summary>
/// The names of the columns the scoring chain adds on its way and drops at the end, and the score blocks:
/// the multiclass scores leave the network's mapping in blocks of 1, 2, 4, … values, each a vector of known size,
/// and ML.NET's Concatenate joins the blocks that add up to the number of classes into one <c>Score</c> vector of
/// known size (which ML.NET's evaluator needs, and a mapping's output type cannot vary from model to model).
/// </summary>
internal static class ScoringColumns
{
    /// <summary>The features, copied from the trainer's features column.</summary>
    public const string Features = "Backprop.Features";

    /// <summary>A constant that looks up <see cref="Model"/>.</summary>
    public const string ModelKey = "Backprop.ModelKey";

    /// <summary>The stored model's text (<see cref="StoredModel"/>).</summary>
    public const string Model = "Backprop.Model";

    /// <summary>A regressor's prediction.</summary>
    public const string Value = "Backprop.Value";

    /// <summary>A classifier's predicted slot, 0-based.</summary>
    public const string Slot = "Backprop.Slot";

    /// <summary>A binary classifier's log-odds of true.</summary>
    public const string BinaryScore = "Backprop.BinaryScore";

    /// <summary>A binary classifier's probability of true.</summary>
    public const string Probability = "Backprop.Probability";

    /// <summary>A binary classifier's predicted label.</summary>
    public const string Predicted = "Backprop.Predicted";

    /// <summary>Every column the binary chain adds and drops.</summary>
    public static string[] Binary => [Features, ModelKey, Model, BinaryScore, Probability, Predicted];

    /// <summary>Blocks 0 … Blocks − 1 hold 1, 2, 4, … scores: up to 2^Blocks − 1 classes.</summary>
    public const int Blocks = 16;

    /// <summary>The largest number of classes.</summary>
    public const int MaxClasses = (1 << Blocks) - 1;

    /// <summary>The column of block <paramref name="b"/> (2^b scores).</summary>
    public static string Block(int b) => $"Backprop.Score{1 << b}";

    /// <summary>The blocks that hold <paramref name="classes"/> scores, smallest first: the one bits of the count.</summary>
    public static IEnumerable<int> BlocksOf(int classes) => Enumerable.Range(0, Blocks).Where(b => (classes >> b & 1) != 0);

    /// <summary>Every column the chain adds and drops.</summary>
    public static string[] All => [Features, ModelKey, Model, Value, Slot, .. Enumerable.Range(0, Blocks).Select(Block)];
}
