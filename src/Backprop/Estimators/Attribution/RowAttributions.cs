namespace Backprop.Estimators.Attribution;

/// <summary>
/// Each raw input column's contribution to each output of a model, row by row (<see cref="Model.Attribute"/>), with the
/// predictions they explain: for integrated gradients the contributions of a row add up to y(x) − y(x₀) up to
/// <see cref="Gap"/>, the error of the numerical integral.
/// </summary>
public sealed class RowAttributions
{
    private readonly double[,,] _values;
    private readonly double[,] _outputs;
    private readonly string[,] _shown;

    internal RowAttributions(AttributionOptions options, IReadOnlyList<string> columns, IReadOnlyList<string> outputs, IReadOnlyList<int> rows,
        double[,,] values, double[,] predictions, IReadOnlyList<double> baseline, string[,] shown, IReadOnlyList<string> baselineShown)
    {
        Options = options;
        Columns = columns;
        Outputs = outputs;
        Rows = rows;
        _values = values;
        _outputs = predictions;
        BaselineOutputs = baseline;
        _shown = shown;
        BaselineValues = baselineShown;
    }

    /// <summary>How they were computed.</summary>
    public AttributionOptions Options { get; }

    /// <summary>The raw input columns, in the order the model reads them.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The outputs explained: <c>p(class)</c> per class output of a classifier, else the target names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The table rows explained (from 0), in order; <c>row</c> arguments below index this list.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The contribution of <see cref="Columns"/>[<paramref name="column"/>] to <see cref="Outputs"/>[<paramref name="output"/>] in
    /// <see cref="Rows"/>[<paramref name="row"/>].</summary>
    public double this[int row, int output, int column] => _values[row, output, column];

    /// <summary>The model's output y(x) for a row (a probability, or the target in its own units).</summary>
    public double Output(int row, int output) => _outputs[row, output];

    /// <summary>The model's outputs y(x₀) for the baseline row.</summary>
    public IReadOnlyList<double> BaselineOutputs { get; }

    /// <summary>A column's value in a row as the model read it (a gap shows as the value that filled it, or <c>(missing)</c>).</summary>
    public string Value(int row, int column) => _shown[row, column];

    /// <summary>The baseline's value of each column: a number, <c>(frequencies)</c> for a one-hot column's mean, or <c>(none)</c>.</summary>
    public IReadOnlyList<string> BaselineValues { get; }

    /// <summary>The sum of a row's contributions to an output.</summary>
    public double Sum(int row, int output)
    {
        double sum = 0;
        for (int c = 0; c < Columns.Count; c++) sum += _values[row, output, c];
        return sum;
    }

    /// <summary>
    /// Completeness: the sum of a row's contributions minus y(x) − y(x₀). Integrated gradients make it 0 but for the
    /// error of the integral (it shrinks as the steps grow); the gradient methods have no such property.
    /// </summary>
    public double Gap(int row, int output) => Sum(row, output) - (_outputs[row, output] - BaselineOutputs[output]);

    /// <summary>The largest |<see cref="Gap"/>| over every row and output.</summary>
    public double LargestGap =>
        Enumerable.Range(0, Rows.Count).SelectMany(r => Enumerable.Range(0, Outputs.Count).Select(o => Math.Abs(Gap(r, o)))).DefaultIfEmpty().Max();

    /// <summary>The mean over the rows of |contribution| of each column to each output: [output, column].</summary>
    public double[,] MeanAbsolute()
    {
        var mean = new double[Outputs.Count, Columns.Count];
        for (int r = 0; r < Rows.Count; r++)
            for (int o = 0; o < Outputs.Count; o++)
                for (int c = 0; c < Columns.Count; c++) mean[o, c] += Math.Abs(_values[r, o, c]) / Rows.Count;
        return mean;
    }
}
