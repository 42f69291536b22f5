namespace Backprop.Diagnostics;

/// <summary>The settings of a run that only <c>MlpEstimator.Fit</c> names: its options' paths and its control's.</summary>
public sealed partial class Setting
{
    /// <summary><c>MlpOptions.Initializer</c>.</summary>
    public static readonly Setting Initializer = new("MlpOptions.Initializer");

    /// <summary><c>MlpOptions.ScheduleMinimum</c>, the learning rate the cosine schedule ends at.</summary>
    public static readonly Setting ScheduleMinimum = new("MlpOptions.ScheduleMinimum");

    /// <summary><c>MlpOptions.PlateauFactor</c>.</summary>
    public static readonly Setting PlateauFactor = new("MlpOptions.PlateauFactor");

    /// <summary><c>MlpOptions.PlateauPatience</c>.</summary>
    public static readonly Setting PlateauPatience = new("MlpOptions.PlateauPatience");

    /// <summary><c>MlpOptions.PlateauMinimum</c>.</summary>
    public static readonly Setting PlateauMinimum = new("MlpOptions.PlateauMinimum");

    /// <summary><c>FitControl.StartFrom</c>, the model a run starts from.</summary>
    public static readonly Setting StartFrom = new("FitControl.StartFrom");

    /// <summary><c>FitControl.Resume</c>, the saved run a run continues.</summary>
    public static readonly Setting Resume = new("FitControl.Resume");

    /// <summary><c>FitControl.SavePath</c>, the model file a run writes.</summary>
    public static readonly Setting SavePath = new("FitControl.SavePath");

    /// <summary><c>FitControl.MemoryBudget</c>.</summary>
    public static readonly Setting FitMemoryBudget = MemoryBudget.Named("FitControl.MemoryBudget");
}
