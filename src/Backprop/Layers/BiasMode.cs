namespace Backprop.Layers;

/// <summary>Whether a layer has a bias and whether training changes it.</summary>
public enum BiasMode
{
    /// <summary>A bias that is trained with the weights (the usual case).</summary>
    Trainable,

    /// <summary>A bias that keeps its value (Mazur's b1 and b2 in seed 001).</summary>
    Frozen,

    /// <summary>No bias at all (the networks of seeds 002 and 003).</summary>
    None,
}
