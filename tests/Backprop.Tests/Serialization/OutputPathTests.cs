using Backprop.Diagnostics;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Serialization;

public class OutputPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Streams_are_never_the_same_file_as_anything()
    {
        Assert.False(OutputPath.SameFile("-", "-"));
        if (!OperatingSystem.IsLinux()) return;
        // A terminal or pipe behind both: `cat d.csv | backprop … --data /dev/stdin --out /dev/stdout` is no clash.
        Assert.False(OutputPath.SameFile("/dev/stdin", "/dev/stdout"));
        Assert.False(OutputPath.SameFile("/dev/null", "/dev/null"));
    }

    [Fact]
    public void A_file_that_does_not_exist_yet_is_compared_by_its_resolved_path()
    {
        string missing = _folder.File("new.json");
        Assert.True(OutputPath.SameFile(missing, Path.Combine(_folder.Path, ".", "new.json")));
        Assert.False(OutputPath.SameFile(missing, _folder.File("other.json")));
        string link = _folder.File("link.json");
        File.CreateSymbolicLink(link, missing); // dangling until written
        Assert.Equal(OutputPath.Resolve(missing), OutputPath.Resolve(link));
    }

    [Fact]
    public void Two_outputs_that_are_one_file_are_refused_naming_both_options()
    {
        string a = _folder.Write("a.json", "{}");
        var e = Assert.Throws<BackpropException>(() =>
            OutputPath.EnsureDistinct([("--out", a), ("--plots", Path.Combine(_folder.Path, "sub", "..", "a.json"))], [("--data", null)]));
        Assert.Equal($"--plots {Path.Combine(_folder.Path, "sub", "..", "a.json")} is the --out file; choose another output", e.Message);
        OutputPath.EnsureDistinct([("--out", a), ("--plots", null)], [("--data", _folder.File("b.csv"))]); // no clash: no exception
    }
}
