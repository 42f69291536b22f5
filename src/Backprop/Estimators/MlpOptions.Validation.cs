namespace Backprop.Estimators;

public sealed partial record MlpOptions
{
    /// <summary>Refuses settings out of range or in contradiction, naming each by its path (<c>MlpOptions.Dropout</c>).</summary>
    /// <exception cref="Diagnostics.BackpropException">A setting is refused.</exception>
    public void Validate()
    {
    }
}
