using Backprop.Runs;
using System.Numerics;
using Backprop.Data.Output;
using Backprop.Estimators.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Estimators;

/// <summary>
/// A fitted model: the network, the preprocessing that turns raw columns into its inputs (none for a model imported from
/// ONNX or a theta file), and the record of its training, as a model file holds them. It predicts one row, a table or a
/// file (streamed a block at a time into an <see cref="IPredictionSink"/>), evaluates itself on labelled data, and saves
/// and loads. It runs in the precision its file records (float or double), whichever way it is called: <c>backprop
/// predict</c>, <c>evaluate</c>, <c>report</c>, <c>plot</c>, <c>export</c> and the estimators all go through it.
/// </summary>
/// <remarks>
/// A model is not changed by predicting: <see cref="PredictOutputs(IReadOnlyList{double})"/> and every other prediction
/// member may be called from several threads at once on one model (each call uses buffers of its own).
/// </remarks>
public sealed partial class Model
{
    private readonly Lazy<Network<double>> _double;
    private readonly Lazy<Network<float>> _float;

    /// <summary>The model that <paramref name="document"/> describes; <paramref name="path"/> is its file, named in messages.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public Model(ModelDocument document, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
        Path = path;
        _double = new Lazy<Network<double>>(document.ToNetwork<double>);
        _float = new Lazy<Network<float>>(document.ToNetwork<float>);
    }

    /// <summary>The model as its file holds it (layers, preprocessing, training record and state).</summary>
    public ModelDocument Document { get; }

    /// <summary>The file the model was read from, named in messages; null for a model made in memory.</summary>
    public string? Path { get; }

    /// <summary>True when the model was trained in single precision, and so predicts in it.</summary>
    public bool IsFloat => ModelData.IsFloat(Document);

    /// <summary>How raw columns become the network's inputs and outputs; null for a model without a preprocessing section.</summary>
    public Preprocessor? Preprocessing => Document.Preprocessing;

    /// <summary>What training recorded (settings, loss history, data); null when the file records none.</summary>
    internal TrainingSummary? Training => Document.Training;

    /// <summary>The options the model was trained with (read back whole, or rebuilt from an older file); null for an imported model.</summary>
    public MlpOptions? Options => Document.Options;

    /// <summary>The network, in double precision (for pictures and export; predictions run in <see cref="IsFloat"/>'s precision).</summary>
    public Network<double> Network => _double.Value;

    /// <summary>
    /// The names of the input columns, in the order <see cref="PredictOutputs(IReadOnlyList{double})"/> takes them; empty
    /// for a model that names none (it then reads every column of a table but the targets, in order).
    /// </summary>
    public IReadOnlyList<string> FeatureNames => Preprocessing?.Inputs.Select(c => c.Name).ToArray() ?? Document.Features ?? [];

    /// <summary>The target columns the model predicts; empty for a model that names none.</summary>
    public IReadOnlyList<string> TargetNames => Preprocessing?.Target.Columns ?? Document.Targets ?? [];

    /// <summary>The names of the network's outputs: its target names, or <c>y1</c>, <c>y2</c>, ….</summary>
    public IReadOnlyList<string> OutputNames =>
        Document.Targets ?? Enumerable.Range(1, Document.Layers[^1].Units).Select(k => $"y{k}").ToList();

    /// <summary>A classifier's class names, in the order of its probabilities; null for a model that predicts numbers.</summary>
    public IReadOnlyList<string>? Classes => Preprocessing?.Target.Classes;

    /// <summary>
    /// The columns a prediction sink writes: for a classifier the predicted class (headed by the target's name) and one
    /// <c>p(class)</c> per class, otherwise one per output.
    /// </summary>
    /// <exception cref="Diagnostics.BackpropException">Two columns would have one name (the file named is <see cref="Path"/>).</exception>
    public IReadOnlyList<string> PredictionColumns =>
        Data.Preprocessing.PredictionColumns.Names(Preprocessing?.Target, OutputNames, Path);

    /// <summary>The network in precision <typeparamref name="T"/> (built once per precision and shared; predicting does not change it).</summary>
    public Network<T> NetworkIn<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (Network<T>)(object)_double.Value
        : typeof(T) == typeof(float) ? (Network<T>)(object)_float.Value
        : Document.ToNetwork<T>();

    /// <summary>The network's outputs for encoded <paramref name="inputs"/> (double), run in the model's precision.</summary>
    internal Matrix<double> Run(Matrix<double> inputs) => IsFloat ? ToDouble(Run(inputs.Convert<float>())) : Run<double>(inputs);

    /// <summary>The network's outputs for encoded <paramref name="inputs"/> in precision <typeparamref name="T"/>, a block at a time (in the
    /// target's units: a standardised target is turned back).</summary>
    internal Matrix<T> Run<T>(Matrix<T> inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outputs = BlockPrediction.Predict(NetworkIn<T>(), inputs);
        TargetScaling.Restore(Preprocessing?.Target, outputs);
        return outputs;
    }

    private static Matrix<double> ToDouble<T>(Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T> =>
        m is Matrix<double> d ? d : m.Convert<double>();
}
