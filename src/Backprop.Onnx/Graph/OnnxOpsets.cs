namespace Backprop.Onnx;

/// <summary>The operator sets Backprop writes and the newest it reads.</summary>
internal static class OnnxOpsets
{
    /// <summary>The domain of ONNX's own operators (written as the empty string in a file).</summary>
    public const string Default = "ai.onnx";

    /// <summary>The domain of the traditional machine-learning operators (<c>OneHotEncoder</c>, <c>ArrayFeatureExtractor</c>,
    /// <c>ZipMap</c>).</summary>
    public const string MachineLearning = "ai.onnx.ml";

    /// <summary>The default-domain opset of exported graphs.</summary>
    public const int ExportVersion = 17;

    /// <summary>The ai.onnx.ml opset of exported graphs.</summary>
    public const int ExportMlVersion = 3;

    /// <summary>The IR version that goes with <see cref="ExportVersion"/>.</summary>
    public const int ExportIrVersion = 8;

    /// <summary>The newest default-domain opset an imported graph may declare: the operators Backprop reads mean the same up to it.</summary>
    public const int MaxImportVersion = 23;

    /// <summary>The newest ai.onnx.ml opset an imported graph may declare.</summary>
    public const int MaxImportMlVersion = 5;
}
