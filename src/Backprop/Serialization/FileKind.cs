namespace Backprop.Serialization;

/// <summary>The kinds of file <see cref="FileIdentity"/> tells apart.</summary>
internal enum FileKind
{
    /// <summary>An ordinary file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A device, a FIFO or a socket: written in place, never replaced.</summary>
    Special,
}
