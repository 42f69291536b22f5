using Backprop.Runs;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Initialization;

namespace Backprop.ModelSelection;

/// <summary>
/// The combinations of settings a search tries, each a list of (setting, value) pairs. A grid
/// (<c>"lr=0.1,0.01;layers=16,32|64"</c>, scikit-learn's <c>ParameterGrid</c>) gives every combination, the last setting
/// changing fastest; a random search (<c>"lr=1e-4..1e-1:log;layers=8|16|32"</c>, scikit-learn's <c>ParameterSampler</c>)
/// draws N of them from the seed. Settings are separated by <c>;</c> and values by <c>|</c>; for every setting but
/// <c>layers</c> (whose value is a list of widths) <c>,</c> separates values too. A range <c>LOW..HIGH</c> is uniform,
/// <c>LOW..HIGH:log</c> log-uniform; whole-number settings (epochs, batch-size) draw whole numbers.
/// </summary>
public static class SearchSpace
{
    /// <summary>A stream of the random generator of its own, apart from initialisation, shuffling and splitting.</summary>
    private const ulong RandomSearchStream = 16;

    /// <summary>The most combinations a search tries: a larger grid or <c>count</c> is refused before anything is built.</summary>
    public const int MostCombinations = 10_000;

    /// <summary>Every combination of <paramref name="grid"/>.</summary>
    /// <exception cref="BackpropException">An unknown setting, an empty list of values, or a value the setting does not take (the message names
    /// <see cref="Setting.Grid"/>).</exception>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Grid(string grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var settings = Parts(Setting.Grid, grid).Select(s => (s.Name, Values: Values(Setting.Grid, s.Name, s.Values))).ToList();
        double size = settings.Aggregate(1.0, (product, s) => product * s.Values.Length);
        if (size > MostCombinations)
            throw new BackpropException($"{Setting.Grid}: {string.Join(" × ", settings.Select(s => s.Values.Length))} = {Count(size)} combinations, "
                + $"more than a search tries (at most {Count(MostCombinations)}): give fewer values, or draw some with a random search");
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> combinations = [[]];
        foreach (var (name, values) in settings)
            combinations = combinations.SelectMany(c =>
                values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. c, new(name, v)])).ToList();
        return combinations.ToList();
    }

    /// <summary><paramref name="count"/> combinations drawn from <paramref name="space"/>'s ranges and lists, from <paramref name="seed"/>.</summary>
    /// <exception cref="BackpropException">An unknown setting, an empty list, a malformed range, or a count below 1.</exception>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Random(string space, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (count < 1) throw new BackpropException($"{Setting.RandomCount.With(count)}: give the number of combinations to draw (at least 1)");
        if (count > MostCombinations)
            throw new BackpropException($"{Setting.RandomCount.With(count)}: {Count(count)} combinations is more than a search tries "
                + $"(at most {Count(MostCombinations)}); draw fewer");
        var draws = Parts(Setting.RandomSpace, space).Select(s => (s.Name, Draw: Distribution(s.Name, s.Values))).ToList();
        var rng = new Rng(seed, RandomSearchStream);
        return Enumerable.Range(0, count)
            .Select(_ => (IReadOnlyList<KeyValuePair<string, string>>)draws.Select(d => new KeyValuePair<string,
                string>(d.Name, d.Draw(rng))).ToList())
            .ToList();
    }

    /// <summary><paramref name="options"/> with every setting of <paramref name="combination"/>.</summary>
    public static MlpOptions Apply(MlpOptions options, IReadOnlyList<KeyValuePair<string, string>> combination) =>
        combination.Aggregate(options, (o, p) => SearchParameters.Apply(o, p.Key, p.Value));

    /// <summary>A combination as text: <c>lr=0.1 layers=16,32</c>.</summary>
    public static string Describe(IReadOnlyList<KeyValuePair<string, string>> combination) =>
        string.Join(" ", combination.Select(p => $"{p.Key}={p.Value}"));

    private static List<(string Name, string Values)> Parts(Setting setting, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new BackpropException($"{setting}: the search space is empty (e.g. {setting.With("\"lr=0.1,0.01;layers=16|32\"")})");
        var result = new List<(string, string)>();
        foreach (string part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=');
            if (equals < 0) throw new BackpropException($"{setting}: '{part}' is not SETTING=VALUES (e.g. lr=0.1,0.01)");
            string name = SearchParameters.Name(setting, part[..equals]);
            if (result.Any(r => r.Item1 == name)) throw new BackpropException($"{setting}: {name} is given twice");
            result.Add((name, part[(equals + 1)..].Trim()));
        }
        return result;
    }

    private static string[] Values(Setting setting, string name, string text)
    {
        var values = text.Split(name == "layers" ? ['|'] : ['|', ','], StringSplitOptions.TrimEntries);
        if (text.Length == 0 || values.Any(v => v.Length == 0))
            throw new BackpropException($"{setting}: {name}={text} has an empty value (give one or more values, e.g. {name}={Example(name)})");
        foreach (string v in values) SearchParameters.Apply(new MlpOptions(), name, v, setting);
        return values;
    }

    private static Func<Rng, string> Distribution(string name, string text)
    {
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            var choices = Values(Setting.RandomSpace, name, text);
            return rng => choices[rng.NextInt(choices.Length)];
        }
        string bad = $"{Setting.RandomSpace}: {name}={text} is not a range LOW..HIGH or LOW..HIGH:log of numbers with LOW ≤ HIGH";
        if (!SearchParameters.IsNumeric(name))
            throw new BackpropException($"{Setting.RandomSpace}: {name}={text}: {name} is not a number, so it takes a list (a|b|c), not a range");
        string rest = text[(dots + 2)..];
        bool log = rest.EndsWith(":log", StringComparison.OrdinalIgnoreCase);
        if (log) rest = rest[..^4];
        if (SearchParameters.Number(text[..dots].Trim()) is not double low || SearchParameters.Number(rest.Trim()) is not double high
            || !double.IsFinite(low) || !double.IsFinite(high) || low > high)
            throw new BackpropException(bad);
        if (log && low <= 0) throw new BackpropException($"{Setting.RandomSpace}: {name}={text}: a log range needs LOW above 0");
        string Edge(double v) => SearchParameters.IsWhole(name) ? Math.Round(v).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : SearchParameters.Format(v);
        SearchParameters.Apply(new MlpOptions(), name, Edge(low), Setting.RandomSpace);
        SearchParameters.Apply(new MlpOptions(), name, Edge(high), Setting.RandomSpace);
        return rng =>
        {
            double u = rng.NextDouble();
            double v = log ? Math.Exp(Math.Log(low) + u * (Math.Log(high) - Math.Log(low))) : low + u * (high - low);
            if (SearchParameters.IsWhole(name))
                return Math.Clamp(Math.Round(v), Math.Ceiling(low), Math.Floor(high)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return SearchParameters.Format(v);
        };
    }

    private static string Count(double n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Example(string name) => name switch
    {
        "layers" => "16|32,16",
        "activation" => "relu,tanh",
        "optimizer" => "adam,gd",
        "epochs" => "100,200",
        "batch-size" => "16,32",
        _ => "0.1,0.01",
    };
}
