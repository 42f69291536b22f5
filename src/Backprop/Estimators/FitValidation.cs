using Backprop.Runs;
using System.Numerics;
using Backprop.Data;
using Backprop.Estimators.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;

namespace Backprop.Estimators;

/// <summary>
/// The held-out rows of a file or table of their own (<see cref="MlpOptions.ValidationData"/>, Keras's
/// <c>validation_data</c>), encoded by the training rows' preprocessing, with their sample weights.
/// </summary>
internal static class FitValidation
{
    /// <summary>
    /// <paramref name="data"/> with <paramref name="table"/> (or else the options' file) as its held-out rows; unchanged
    /// without either.
    /// </summary>
    public static PreparedData With<T>(PreparedData data, MlpOptions o, PreparationOptions preparation, CsvTable? table)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pre = data.Preprocessor;
        if (table is null && o.ValidationData is string path)
        {
            if (ArrayData.Is(path))
            {
                if (o.SampleWeightColumn is string column)
                    throw new BackpropException($"{Setting.MlpSampleWeight.With(column)}: images and MAT-files have no columns", path);
                var arrays = ArrayData.Load(path, o.MatInputs, o.MatLabels);
                return data with { Validation = ArrayData.Encode(path, arrays, pre), ValidationRowIndices = null, Redraw = null };
            }
            table = preparation.ReadTable(path, preparation.Csv with { CategoricalColumns = pre.CategoricalColumns });
        }
        if (table is null) return data;
        var weights = o.SampleWeightColumn is string weightColumn
            ? SampleWeightColumn.Read(table, weightColumn, null, Setting.MlpSampleWeight) : null;
        return data with { Validation = pre.Encode<T>(table), ValidationWeights = weights, ValidationRowIndices = null, Redraw = null };
    }
}
