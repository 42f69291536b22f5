namespace Backprop.Diagnostics;

/// <summary>
/// A network and settings that cannot be trained as asked (e.g. through a step layer, or a loss that does not fit the
/// output layer), or a run that diverged (<c>Estimators.FitDivergedException</c>, which carries the last good model).
/// </summary>
public class TrainingException(string problem) : BackpropException(problem);
