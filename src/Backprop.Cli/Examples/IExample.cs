namespace Backprop.Cli.Examples;

/// <summary>A system from one of the seed documents, runnable by name.</summary>
internal interface IExample
{
    /// <summary>The name given to <c>backprop examples run</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what it is and where it comes from.</summary>
    string Title { get; }

    /// <summary>Runs the example, printing its numbers; returns the exit code.</summary>
    int Run(TextWriter output);
}

/// <summary>An example that trains a network, which <c>examples run NAME --out FILE</c> saves as a model file.</summary>
internal interface IModelExample : IExample
{
    /// <summary>Runs the example as <see cref="IExample.Run"/> does and hands the trained model to <paramref name="keep"/>.</summary>
    int Run(TextWriter output, Action<Serialization.ModelDocument> keep);
}

/// <summary>An example that can also draw its document's pictures.</summary>
internal interface IPicturedExample : IExample
{
    /// <summary>Runs the example and, when <paramref name="plots"/> is a folder, writes its pictures there.</summary>
    int Run(TextWriter output, string? plots);
}
