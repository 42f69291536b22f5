using Backprop.Registration;

namespace Backprop.Losses;

/// <summary>
/// Losses by name. The built-ins are registered here as a user's own are, with <see cref="Register"/>: then training
/// records the loss by name in the model file, and loading, evaluating and resuming find it again.
/// </summary>
public static class LossRegistry
{
    private static readonly NamedFactories<ValueTuple, Loss> Factories = new("loss", l => l.Name);

    static LossRegistry()
    {
        Register("squared", () => new SquaredError(), "squared-error", "mse");
        Register("cross-entropy", () => new CrossEntropy(), "crossentropy", "log-loss");
    }

    /// <summary>Registers a loss; its <see cref="Loss.Name"/> must be <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name or an alias is taken, is not one word, or is not the loss's own name.</exception>
    public static void Register(string name, Func<Loss> make, params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(make);
        Factories.Register(name, _ => make(), default, aliases);
    }

    /// <summary>The registered names, built-ins first.</summary>
    public static IReadOnlyList<string> Names => Factories.Names;

    /// <summary>True when <paramref name="name"/> names a loss.</summary>
    public static bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.Contains(name);
    }

    /// <summary>The loss called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No loss has that name; the message lists the known ones.</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.Create(name, default);
    }
}
