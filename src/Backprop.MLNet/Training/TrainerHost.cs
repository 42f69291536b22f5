using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Backprop.MLNet.Training;

/// <summary>
/// A trainer's place in the caller's <see cref="MLContext"/>, as ML.NET's own trainers have it: a host registered with
/// the context (its random numbers follow the context's seed, its channel's messages reach <c>MLContext.Log</c>, and
/// <c>MLContext.CancelExecution</c> marks it cancelled).
/// </summary>
internal sealed class TrainerHost
{
    private static readonly PropertyInfo? CatalogEnvironment = typeof(MLContext).Assembly.GetType("Microsoft.ML.Data.IInternalCatalog")
        ?.GetProperty("Environment");

    private static readonly PropertyInfo? Cancelled = typeof(IHostEnvironment).Assembly.GetType("Microsoft.ML.Runtime.ICancelable")
        ?.GetProperty("IsCanceled");

    private readonly IHost _host;

    public TrainerHost(IHostEnvironment environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _host = environment.Register(name);
    }

    /// <summary>
    /// The environment of <paramref name="catalog"/> (<c>mlContext.Regression.Trainers</c> and the like): ML.NET keeps it
    /// behind an internal interface, read here as ML.NET's own catalog extensions read it.
    /// </summary>
    /// <exception cref="InvalidOperationException">This version of ML.NET keeps it elsewhere.</exception>
    public static IHostEnvironment Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return CatalogEnvironment?.GetValue(catalog) as IHostEnvironment
            ?? throw new InvalidOperationException($"Backprop.MLNet cannot find the MLContext of {catalog.GetType().Name} in this version of " +
                "ML.NET; make the trainer with its constructor (new BackpropMulticlassTrainer(mlContext, …)).");
    }

    /// <summary>The seed of a run: <paramref name="given"/>, or MlpOptions.Seed when set to other than its default, or the next number of the
    /// host's random numbers (from the context's seed).</summary>
    public ulong Seed(MlpOptions options, int? given) =>
        given is { } seed ? unchecked((ulong)seed) : options.Seed != new MlpOptions().Seed ? options.Seed : (ulong)_host.Rand.Next();

    /// <summary>True once <c>MLContext.CancelExecution</c> was called.</summary>
    public bool IsCancelled => Cancelled?.GetValue(_host) is true;

    /// <summary>Throws ML.NET's <see cref="OperationCanceledException"/> when the context was cancelled.</summary>
    public void CheckAlive()
    {
        if (IsCancelled) throw new OperationCanceledException("Operation was canceled.");
    }

    /// <summary>A channel whose messages reach <c>MLContext.Log</c>.</summary>
    public IChannel Start(string name) => _host.Start(name);
}
