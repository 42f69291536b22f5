namespace Backprop.Diagnostics;

/// <summary>A model file that cannot be read: malformed JSON, another format or version, or inconsistent shapes.</summary>
public sealed class ModelFormatException(string problem, string? file, string? location = null, Exception? inner = null)
    : BackpropException(problem, file, location, inner);
