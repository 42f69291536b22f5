using Backprop.Runs;
using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>The <see cref="MlpOptions"/> a model file records.</summary>
internal static class SavedOptions
{
    /// <summary>
    /// The options <paramref name="model"/> was trained with: its options section, or for a file written before it (or a
    /// document without it) the options rebuilt from its layers, preprocessing and training section (<c>OptionsMigration</c>).
    /// </summary>
    public static MlpOptions Of(ModelDocument model) => model.Options ?? OptionsMigration.Of(model).Options;
}
