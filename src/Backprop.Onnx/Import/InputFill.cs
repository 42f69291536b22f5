namespace Backprop.Onnx;

/// <summary>
/// Gaps filled right after the input, read back into the model's preprocessing: <c>Where(IsNaN(X), fills, X)</c> with
/// constant fills, as Backprop exports a model whose numeric columns all fill missing values (a model that fills only some
/// masks the others, which is not read back).
/// </summary>
internal static class InputFill
{
    /// <summary>The value after the fill and each feature's fill, or the input itself and null when nothing fills it.</summary>
    public static (string Value, double[]? Fills) Read(GraphIndex graph, string input, int width)
    {
        if (graph.Readers(input) is not [int a, int b]) return (input, null);
        var (test, pick) = graph.Graph.Node[a].OpType == "IsNaN" ? (a, b) : (b, a);
        var isNaN = graph.Graph.Node[test];
        var where = graph.Graph.Node[pick];
        if (isNaN.OpType != "IsNaN" || where.OpType != "Where" || where.Input.Count != 3 || where.Input[0] != isNaN.Output[0]
            || where.Input[2] != input || !graph.IsConstant(where.Input[1]) || graph.Readers(isNaN.Output[0]) is not [_])
            return (input, null);
        var fills = graph.Constant(where.Input[1], pick).Numbers;
        if (fills is null || fills.Length != width)
            throw graph.NodeError(pick, $"the fills have {fills?.Length ?? 0} values for {width} features");
        graph.Use(test);
        graph.Use(pick);
        return (where.Output[0], fills);
    }
}
