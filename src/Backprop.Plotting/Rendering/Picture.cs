using System.Text;
using Backprop.Serialization;

namespace Backprop.Plotting.Rendering;

/// <summary>A rendered picture: the bytes of a PNG or SVG file and its size in pixels.</summary>
public sealed record Picture(byte[] Bytes, PictureFormat Format, int Width, int Height)
{
    /// <summary>The MIME type of <see cref="Format"/>.</summary>
    public string MediaType => Format == PictureFormat.Png ? "image/png" : "image/svg+xml";

    /// <summary>The picture as a <c>data:</c> URI, to put inside an HTML page with no outside requests.</summary>
    public string DataUri => $"data:{MediaType};base64,{Convert.ToBase64String(Bytes)}";

    /// <summary>The SVG text (only for <see cref="PictureFormat.Svg"/>).</summary>
    public string Text => Format == PictureFormat.Svg ? Encoding.UTF8.GetString(Bytes) :
        throw new InvalidOperationException("a PNG picture has no text");

    /// <summary>Writes the picture to <paramref name="path"/> atomically: a reader sees the old file or the whole new one.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Bytes);
}
