using System.Text;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Model files from and to streams, and the asynchronous forms of loading and saving: the same bytes and the same checks
/// as the path forms. Reading a stream reads it to its end and then checks everything a file's reading checks (the name
/// given as <c>source</c> stands for the file in messages); writing to a stream writes nothing when the model would be
/// refused. A path is still written atomically (a temporary file beside it, then a rename).
/// </summary>
public static partial class ModelFile
{
    /// <summary>What a model read from a stream is called in messages when no name is given.</summary>
    public const string StreamSource = "the model stream";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads and checks a model file's bytes from <paramref name="stream"/>, to its end.</summary>
    /// <param name="stream">A readable stream positioned at the start of the model's JSON.</param>
    /// <param name="source">The name that messages give the model (a file name, a URL); <see cref="StreamSource"/> when null.</param>
    /// <exception cref="ModelFormatException">The stream cannot be read, or holds what <see cref="Load(string)"/> would refuse in a file.</exception>
    public static ModelDocument Load(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string name = source ?? StreamSource;
        var buffer = new MemoryStream();
        try { stream.CopyTo(buffer); }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new ModelFormatException($"cannot read: {e.Message}", name, inner: e);
        }
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name);
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s JSON to <paramref name="stream"/>: the bytes <see cref="Save(string, ModelDocument)"/>
    /// writes to a file.
    /// </summary>
    /// <exception cref="ModelFormatException">The model holds what <see cref="Load(Stream, string?)"/> would refuse (nothing is written).</exception>
    public static void Save(Stream stream, ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        stream.Write(Utf8.GetBytes(Checked(model, null)));
    }

    /// <summary>Reads and checks the model file at <paramref name="path"/> without blocking the caller on the read.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Load(string)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<ModelDocument> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false); }
        catch (FileNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (DirectoryNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException($"cannot read: {e.Message}", path, inner: e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Reads and checks a model from <paramref name="stream"/>, to its end, asynchronously.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Load(Stream, string?)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<ModelDocument> LoadAsync(Stream stream, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        string name = source ?? StreamSource;
        var buffer = new MemoryStream();
        try { await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new ModelFormatException($"cannot read: {e.Message}", name, inner: e);
        }
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name);
    }

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> atomically, as <see cref="Save(string, ModelDocument)"/>, off the
    /// caller's thread. A cancellation before the rename leaves the file as it was.
    /// </summary>
    /// <exception cref="ModelFormatException">As <see cref="Save(string, ModelDocument)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (nothing is written).</exception>
    public static Task SaveAsync(string path, ModelDocument model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        return Task.Run(() =>
        {
            string json = Checked(model, path);
            cancellationToken.ThrowIfCancellationRequested();
            AtomicFile.WriteAllText(path, json);
        }, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s JSON to <paramref name="stream"/> asynchronously: the bytes of
    /// <see cref="Save(Stream, ModelDocument)"/>.
    /// </summary>
    /// <exception cref="ModelFormatException">As <see cref="Save(Stream, ModelDocument)"/> (nothing is written).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task SaveAsync(Stream stream, ModelDocument model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes = Utf8.GetBytes(Checked(model, null));
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
