namespace Backprop.Data.Idx;

/// <summary>How an IDX file stores its values: the third byte of its magic number.</summary>
internal enum IdxType : byte
{
    /// <summary>Unsigned bytes, 0–255 (the MNIST files).</summary>
    UnsignedByte = 0x08,

    /// <summary>Signed bytes, −128–127.</summary>
    SignedByte = 0x09,

    /// <summary>Big-endian 16-bit integers.</summary>
    Short = 0x0B,

    /// <summary>Big-endian 32-bit integers.</summary>
    Int = 0x0C,

    /// <summary>Big-endian 32-bit floats.</summary>
    Float = 0x0D,

    /// <summary>Big-endian 64-bit floats.</summary>
    Double = 0x0E,
}
