using Backprop.Registration;

namespace Backprop.Activations;

/// <summary>
/// Activations by their user-facing name. The built-ins are registered here as a user's own are, with
/// <see cref="Register"/>: then a network can use it by name (<see cref="Layers.LayerSpec"/>), train through it, and be saved
/// and loaded by <see cref="Serialization.ModelFile"/> (in a process that has registered it too).
/// </summary>
public static class ActivationRegistry
{
    private static readonly NamedFactories<ValueTuple, Activation> Factories = new("activation", a => a.Name);

    static ActivationRegistry()
    {
        Register("sigmoid", () => new Sigmoid(), "logistic");
        Register("tanh", () => new Tanh());
        Register("relu", () => new Relu());
        Register("leaky-relu", () => new LeakyRelu());
        Register("identity", () => new Identity(), "linear");
        Register("softmax", () => new Softmax());
        Register("step", () => new Step());
    }

    /// <summary>
    /// Registers an activation: <paramref name="make"/> makes one (its <see cref="Activation.Name"/> must be
    /// <paramref name="name"/>, which model files save), and <paramref name="aliases"/> are other names read as it.
    /// </summary>
    /// <example><code>ActivationRegistry.Register("swish", () => new Swish());</code></example>
    /// <exception cref="ArgumentException">The name or an alias is taken, is not one word, or is not the activation's own name.</exception>
    public static void Register(string name, Func<Activation> make, params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(make);
        Factories.Register(name, _ => make(), default, aliases);
    }

    /// <summary>The registered names, built-ins first, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names => Factories.Names;

    /// <summary>
    /// The registered names a hidden layer trains with: those with a gradient (<see cref="Activation.IsDifferentiable"/>),
    /// except softmax, which belongs on the output layer. A caller's own activation is among them once registered.
    /// </summary>
    public static IReadOnlyList<string> HiddenNames => Names.Where(n => Get(n) is { IsDifferentiable: true } and not Softmax).ToArray();

    /// <summary>The registered names an output layer trains with: those with a gradient.</summary>
    public static IReadOnlyList<string> OutputNames => Names.Where(n => Get(n).IsDifferentiable).ToArray();

    /// <summary>True when <paramref name="name"/> names an activation.</summary>
    public static bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.Contains(name);
    }

    /// <summary>The activation called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No activation has that name; the message lists the known ones.</exception>
    public static Activation Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.Create(name, default);
    }
}
