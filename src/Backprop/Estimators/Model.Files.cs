using System.Text;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>Loading and saving: a model file by path or stream, synchronously or not.</summary>
public sealed partial class Model
{
    /// <summary>Reads and checks the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, not a model, of another version, or inconsistent.</exception>
    public static Model Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Model(ModelFile.Load(path), path);
    }

    /// <summary>Reads a model file from <paramref name="stream"/> (to its end); <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ModelFormatException">The stream cannot be read, or its bytes are not a model file.</exception>
    public static Model Load(Stream stream, string name = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return new Model(ModelFile.Load(stream, name), name);
    }

    /// <summary>Reads a model file from <paramref name="stream"/> without blocking a thread on the reads.</summary>
    public static async Task<Model> LoadAsync(Stream stream, string name = "(stream)", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return new Model(await ModelFile.LoadAsync(stream, name, cancellation).ConfigureAwait(false), name);
    }

    /// <summary>Reads and checks the model file at <paramref name="path"/> without blocking a thread on the reads.</summary>
    public static async Task<Model> LoadAsync(string path, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Model(await ModelFile.LoadAsync(path, cancellation).ConfigureAwait(false), path);
    }

    /// <summary>Writes the model to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ModelFile.Save(path, Document);
    }

    /// <summary>Writes the model file's text to <paramref name="stream"/> as UTF-8 (the stream is left open).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encoding.UTF8.GetBytes(ModelFile.ToJson(Document)));
        stream.Flush();
    }

    /// <summary>Writes the model file's text to <paramref name="stream"/> without blocking a thread on the writes.</summary>
    public async Task SaveAsync(Stream stream, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(ModelFile.ToJson(Document)), cancellation).ConfigureAwait(false);
        await stream.FlushAsync(cancellation).ConfigureAwait(false);
    }
}
