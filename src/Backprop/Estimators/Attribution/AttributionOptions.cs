namespace Backprop.Estimators.Attribution;

/// <summary>How <see cref="Model.Attribute"/> and <see cref="Model.Importance"/> measure each column's contribution.</summary>
public sealed record AttributionOptions
{
    /// <summary>The steps integrated gradients take when none are given.</summary>
    public const int DefaultSteps = 50;

    /// <summary>The most steps (or repeats) accepted.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>The measure (default: integrated gradients).</summary>
    public AttributionMethod Method { get; init; } = AttributionMethod.IntegratedGradients;

    /// <summary>The reference row (default: the data's mean).</summary>
    public AttributionBaseline Baseline { get; init; } = AttributionBaseline.Mean;

    /// <summary>The steps K of integrated gradients' integral (default 50); 1 to <see cref="MaxSteps"/>.</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>The rule of integrated gradients' integral (default the trapezoid rule).</summary>
    public IntegrationRule Rule { get; init; } = IntegrationRule.Trapezoid;

    /// <summary>How many times permutation importance shuffles each column (default 5); 1 to <see cref="MaxSteps"/>.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>The seed of permutation importance's shuffles (default 0): the same seed, the same numbers.</summary>
    public ulong Seed { get; init; }

    internal void Check()
    {
        if (!Enum.IsDefined(Method)) throw new ArgumentOutOfRangeException(nameof(Method), Method, "Not an attribution method.");
        if (!Enum.IsDefined(Baseline)) throw new ArgumentOutOfRangeException(nameof(Baseline), Baseline, "Not a baseline.");
        if (!Enum.IsDefined(Rule)) throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Not an integration rule.");
        if (Steps is < 1 or > MaxSteps) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Steps must be from 1 to {MaxSteps:N0}.");
        if (Repeats is < 1 or > MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, $"Repeats must be from 1 to {MaxSteps:N0}.");
    }
}
