using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Training;
using Backprop.Training.Gradients;

namespace Backprop.Cli.Commands;

/// <summary>
/// train's line per epoch when the output is not a terminal (Keras's verbose 2): loss, RMSE, the held-out figures, a
/// warning when the loss rose since the last line, and with <c>--diagnostics</c> each layer's gradient and weight norms.
/// </summary>
internal sealed class EpochPrinter(TextWriter output, bool enabled)
{
    private double? _lastPrinted;

    /// <summary>Prints <paramref name="record"/>'s line (nothing when printing is off).</summary>
    public void Print(EpochRecord record)
    {
        // The line's formatting is a method of its own, so that a run that prints nothing never compiles it on its clock.
        if (enabled) Write(record);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Write(EpochRecord record)
    {
        string rising = _lastPrinted is double before && record.Loss > before ? "  WARNING - Loss Increasing" : "";
        _lastPrinted = record.Loss;
        string held = record.Validation is { } h ? $"  val loss {TrainCommand.Fmt(h.Loss),-14}"
            + (h.Accuracy is double a ? $"  val accuracy {a:F4}" : $"  val rmse {TrainCommand.Fmt(h.Rmse)}") : "";
        output.WriteLine($"epoch {record.Epoch,6}  loss {TrainCommand.Fmt(record.Loss),-22}  rmse {TrainCommand.Fmt(record.Rmse)}{held}{rising}");
        if (record.Layers is null) return;
        foreach (var layer in record.Layers)
        {
            string dead = layer.DeadFraction is double d ? $"  dead relu units {d:P0}" : "";
            output.WriteLine($"    layer {layer.Layer + 1}  gradient norm {Sci(layer.GradientNorm)}  weight norm {Sci(layer.WeightNorm)}{dead}");
        }
        foreach (var warning in GradientHealth.Warnings(record)) output.WriteLine($"    WARNING {warning}");
    }

    private static string Sci(double v) => v.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
