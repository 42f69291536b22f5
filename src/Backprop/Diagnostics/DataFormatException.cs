namespace Backprop.Diagnostics;

/// <summary>A data file that cannot be used: missing, empty, ragged, non-numeric, NaN, or of the wrong shape.</summary>
public sealed class DataFormatException(string problem, string? file, string? location = null, Exception? inner = null)
    : BackpropException(problem, file, location, inner);
