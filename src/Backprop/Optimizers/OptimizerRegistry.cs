using Backprop.Registration;

namespace Backprop.Optimizers;

/// <summary>The settings an optimiser factory may use: those of <c>train --momentum</c> and <c>--weight-decay</c>.</summary>
/// <param name="Momentum">μ of momentum and nesterov.</param>
/// <param name="WeightDecay">λ of adamw's decoupled weight decay.</param>
public sealed record OptimizerSettings(double Momentum = 0.9, double WeightDecay = 0.01);

/// <summary>
/// Mini-batch optimisers by name. The built-ins are registered here as a user's own (a subclass of
/// <see cref="Optimizer"/>) is, with <see cref="Register(string, Func{OptimizerSettings, Optimizer}, string[])"/>: then training
/// records it by name, and a checkpoint of its state resumes with it.
/// </summary>
public static class OptimizerRegistry
{
    private static readonly NamedFactories<OptimizerSettings, Optimizer> Factories = new("optimizer", o => o.Name);

    static OptimizerRegistry()
    {
        Register("gd", _ => new GradientDescent(), "sgd");
        Register("momentum", s => new Momentum(s.Momentum, nesterov: false));
        Register("nesterov", s => new Momentum(s.Momentum, nesterov: true));
        Register("rmsprop", _ => new RmsProp());
        Register("adam", _ => new Adam());
        Register("adamw", s => new Adam(weightDecay: s.WeightDecay));
    }

    /// <summary>Registers an optimiser made from the run's settings; its <see cref="Optimizer.Name"/> must be <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name or an alias is taken, is not one word, or is not the optimiser's own name.</exception>
    public static void Register(string name, Func<OptimizerSettings, Optimizer> make, params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(make);
        Factories.Register(name, make, new OptimizerSettings(), aliases);
    }

    /// <summary>Registers an optimiser that takes no settings.</summary>
    /// <exception cref="ArgumentException">As <see cref="Register(string, Func{OptimizerSettings, Optimizer}, string[])"/>.</exception>
    public static void Register(string name, Func<Optimizer> make, params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(make);
        Register(name, _ => make(), aliases);
    }

    /// <summary>The registered names, built-ins first.</summary>
    public static IReadOnlyList<string> Names => Factories.Names;

    /// <summary>True when <paramref name="name"/> names an optimiser.</summary>
    public static bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.Contains(name);
    }

    /// <summary>A new optimiser called <paramref name="name"/>, made with <paramref name="settings"/> (the defaults when null).</summary>
    /// <exception cref="ArgumentException">No optimiser has that name; the message lists the known ones.</exception>
    public static Optimizer Create(string name, OptimizerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.Create(name, settings ?? new OptimizerSettings());
    }
}
