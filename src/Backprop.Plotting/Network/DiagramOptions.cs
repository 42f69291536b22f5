namespace Backprop.Plotting.Network;

/// <summary>Choices for the network diagram.</summary>
public sealed record DiagramOptions
{
    /// <summary>The usual most edges drawn; beyond it each layer shows only its strongest weights.</summary>
    public const int DefaultMaxEdges = 600;

    /// <summary>
    /// Draw every weight when the network has at most this many (biases included); a larger network is summarised by the
    /// strongest weights of each layer, thin and faded by size, and the caption says how many are shown. 0 draws every weight.
    /// </summary>
    public int MaxEdges { get; init; } = DefaultMaxEdges;

    /// <summary>Write each weight's value on its edge: null decides by size (a small network gets labels).</summary>
    public bool? ValueLabels { get; init; }

    /// <summary>The title; null for "Network 2-2-2 with its weights".</summary>
    public string? Title { get; init; }
}
