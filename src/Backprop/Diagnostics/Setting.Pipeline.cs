namespace Backprop.Diagnostics;

/// <summary>The settings of a run that only <c>MlpEstimator.Fit</c> names: its options' paths and its control's.</summary>
public sealed partial class Setting
{
    /// <summary><c>FitControl.StartFrom</c>, the model a run starts from.</summary>
    public static readonly Setting StartFrom = new("FitControl.StartFrom");

    /// <summary><c>FitControl.Resume</c>, the saved run a run continues.</summary>
    public static readonly Setting Resume = new("FitControl.Resume");

    /// <summary><c>FitControl.SavePath</c>, the model file a run writes.</summary>
    public static readonly Setting SavePath = new("FitControl.SavePath");
}
