using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Data.Preprocessing;
using Backprop.Estimators;
using Backprop.Serialization;

namespace Backprop.MLNet.Scoring;

/// <summary>
/// The trained model as the ML.NET pipeline stores it — one text value in a ValueMapping's lookup table, so it is
/// written into the model zip with the rest — and its parsed form that scores rows. The text is a header line
/// (<c>{"backprop.mlnet":1,"kind":"multiclass","slots":[…]}</c>: the key slot of each class) and then the Backprop
/// model file, exactly as <c>backprop train</c> writes it.
/// </summary>
internal sealed class StoredModel
{
    /// <summary>The version of the header line this code writes and reads.</summary>
    public const int FormatVersion = 1;

    private readonly int[] _slotOfClass;

    private StoredModel(bool classifies, IReadOnlyList<string> slots, Model model)
    {
        Classifies = classifies;
        Slots = slots;
        Model = model;
        var inputs = model.Preprocessing?.Inputs ?? throw new InvalidOperationException("The stored Backprop model has no preprocessing section.");
        foreach (var c in inputs)
            if (c is not NumericColumn) throw new InvalidOperationException($"The stored Backprop model's input '{c.Name}' is not numeric.");
        Features = inputs.Count;
        var classes = model.Classes;
        _slotOfClass = classes is null ? [] : classes.Select(c => SlotOf(slots, c)).ToArray();
    }

    /// <summary>True for a classifier, false for a regressor.</summary>
    public bool Classifies { get; }

    /// <summary>The label key's slots: the class name each slot stands for (empty for a regressor).</summary>
    public IReadOnlyList<string> Slots { get; }

    /// <summary>The Backprop model, which predicts as <c>backprop predict</c> does (its preprocessing, its precision).</summary>
    public Model Model { get; }

    /// <summary>How many features a row must have.</summary>
    public int Features { get; }

    /// <summary>The text to store: the header line, then the model file's JSON.</summary>
    public static string Write(Training.TrainerTask task, IReadOnlyList<string> slots, ModelDocument model)
    {
        var header = new Dictionary<string, object>
        {
            ["backprop.mlnet"] = FormatVersion, ["kind"] = task.ToString().ToLowerInvariant(), ["slots"] = slots,
        };
        return JsonSerializer.Serialize(header) + "\n" + ModelFile.ToJson(model);
    }

    /// <summary>Parses what <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidOperationException">The text is not a stored Backprop model of a version this code reads.</exception>
    public static StoredModel Read(ReadOnlySpan<char> text)
    {
        int newline = text.IndexOf('\n');
        if (newline < 0) throw new InvalidOperationException("The ML.NET model's Backprop column does not hold a Backprop model.");
        using var header = JsonDocument.Parse(text[..newline].ToString());
        var root = header.RootElement;
        if (!root.TryGetProperty("backprop.mlnet", out var version) || version.GetInt32() != FormatVersion)
            throw new InvalidOperationException($"The ML.NET model holds a Backprop model of another format version; this Backprop.MLNet reads " +
                $"version {FormatVersion}.");
        bool classifies = root.GetProperty("kind").GetString() is "multiclass" or "binary";
        var slots = root.GetProperty("slots").EnumerateArray().Select(s => s.GetString()!).ToArray();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(text[(newline + 1)..].ToArray()), writable: false);
        return new StoredModel(classifies, slots, Model.Load(file, "the ML.NET model's Backprop column"));
    }

    /// <summary>The network's outputs for one row of raw features, through the model's preprocessing as in training.</summary>
    private double[] Outputs(ReadOnlySpan<float> features)
    {
        if (features.Length != Features)
            throw new ArgumentException($"The features column has {features.Length} values in a row; the Backprop model was trained on " +
                $"{Features}.", nameof(features));
        var row = new double[features.Length];
        for (int i = 0; i < row.Length; i++) row[i] = features[i];
        return Model.PredictOutputs(row);
    }

    /// <summary>The regressor's prediction (the first target).</summary>
    public double Predict(ReadOnlySpan<float> features) => Outputs(features)[0];

    /// <summary>Each slot's probability in <paramref name="scores"/> (0 for a slot the model has no class of: a pipeline saved before the trainer
    /// declared every key value); returns the predicted slot.</summary>
    public int Score(ReadOnlySpan<float> features, Span<float> scores)
    {
        var outputs = Outputs(features);
        var probabilities = Model.Probabilities(outputs);
        scores.Clear();
        for (int k = 0; k < probabilities.Length; k++) scores[_slotOfClass[k]] = (float)probabilities[k];
        return _slotOfClass[Model.Preprocessing!.Target.ClassOf(outputs)];
    }

    /// <summary>Each slot's probability, in double (0 for a slot the model has no class of).</summary>
    public double[] SlotProbabilities(ReadOnlySpan<float> features)
    {
        var probabilities = Model.Probabilities(Outputs(features));
        var slots = new double[Slots.Count];
        for (int k = 0; k < probabilities.Length; k++) slots[_slotOfClass[k]] = probabilities[k];
        return slots;
    }

    /// <summary>The slot of Backprop class <paramref name="name"/>: the same text, or the same number ("1" and "1.0").</summary>
    private static int SlotOf(IReadOnlyList<string> slots, string name)
    {
        for (int s = 0; s < slots.Count; s++) if (slots[s] == name) return s;
        if (double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            for (int s = 0; s < slots.Count; s++)
                if (double.TryParse(slots[s], NumberStyles.Float, CultureInfo.InvariantCulture, out double other) && other == value) return s;
        throw new InvalidOperationException($"The Backprop model's class '{name}' is none of the label's values ({string.Join(", ", slots)}).");
    }
}
