using System.Numerics;

namespace Backprop.Layers;

/// <summary>A block of trainable numbers (a weight matrix or a bias vector) with the gradient of the objective beside it.</summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal Parameter(string name, int layer, int length, bool trainable, bool isWeight)
    {
        Name = name;
        Layer = layer;
        Values = new T[length];
        Gradient = new T[length];
        Trainable = trainable;
        IsWeight = isWeight;
    }

    /// <summary>Where it sits, e.g. <c>layers[0].weights</c>.</summary>
    public string Name { get; }

    /// <summary>The index of the layer it belongs to (0 for the first layer).</summary>
    public int Layer { get; }

    /// <summary>The values; a weight matrix is stored row-major, unit by unit.</summary>
    public T[] Values { get; }

    /// <summary>∂E/∂θ from the last gradient evaluation.</summary>
    public T[] Gradient { get; }

    /// <summary>False for a frozen bias: its gradient is computed but optimisers leave it unchanged.</summary>
    public bool Trainable { get; set; }

    /// <summary>True for weights, false for biases: the L2 penalty applies to weights only.</summary>
    public bool IsWeight { get; }

    /// <summary>Number of values.</summary>
    public int Length => Values.Length;
}
