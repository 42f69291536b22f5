using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>The shared data folder (../shared/data beside the repository, or BACKPROP_DATA), read as ML.NET data views.</summary>
internal static class TestData
{
    public static string File(string relative)
    {
        if (Environment.GetEnvironmentVariable("BACKPROP_DATA") is { Length: > 0 } configured) return Path.Combine(configured, relative);
        return Path.GetFullPath(Path.Combine(Root(), "..", "shared", "data", relative));
    }

    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) return dir.FullName;
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }

    /// <summary>A CSV of numeric columns and a text target (the last column) as a data view; the names of the numeric columns.</summary>
    public static (IDataView Data, string[] Features) Load(MLContext ml, string relative, string target)
    {
        string path = File(relative);
        var header = System.IO.File.ReadLines(path).First().Split(',');
        var columns = header.Select((name, i) => new TextLoader.Column(name, name == target ? DataKind.String : DataKind.Single, i)).ToArray();
        var data = ml.Data.LoadFromTextFile(path, columns, separatorChar: ',', hasHeader: true);
        return (data, header.Where(h => h != target).ToArray());
    }

    /// <summary>The values of a float column, or of a float vector column row by row.</summary>
    public static float[] Floats(IDataView data, string column) => data.GetColumn<float>(column).ToArray();

    public static float[][] Vectors(IDataView data, string column) => data.GetColumn<float[]>(column).ToArray();
}
