using System.Globalization;
using System.Numerics;
using Backprop.Activations;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// The network a run builds for its data: the hidden widths, their activations, the output activation, the initial
/// weights, the bias and the dropout — what <c>backprop train --layers 8,4 --activation tanh --dropout 0.2</c> says. The
/// output layer gets one unit per target column or class. A setting left null takes its default when building, and is
/// not compared when checking a resumed run (<see cref="Differences"/>).
/// </summary>
internal sealed record NetworkSpec
{
    /// <summary>Units of each hidden layer; empty for the output layer alone.</summary>
    public IReadOnlyList<int>? HiddenLayers { get; init; }

    /// <summary>The hidden activation: one name for every hidden layer, or one per hidden layer; null for relu.</summary>
    public IReadOnlyList<string>? Activations { get; init; }

    /// <summary>The output layer's activation; null for <see cref="TrainingDefaults.OutputActivation"/> of the target and loss.</summary>
    public string? OutputActivation { get; init; }

    /// <summary>How the weights are drawn; null for <see cref="Initializer.DefaultFor"/> each activation.</summary>
    public Initializer? Initializer { get; init; }

    /// <summary>Whether the layers have a trainable bias; null for yes.</summary>
    public bool? Bias { get; init; }

    /// <summary>Inverted dropout after the hidden layers: one rate for every hidden layer, or one per hidden layer (0 ≤ p &lt; 1); null for
    /// none.</summary>
    public IReadOnlyList<double>? Dropout { get; init; }

    /// <summary>
    /// The layers for a network with <paramref name="outputs"/> output units whose activation, when none is set, is
    /// <paramref name="defaultOutput"/>.
    /// </summary>
    /// <exception cref="BackpropException">The activations or dropout rates do not match the hidden layers, or softmax is asked of one
    /// output.</exception>
    public IReadOnlyList<LayerSpec> Layers(int outputs, string defaultOutput)
    {
        ArgumentNullException.ThrowIfNull(defaultOutput);
        var widths = HiddenLayers ?? throw new BackpropException($"give the hidden layers' widths ({Setting.HiddenLayers})");
        if (widths.Any(w => w < 1))
            throw new BackpropException($"{Setting.HiddenLayers}: a layer has at least one unit, not {widths.First(w => w < 1)}");
        var hidden = PerLayer(Activations ?? ["relu"], widths.Count, Setting.Activations, "activation");
        foreach (string name in hidden.Append(OutputActivation ?? defaultOutput).Distinct())
            if (!ActivationRegistry.Contains(name))
                throw new BackpropException($"'{name}' is not an activation (expected one of: {string.Join(", ", ActivationRegistry.Names)})");
        string output = OutputActivation ?? defaultOutput;
        if (output == "softmax" && outputs == 1)
            throw new BackpropException($"{Setting.OutputActivation.With("softmax")} needs two or more outputs: over one unit it is always 1 (use " +
                $"sigmoid for one 0/1 target, identity for a number)");
        if (Dropout is { Count: > 0 } && widths.Count == 0)
            throw new BackpropException($"{Setting.Dropout}: the network has no hidden layer ({Setting.HiddenLayers.With("none")}) to " +
                $"drop values of");
        var rates = Dropout is null ? new double[widths.Count] : PerLayer(Dropout, widths.Count, Setting.Dropout, "rate");
        foreach (double rate in rates)
            if (!(rate >= 0 && rate < 1))
                throw new BackpropException($"{Setting.Dropout}: a rate is a number at least 0 and below 1, not '{Format(rate)}'");
        var bias = Bias == false ? BiasMode.None : BiasMode.Trainable;
        return widths.Select((units, l) => new LayerSpec(units, hidden[l], bias, Initializer) { Dropout = rates[l] })
            .Append(new LayerSpec(outputs, output, bias, Initializer)).ToList();
    }

    /// <summary>
    /// A network for inputs of width <paramref name="inputs"/> and <paramref name="target"/>, its weights drawn from
    /// <paramref name="seed"/>; without an <see cref="OutputActivation"/>, the one <see cref="TrainingDefaults"/> gives
    /// the target under <paramref name="loss"/>.
    /// </summary>
    public Network<T> Build<T>(int inputs, TargetEncoding target, Loss loss, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        return Network<T>.Create(inputs, Layers(target.Width, TrainingDefaults.OutputActivation(target, loss)), seed);
    }

    /// <summary>
    /// The settings given here that <paramref name="model"/>'s network does not have, each as <c>--option was (now given)</c>;
    /// settings left null are not compared. Empty when the network is the one described.
    /// </summary>
    public IReadOnlyList<string> Differences(ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hidden = model.DenseLayers.SkipLast(1).ToList();
        var differences = new List<string>();
        void Check(Setting option, string was, string now) { if (was != now) differences.Add($"{option} {was} (now {now})"); }
        if (HiddenLayers is { } layers) Check(Setting.HiddenLayers, string.Join(",", hidden.Select(l => l.Units)), string.Join(",", layers));
        if (Activations is { } given)
        {
            var was = hidden.Select(l => l.Activation).ToArray();
            bool same = given.Count == 1 ? was.All(a => a == given[0]) : given.SequenceEqual(was);
            if (!same) Check(Setting.Activations, string.Join(",", was.Distinct().Count() == 1 ? was.Take(1) : was), string.Join(",", given));
        }
        if (OutputActivation is string output) Check(Setting.OutputActivation, model.DenseLayers[^1].Activation, output);
        if (Bias is bool bias) Check(Setting.NoBias, model.DenseLayers.All(l => l.Bias is null) ? "on" : "off", bias ? "off" : "on");
        if (Dropout is { } dropout) Check(Setting.Dropout, DropoutText(SavedDropout(model)),
            DropoutText(PerLayer(dropout, hidden.Count, Setting.Dropout, "rate")));
        return differences;
    }

    /// <summary>The dropout rate after each hidden layer of <paramref name="model"/> (0 where there is none).</summary>
    public static IReadOnlyList<double> SavedDropout(ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rates = new List<double>();
        for (int l = 0; l < model.Layers.Count - 1; l++)
        {
            if (!model.Layers[l].IsDense) continue;
            var next = model.Layers[l + 1];
            rates.Add(next.IsDense ? 0 : next.Rate ?? 0);
        }
        return rates;
    }

    /// <summary>Rates as <c>--dropout</c> takes them: one number when every layer has the same, else one per layer.</summary>
    public static string DropoutText(IReadOnlyList<double> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return string.Join(",", rates.Count > 0 && rates.All(r => r == rates[0]) ? rates.Take(1).Select(Format) : rates.Select(Format));
    }

    private static TValue[] PerLayer<TValue>(IReadOnlyList<TValue> values, int layers, Setting option, string what)
    {
        if (values.Count == 1) return Enumerable.Repeat(values[0], layers).ToArray();
        if (values.Count != layers)
            throw new BackpropException($"{option}: give one {what} for every hidden layer or {layers} (one per layer), not {values.Count}");
        return [.. values];
    }

    private static string Format(double r) => r.ToString("R", CultureInfo.InvariantCulture);
}
