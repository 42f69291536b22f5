using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Serialization;
using SkiaSharp;

namespace Backprop.Plotting.Network;

/// <summary>What a unit of the diagram is.</summary>
internal enum NodeKind { Input, Hidden, Output, Bias }

/// <summary>A unit drawn as a circle: its short label as <c>explain</c> names it ("i1", "h2", "o1"; "1" for a bias unit), the column's name for it,
/// and where it is.</summary>
internal sealed record Node(NodeKind Kind, string Label, string? Name, float X, float Y, float Radius);

/// <summary>One weight drawn as a line from the unit it comes from to the unit it feeds, with its name as <c>explain</c> gives it (w5, b1,
/// b_h1).</summary>
internal sealed record Edge(EdgeTag Tag, Node From, Node To, string Name);

/// <summary>A column heading: "inputs", "hidden layer 1 (sigmoid)", "output (sigmoid)".</summary>
internal sealed record Heading(string Text, float X);

/// <summary>
/// Where everything of the network diagram goes: units in columns (inputs, each hidden layer, outputs) with each layer's
/// bias unit on top of the column that feeds it, as seed 000 draws B1 above X1, X2 and B2 above Z1, Z2; and which weights
/// are drawn: all of them, or for a large network the strongest of each layer.
/// </summary>
internal sealed class NetworkLayout
{
    public const float HeaderHeight = 136, FooterHeight = 30;
    private const float LargeColumnHeight = 760;
    private const int LabelledColumnLimit = 10, LabelledEdgeLimit = 64, NamedColumnLimit = 40;

    public int Width { get; }
    public int Height { get; }
    public string Title { get; }
    public IReadOnlyList<string> Caption { get; }
    public IReadOnlyList<Heading> Headings { get; }
    public IReadOnlyList<Node> Nodes { get; }
    /// <summary>The drawn edges, weakest first so the strongest lie on top.</summary>
    public IReadOnlyList<Edge> Edges { get; }
    public int TotalWeights { get; }
    public bool ValueLabels { get; }
    public bool Summarised { get; }
    /// <summary>The largest |w| of the drawn edges: the widest line.</summary>
    public double LargestWeight { get; }
    /// <summary>The radius of the largest circles.</summary>
    public float NodeRadius { get; }
    /// <summary>Whether a unit's circle is big enough to carry its label ("X1", "B2").</summary>
    public static bool Labelled(Node node) => node.Radius >= 11;

    public NetworkLayout(ModelDocument model, DiagramOptions options)
    {
        if (options.MaxEdges < 0)
            throw new BackpropException($"{Rendering.PlotSettings.MaxEdges} must be 0 (every weight) or more, not {options.MaxEdges}");
        var layers = model.DenseLayers; // dropout has no weights to draw, and passes values through at inference
        int columns = layers.Count + 1;
        int[] units = [model.Inputs, .. layers.Select(l => l.Units)];
        TotalWeights = layers.Sum(l => l.Units * l.Weights[0].Length + (l.Bias?.Length ?? 0));
        var chosen = ChooseWeights(model, options.MaxEdges);
        int largestColumn = units.Max();
        ValueLabels = options.ValueLabels ?? (chosen.Count <= LabelledEdgeLimit && largestColumn <= LabelledColumnLimit);

        // Sizes: a small network gets big labelled circles spaced for the weight labels; each column of a large one spreads
        // its units over the same height, so a column of 784 inputs becomes a line of dots and one of 10 outputs keeps its circles.
        float baseGap = ValueLabels ? 84 : 58;
        float span = Math.Min(LargeColumnHeight, baseGap * (largestColumn - 1));
        float Gap(int n) => n <= 1 ? baseGap : Math.Min(baseGap, span / (n - 1));
        float Radius(int n) => Math.Clamp(Gap(n) * 0.3f, 1.2f, 20);
        NodeRadius = units.Select(Radius).Max();
        float columnGap = ValueLabels ? 290 : columns > 5 ? 190 : 230;

        string[] featureNames = Names(model.Features, model.Inputs, "i");
        string[] targetNames = Names(model.Targets, units[^1], "o");
        float leftNames = largestColumn <= NamedColumnLimit ? NamesWidth(model.Features, units[0]) : 0;
        float rightNames = largestColumn <= NamedColumnLimit ? NamesWidth(model.Targets, units[^1]) : 0;
        Summarised = chosen.Count < TotalWeights;
        Title = options.Title ?? $"Network {string.Join("-", units)} with its weights";
        LargestWeight = chosen.Count == 0 ? 0 : chosen.Max(t => Math.Abs(t.Weight));
        Caption = CaptionLines(layers, chosen);
        float textWidth = Caption.Select(line => TextWidth(line, 12.5f)).Append(TextWidth(Title, 19, bold: true)).Max() + 60;
        float contentWidth = 100 + leftNames + (columns - 1) * columnGap + rightNames;
        Width = (int)Math.Ceiling(Math.Max(Math.Max(contentWidth, textWidth), 640));
        float left = (Width - contentWidth) / 2 + 50 + leftNames, contentHeight = span + 2 * NodeRadius;
        bool anyBias = layers.Any(l => l.Bias is not null);
        float biasGap = Math.Max(baseGap, 2.5f * NodeRadius + 14);
        float top = HeaderHeight + (anyBias ? biasGap : 0) + NodeRadius + 6, middle = top + span / 2;

        var nodes = new List<Node>();
        var columnNodes = new List<Node[]>();
        var biasNodes = new Node?[columns];
        var headings = new List<Heading>();
        for (int c = 0; c < columns; c++)
        {
            float x = left + c * columnGap;
            var kind = c == 0 ? NodeKind.Input : c == columns - 1 ? NodeKind.Output : NodeKind.Hidden;
            int n = units[c];
            float gap = Gap(n), radius = Radius(n), first = middle - gap * (n - 1) / 2;
            var column = new Node[n];
            for (int j = 0; j < n; j++)
            {
                string label = Explain.ExplainNames.Unit(layers.Count, c - 1, j);
                string? name = kind == NodeKind.Input ? featureNames[j] : kind == NodeKind.Output ? targetNames[j] : null;
                column[j] = new Node(kind, label, name == label ? null : name, x, first + j * gap, radius);
            }
            nodes.AddRange(column);
            columnNodes.Add(column);
            if (c < layers.Count && layers[c].Bias is not null)
            {
                biasNodes[c] = new Node(NodeKind.Bias, "1", null, x, first - biasGap, Math.Max(radius, Math.Min(11, NodeRadius)));
                nodes.Add(biasNodes[c]!);
            }
            string activation = c == 0 ? "" : $" ({layers[c - 1].Activation})";
            headings.Add(new Heading(kind switch
            {
                NodeKind.Input => n == 1 ? "1 input" : $"{n:N0} inputs",
                NodeKind.Output => $"output{(n == 1 ? "" : "s")}{activation}",
                _ => $"hidden layer{(layers.Count == 2 ? "" : $" {c}")}{activation}",
            }, x));
        }
        Nodes = nodes;
        Headings = headings;
        Edges = chosen
            .OrderBy(t => Math.Abs(t.Weight)).ThenBy(t => t.Layer).ThenBy(t => t.Unit).ThenBy(t => t.Input ?? -1)
            .Select(t => new Edge(t, t.Input is int i ? columnNodes[t.Layer][i] : biasNodes[t.Layer]!, columnNodes[t.Layer + 1][t.Unit],
                EdgeName(layers, units, t)))
            .ToList();
        Height = (int)Math.Ceiling(top + contentHeight + FooterHeight);
    }

    /// <summary>Text width in pixels with the pictures' typeface.</summary>
    public static float TextWidth(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? Rendering.PlotFonts.Bold : Rendering.PlotFonts.Regular, size);
        return font.MeasureText(text);
    }

    private IReadOnlyList<string> CaptionLines(IReadOnlyList<LayerDocument> layers, List<EdgeTag> chosen)
    {
        string largest = LargestWeight.ToString("0.###", CultureInfo.InvariantCulture);
        var lines = new List<string> { $"green: positive weight · red: negative · the wider the line, the larger |w| (widest: |w| = {largest})" };
        string bias = layers.Any(l => l.Bias is not null) ? "the units marked 1 are the biases (their output is always 1) · " : "";
        if (!Summarised) lines.Add($"{bias}all {TotalWeights:N0} weights drawn{(ValueLabels ? ", each labelled with its value" : "")}");
        else
        {
            var parts = layers.Select((l, index) =>
            {
                int total = l.Units * l.Weights[0].Length + (l.Bias?.Length ?? 0), shown = chosen.Count(t => t.Layer == index);
                string into = index == layers.Count - 1 ? "the outputs" : $"hidden layer {index + 1}";
                return shown == total ? $"all {total:N0} into {into}" : $"the {shown:N0} strongest of {total:N0} into {into}";
            });
            lines.Add($"{bias}{TotalWeights:N0} weights, too many to draw one by one: showing");
            lines.Add($"{string.Join(", ", parts)} (fainter when smaller)");
        }
        return lines;
    }

    /// <summary>
    /// Every weight when there are at most <paramref name="maxEdges"/> (or it is 0); otherwise the budget is shared evenly
    /// between the layers, a layer with fewer weights than its share passing the rest on, and each layer keeps its largest |w|.
    /// </summary>
    private static List<EdgeTag> ChooseWeights(ModelDocument model, int maxEdges)
    {
        var perLayer = model.DenseLayers.Select((layer, l) =>
        {
            var tags = new List<EdgeTag>();
            for (int j = 0; j < layer.Units; j++)
            {
                if (layer.Bias is not null) tags.Add(new EdgeTag(l, j, null, layer.Bias[j]));
                for (int i = 0; i < layer.Weights[j].Length; i++) tags.Add(new EdgeTag(l, j, i, layer.Weights[j][i]));
            }
            return tags;
        }).ToList();
        int total = perLayer.Sum(t => t.Count);
        if (maxEdges == 0 || total <= maxEdges) return perLayer.SelectMany(t => t).ToList();

        var budget = new int[perLayer.Count];
        int remaining = maxEdges;
        var order = Enumerable.Range(0, perLayer.Count).OrderBy(l => perLayer[l].Count).ThenBy(l => l).ToList();
        for (int k = 0; k < order.Count; k++)
        {
            int l = order[k];
            budget[l] = Math.Min(perLayer[l].Count, Math.Max(1, remaining / (order.Count - k)));
            remaining -= budget[l];
        }
        return perLayer.SelectMany((tags, l) => tags
            .OrderByDescending(t => Math.Abs(t.Weight)).ThenBy(t => t.Unit).ThenBy(t => t.Input ?? -1)
            .Take(budget[l])).ToList();
    }

    /// <summary>The weight's name as <c>explain</c> gives it: w1, w2, … by layer, unit and input; b1 for a layer's one fixed bias, else
    /// b_h1.</summary>
    private static string EdgeName(IReadOnlyList<LayerDocument> layers, int[] units, EdgeTag tag)
    {
        if (tag.Input is int input) return $"w{Explain.ExplainNames.Weight(units, tag.Layer, tag.Unit, input)}";
        var layer = layers[tag.Layer];
        return Explain.ExplainNames.Bias(layers.Count, tag.Layer, tag.Unit, Explain.ExplainNames.SharedBias(layer.Bias, layer.TrainBias));
    }

    private static string[] Names(IReadOnlyList<string>? names, int count, string prefix) =>
        Enumerable.Range(0, count).Select(i => names is not null && i < names.Count ? names[i] : $"{prefix}{i + 1}").ToArray();

    private static float NamesWidth(IReadOnlyList<string>? names, int count) =>
        names is null || count > NamedColumnLimit ? 0 : names.Take(count).Select(n => TextWidth(n, 13)).DefaultIfEmpty(0).Max() + 14;
}
