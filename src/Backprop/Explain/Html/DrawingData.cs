using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Backprop.Explain.Html;

/// <summary>
/// What the drawing shows at each equation of a step, as page data: each sample's inputs, targets and unit outputs (the
/// drawing follows the sample of the current equation), where each weight's update equation is (from there on the
/// drawing shows the updated weight), the outputs after the update, and the names the tutorial itself uses (GfG's a1,
/// y3 for h1, w11 for w1) beside the drawing's own.
/// </summary>
internal static partial class DrawingData
{
    [GeneratedRegex(@"\[(\d+)\]$")]
    private static partial Regex SampleSuffix();

    /// <summary>The sample an equation is about (1 for the first): its key's <c>[k]</c>, else the previous equation's; 1 after the update.</summary>
    public static IReadOnlyList<int> Samples(IReadOnlyList<Equation> equations)
    {
        var samples = new List<int>();
        int current = 1;
        foreach (var e in equations)
        {
            if (SampleSuffix().Match(e.Key) is { Success: true } m)
                current = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            else if (e.Key.EndsWith("_after", StringComparison.Ordinal)) current = 1;
            samples.Add(current);
        }
        return samples;
    }

    public static JsonObject Of(Explanation explanation, IReadOnlyList<Equation> equations)
    {
        var network = explanation.Network!;
        var quantities = explanation.Quantities;
        var inputs = network.Units.Where(u => u.Layer == 0).ToList();
        var outputs = network.Units.Where(u => u.Layer == network.Layers.Count - 1).ToList();
        int count = Math.Max(1, network.SampleInputs.Count);
        var samples = new JsonArray();
        for (int s = 1; s <= count; s++)
        {
            var values = new JsonObject();
            foreach (var unit in network.Units)
            {
                if (unit.Layer == 0)
                {
                    if (s <= network.SampleInputs.Count) values[unit.Name] = $"= {HtmlRenderer.Short(network.SampleInputs[s - 1][unit.Index])}";
                }
                else if (quantities.TryGetValue($"out_{unit.Name}[{s}]", out double v)
                    || (count == 1 && quantities.TryGetValue($"out_{unit.Name}", out v)))
                    values[unit.Name] = $"out {HtmlRenderer.Short(v)}";
            }
            var targets = new JsonObject();
            if (s <= network.SampleTargets.Count)
                foreach (var unit in outputs) targets[unit.Name] = $"target {HtmlRenderer.Short(network.SampleTargets[s - 1][unit.Index])}";
            samples.Add(new JsonObject { ["values"] = values, ["targets"] = targets });
        }
        var after = new JsonObject();
        foreach (var unit in network.Units.Where(u => u.Layer > 0))
            if (quantities.TryGetValue($"out_{unit.Name}_after", out double v)) after[unit.Name] = $"out⁺ {HtmlRenderer.Short(v)}";
        var keys = equations.Select(e => e.Key).ToList();
        return new JsonObject
        {
            ["samples"] = samples,
            ["sampleCount"] = network.SampleInputs.Count,
            ["after"] = after,
            ["afterAt"] = keys.FindIndex(k => k.EndsWith("_after", StringComparison.Ordinal)),
            ["updateAt"] = new JsonArray(network.Edges.Select(e => (JsonNode?)keys.IndexOf($"{e.Name}+")).ToArray()),
            ["names"] = TutorialNames(network, equations),
        };
    }

    /// <summary>The document's own names by drawing element: "a1 · y3" for h1 (from net_h1 and out_h1), "w11" for w1.</summary>
    private static JsonObject TutorialNames(ExplainedNetwork network, IReadOnlyList<Equation> equations)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string element, string name)
        {
            if (!names.TryGetValue(element, out var list)) names[element] = list = [];
            if (!list.Contains(name) && name != element) list.Add(name);
        }
        var units = network.Units.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var edges = network.Edges.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var e in equations)
        {
            if (e.Document?.Name is not string name || name.Contains('∂', StringComparison.Ordinal) || name.Contains('Δ', StringComparison.Ordinal))
                continue;
            string key = e.Key;
            if (key.StartsWith("net_", StringComparison.Ordinal) && units.Contains(key[4..])) Add(key[4..], name);
            else if (key.StartsWith("out_", StringComparison.Ordinal) && units.Contains(key[4..])) Add(key[4..], name);
            else if (key.EndsWith('+') && edges.Contains(key[..^1])) Add(key[..^1], name);
            else if (key.StartsWith("dE/d", StringComparison.Ordinal) && edges.Contains(key[4..])) Add(key[4..], name);
        }
        return new JsonObject(names.Where(p => p.Value.Count > 0).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)string.Join(" · ", p.Value))));
    }
}
