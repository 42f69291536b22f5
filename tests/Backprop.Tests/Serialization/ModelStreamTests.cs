using System.Text;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Serialization;

/// <summary>
/// <see cref="ModelFile"/> from and to streams, and asynchronously: the bytes of the path forms, the checks of the path
/// forms (a stream holding a bad model is refused as the file would be, naming the source given), and a path save that
/// stays atomic (a model the reader would refuse leaves the earlier file as it was).
/// </summary>
public class ModelStreamTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly ModelDocument Fitted = new MlpClassifier(new MlpOptions { HiddenLayers = [3], Epochs = 5, Seed = 7 })
        .Fit(CsvTable.Read(new MemoryStream("x,z,y\n1,0.5,a\n2,1.5,b\n3,0.25,a\n4,2,b\n5,1,a\n6,3,b\n"u8.ToArray()), "t.csv"), "y")
        .Model!;

    [Fact]
    public void A_stream_holds_the_bytes_of_the_file_and_reads_back_the_same_model()
    {
        string path = _folder.File("m.json");
        ModelFile.Save(path, Fitted);
        var stream = new MemoryStream();
        ModelFile.Save(stream, Fitted);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());

        stream.Position = 0;
        var fromStream = ModelFile.Load(stream, "m.json");
        Assert.Equal(ModelFile.ToJson(ModelFile.Load(path)), ModelFile.ToJson(fromStream));
        Assert.Equal(Weights(ModelFile.Load(path)), Weights(fromStream));
    }

    [Fact]
    public async Task The_async_forms_write_and_read_the_same_bytes()
    {
        string path = _folder.File("sync.json"), asyncPath = _folder.File("async.json");
        ModelFile.Save(path, Fitted);
        await ModelFile.SaveAsync(asyncPath, Fitted);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(asyncPath));

        var stream = new MemoryStream();
        await ModelFile.SaveAsync(stream, Fitted);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());

        stream.Position = 0;
        var fromStream = await ModelFile.LoadAsync(stream);
        var fromPath = await ModelFile.LoadAsync(asyncPath);
        Assert.Equal(Weights(Fitted), Weights(fromStream));
        Assert.Equal(Weights(Fitted), Weights(fromPath));
    }

    [Fact]
    public void A_stream_is_checked_as_a_file_is_and_named_by_its_source()
    {
        string truncated = ModelFile.ToJson(Fitted)[..200];
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(truncated)), "upload.json"));
        Assert.Equal("upload.json", e.File);
        Assert.StartsWith("not valid JSON", e.Problem);
        string path = _folder.Write("truncated.json", truncated);
        Assert.Equal(Assert.Throws<ModelFormatException>(() => ModelFile.Load(path)).Problem, e.Problem);

        var unnamed = Assert.Throws<ModelFormatException>(() => ModelFile.Load(new MemoryStream()));
        Assert.Equal(ModelFile.StreamSource, unnamed.File);
        Assert.Equal("the file is empty", unnamed.Problem);
    }

    [Fact]
    public async Task Async_loading_refuses_as_loading_does()
    {
        var e = await Assert.ThrowsAsync<ModelFormatException>(() => ModelFile.LoadAsync(_folder.File("missing.json")));
        Assert.Equal("file not found", e.Problem);
        var bad = await Assert.ThrowsAsync<ModelFormatException>(() => ModelFile.LoadAsync(new MemoryStream("{}"u8.ToArray()), "x.json"));
        Assert.Equal(Assert.Throws<ModelFormatException>(() => ModelFile.Load(new MemoryStream("{}"u8.ToArray()), "x.json")).Problem, bad.Problem);
    }

    [Fact]
    public async Task A_cancelled_token_writes_nothing_and_a_refused_model_keeps_the_earlier_file()
    {
        string path = _folder.Write("keep.json", "earlier");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.SaveAsync(path, Fitted, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.LoadAsync(path, cancelled.Token));
        var stream = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.SaveAsync(stream, Fitted, cancelled.Token));
        Assert.Equal(0, stream.Length);

        var refused = Fitted with { Inputs = Fitted.Inputs + 1 };   // weights no longer match the inputs: the reader refuses it
        await Assert.ThrowsAsync<ModelFormatException>(() => ModelFile.SaveAsync(path, refused));
        Assert.Throws<ModelFormatException>(() => ModelFile.Save(stream, refused));
        Assert.Equal("earlier", File.ReadAllText(path));
        Assert.Equal(0, stream.Length);
        Assert.Equal(["keep.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Null_arguments_name_their_parameter()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => ModelFile.Load((Stream)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => ModelFile.Save((Stream)null!, Fitted)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ModelFile.Save(new MemoryStream(), null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => ModelFile.Load((string)null!)).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentNullException>(() => ModelFile.SaveAsync((string)null!, Fitted))).ParamName);
        Assert.Equal("stream", (await Assert.ThrowsAsync<ArgumentNullException>(() => ModelFile.LoadAsync((Stream)null!))).ParamName);
    }

    private static long[] Weights(ModelDocument model) =>
        model.Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).Select(BitConverter.DoubleToInt64Bits).ToArray();
}
