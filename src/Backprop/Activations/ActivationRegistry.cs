namespace Backprop.Activations;

/// <summary>Activations by their user-facing name; adding one is one file and one line here.</summary>
public static class ActivationRegistry
{
    private static readonly Dictionary<string, Func<Activation>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sigmoid"] = () => new Sigmoid(),
        ["logistic"] = () => new Sigmoid(),
        ["tanh"] = () => new Tanh(),
        ["relu"] = () => new Relu(),
        ["leaky-relu"] = () => new LeakyRelu(),
        ["identity"] = () => new Identity(),
        ["linear"] = () => new Identity(),
        ["softmax"] = () => new Softmax(),
        ["step"] = () => new Step(),
    };

    /// <summary>The canonical names, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sigmoid", "tanh", "relu", "leaky-relu", "identity", "softmax", "step"];

    /// <summary>True when <paramref name="name"/> names an activation.</summary>
    public static bool Contains(string name) => Factories.ContainsKey(name);

    /// <summary>The activation called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No activation has that name; the message lists the known ones.</exception>
    public static Activation Get(string name) =>
        Factories.TryGetValue(name, out var make)
            ? make()
            : throw new ArgumentException($"unknown activation '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name));
}
