namespace Backprop.Diagnostics;

/// <summary>A network and settings that cannot be trained as asked (e.g. through a step layer, or a loss that does not fit the output
/// layer).</summary>
public sealed class TrainingException(string problem) : BackpropException(problem);
