namespace Backprop.Onnx;

/// <summary>The element type of an exported graph's numbers.</summary>
public enum OnnxPrecision
{
    /// <summary>32-bit floats (<c>tensor(float)</c>), what most ONNX consumers expect.</summary>
    Float,

    /// <summary>64-bit floats (<c>tensor(double)</c>), for a model trained in double.</summary>
    Double,
}
