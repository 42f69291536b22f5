namespace Backprop.Registration;

/// <summary>
/// Factories by name, case-insensitive, with aliases: the table behind <see cref="Activations.ActivationRegistry"/>,
/// <see cref="Losses.LossRegistry"/> and <see cref="Optimizers.OptimizerRegistry"/>. A name, once registered, cannot be
/// taken again (a model file saved with it must mean the same thing when it is loaded); registering is thread-safe.
/// </summary>
/// <typeparam name="TSettings">What a factory is given (an optimiser's settings; nothing for activations and losses).</typeparam>
/// <typeparam name="TValue">What it makes.</typeparam>
internal sealed class NamedFactories<TSettings, TValue> where TValue : class
{
    private readonly string _kind;
    private readonly Func<TValue, string> _nameOf;
    private readonly Dictionary<string, (string Name, Func<TSettings, TValue> Make)> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _names = [];
    private readonly Lock _lock = new();

    /// <param name="kind">What the values are, for messages: <c>activation</c>.</param>
    /// <param name="nameOf">The name a value gives itself, which must be the one it is registered under.</param>
    public NamedFactories(string kind, Func<TValue, string> nameOf) => (_kind, _nameOf) = (kind, nameOf);

    /// <summary>The registered names (not the aliases), in the order they were registered.</summary>
    public IReadOnlyList<string> Names
    {
        get { lock (_lock) return _names.ToArray(); }
    }

    /// <summary>Registers <paramref name="make"/> under <paramref name="name"/> and <paramref name="aliases"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or not one word, is taken, or is not the name the values give themselves.</exception>
    public void Register(string name, Func<TSettings, TValue> make, TSettings sample, IEnumerable<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(make);
        var all = aliases.Prepend(name).ToList();
        foreach (string n in all)
            if (string.IsNullOrWhiteSpace(n) || n.Any(c => char.IsWhiteSpace(c) || c is ',' or '"' or ':'))
                throw new ArgumentException($"'{n}' cannot name an {_kind}: a name is one word, without commas, quotes or colons", nameof(name));
        string given = _nameOf(make(sample) ?? throw new ArgumentException($"the factory of the {_kind} '{name}' made nothing", nameof(make)));
        if (!string.Equals(given, name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"the {_kind} registered as '{name}' calls itself '{given}': its Name is what model files save, so it must " +
                $"be the name it is registered under", nameof(name));
        lock (_lock)
        {
            foreach (string n in all)
                if (_byName.ContainsKey(n)) throw new ArgumentException($"an {_kind} named '{n}' is registered already", nameof(name));
            foreach (string n in all) _byName[n] = (given, make);
            _names.Add(given);
        }
    }

    /// <summary>True when <paramref name="name"/> (or an alias) is registered.</summary>
    public bool Contains(string name)
    {
        lock (_lock) return _byName.ContainsKey(name);
    }

    /// <summary>The registered name that <paramref name="name"/> (perhaps an alias, in any case) stands for, or null.</summary>
    public string? Canonical(string name)
    {
        lock (_lock) return _byName.TryGetValue(name, out var entry) ? entry.Name : null;
    }

    /// <summary>A new value of the factory registered under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No factory has that name; the message lists the registered ones.</exception>
    public TValue Create(string name, TSettings settings)
    {
        Func<TSettings, TValue>? make;
        lock (_lock) make = _byName.TryGetValue(name, out var entry) ? entry.Make : null;
        return make is not null ? make(settings)
            : throw new ArgumentException($"unknown {_kind} '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name));
    }
}
