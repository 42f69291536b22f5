namespace Backprop.Plotting.Rendering;

/// <summary>The colours of all pictures, as #rrggbb, so every picture says the same thing with the same colour.</summary>
internal static class Colours
{
    /// <summary>Actual values and the training curve (seed 000's blue).</summary>
    public const string Actual = "#1f5fbf";
    /// <summary>Predicted values (seed 000's red).</summary>
    public const string Predicted = "#d62728";
    /// <summary>The held-out data's curve.</summary>
    public const string Validation = "#ff7f0e";
    /// <summary>A positive weight (seed 000's green).</summary>
    public const string Positive = "#1b8a2f";
    /// <summary>A negative weight (seed 000's red).</summary>
    public const string Negative = "#d62728";
    /// <summary>A weight of exactly zero.</summary>
    public const string Zero = "#888888";
    /// <summary>A right answer in the digits grid.</summary>
    public const string Right = "#1b8a2f";
    /// <summary>A mistake in the digits grid.</summary>
    public const string Mistake = "#d62728";
    /// <summary>Text.</summary>
    public const string Ink = "#222222";
    /// <summary>Secondary text: captions, notes.</summary>
    public const string Muted = "#555555";

    public static ScottPlot.Color Color(string hex, double alpha = 1) => ScottPlot.Color.FromHex(hex).WithAlpha(alpha);

    public static SkiaSharp.SKColor Skia(string hex, double alpha = 1) =>
        SkiaSharp.SKColor.Parse(hex).WithAlpha((byte)Math.Round(Math.Clamp(alpha, 0, 1) * 255));
}
