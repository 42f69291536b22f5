using Backprop.Serialization;
using Backprop.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet;

/// <summary>
/// A trained Backprop network in an ML.NET pipeline: it adds <c>Score</c> (and <c>PredictedLabel</c> for a classifier,
/// <c>Probability</c> for a binary one) as ML.NET's trainers do. It is a prediction transformer of one feature column,
/// as theirs are, so <c>PermutationFeatureImportance</c> takes it. It is a chain of ML.NET's own transforms (see
/// docs/interop.md) and saves as that chain, the weights inside: <c>mlContext.Model.Load</c> gives back a
/// <see cref="TransformerChain{TLastTransformer}"/> that scores the same.
/// </summary>
public sealed class BackpropTransformer : ISingleFeaturePredictionTransformer<ModelDocument>
{
    private readonly ITransformer _chain;
    private readonly string _featureColumn;

    internal BackpropTransformer(ITransformer chain, string featureColumn, ModelDocument model, IReadOnlyList<EpochRecord> history)
    {
        _chain = chain;
        _featureColumn = featureColumn;
        Model = model;
        History = history;
    }

    /// <summary>The Backprop model: <c>ModelFile.Save(path, Model)</c> writes the file <c>backprop predict</c>, <c>explain</c> and <c>report</c>
    /// read.</summary>
    public ModelDocument Model { get; }

    /// <summary>The features column it reads.</summary>
    public string FeatureColumnName => _featureColumn;

    /// <summary>The type of the features column: a vector of <see cref="ModelDocument.Inputs"/> Single values.</summary>
    public DataViewType FeatureColumnType => new VectorDataViewType(NumberDataViewType.Single, Model.Inputs);

    /// <summary>Every epoch's training loss and held-out measures.</summary>
    public IReadOnlyList<EpochRecord> History { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckFeatures(inputSchema);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckFeatures(inputSchema);
        return _chain.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        CheckFeatures(input.Schema);
        return _chain.Transform(input);
    }

    /// <summary>Saves the chain of ML.NET transforms it is made of (the model's text in a ValueMapping's table).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _chain.Save(ctx);

    private void CheckFeatures(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(_featureColumn)
            ?? throw new ArgumentOutOfRangeException("inputSchema", $"Could not find feature column '{_featureColumn}'");
        if (column.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || size != Model.Inputs)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Schema mismatch for feature column '{_featureColumn}': expected Vector<Single, {Model.Inputs}>, got {column.Type}");
    }
}
