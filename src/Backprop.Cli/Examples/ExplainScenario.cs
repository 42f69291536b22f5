using Backprop.Explain;
using Backprop.Layers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>A worked example as <c>backprop explain NAME</c> shows it: the network, the sample, the settings, and the document's figures.</summary>
internal sealed record ExplainScenario(string Title, Network<double> Network, Matrix<double> Inputs, Matrix<double> Targets,
    Objective Objective, double LearningRate, IReadOnlyDictionary<string, DocumentNote> Document)
{
    /// <summary>Names of the inputs (a table's columns), drawn beside the input units.</summary>
    public IReadOnlyList<string>? InputNames { get; init; }

    /// <summary>What the targets are when the model trained on them transformed (standardised), shown after the error.</summary>
    public string? TargetRemark { get; init; }

    /// <summary>The document's mistakes in its text and code, shown beside the equations they concern (see <see cref="Erratum"/>).</summary>
    public IReadOnlyList<Erratum> Errata { get; init; } = [];

    /// <summary>The options a model file's network was trained with (its optimiser and settings); null for a worked example.</summary>
    public Runs.MlpOptions? Trained { get; init; }
}

/// <summary>An example that <c>backprop explain</c> can walk through.</summary>
internal interface IExplainable
{
    ExplainScenario Scenario { get; }
}
