using System.Diagnostics;
using System.IO.Compression;
using Backprop.Data.Mat;
using Backprop.Diagnostics;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

public class MatFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Ex4 => Backprop.Cli.Examples.SharedData.File("coursera-ex4/ex4weights.mat");

    private string Write(string name, byte[] bytes) { string p = _folder.File(name); File.WriteAllBytes(p, bytes); return p; }

    private static MatWriter.Variable A => new("A", 2, 3, [1, 4, 2, 5, 3, 6]); // column-major of [[1,2,3],[4,5,6]]

    [Fact]
    public void Ex4weights_reads_as_an_independent_parse_does()
    {
        // Independent: a Python struct + zlib parse of the same file.
        var v = MatFile.Read(Ex4);
        var t1 = v["Theta1"];
        var t2 = v["Theta2"];
        Assert.Equal((25, 401), (t1.Rows, t1.Columns));
        Assert.Equal((10, 26), (t2.Rows, t2.Columns));
        Assert.Equal(-0.022562389859934213, t1[0, 0]);
        Assert.Equal(8.794545314425748e-09, t1[24, 400]);
        Assert.Equal(-0.0014633501375448327, t1[3, 7]);
        Assert.Equal(-0.7610035157900087, t2[0, 0]);
        Assert.Equal(0.49011767565556513, t2[3, 7]);
        Assert.Equal(9.242643928120025, t1.Values.Sum(), 10);
        Assert.Equal(-100.08344384930396, t2.Values.Sum(), 10);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Matrices_are_read_row_major_compressed_or_not_in_either_byte_order(bool compressed, bool bigEndian)
    {
        var v = MatFile.Read(Write("a.mat", MatWriter.File([A], compressed, bigEndian)))["A"];
        Assert.Equal((2, 3), (v.Rows, v.Columns));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], v.Values);
    }

    [Theory]
    [InlineData(9, 6)]   // double data in the double class
    [InlineData(2, 9)]   // miUINT8 data, mxUINT8 class
    [InlineData(7, 7)]   // single
    [InlineData(5, 12)]  // int32 data in an int32 class
    public void Integer_and_single_classes_become_doubles(int miType, int mxClass)
    {
        var v = MatFile.Read(Write("i.mat", MatWriter.File([A with { MiType = miType, MxClass = mxClass }])))["A"];
        Assert.Equal([1.0, 2, 3, 4, 5, 6], v.Values);
    }

    [Fact]
    public void A_logical_array_reads_as_zeros_and_ones()
    {
        var v = MatFile.Read(Write("l.mat",
            MatWriter.File([new MatWriter.Variable("L", 1, 3, [1, 0, 1], MxClass: 9, MiType: 2, ExtraFlags: 0x200)])))["L"];
        Assert.Equal([1.0, 0, 1], v.Values);
    }

    public static TheoryData<string, Func<byte[]>, string> BadFiles => new()
    {
        { "empty", () => [], "the file is empty" },
        { "csv named mat", () => "x,y\n1,2\n"u8.ToArray(), "not a MATLAB 5 MAT-file" },
        { "png named mat", () => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]], "not a MATLAB 5 MAT-file" },
        { "v7.3", () => [.. System.Text.Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64".PadRight(128)), .. new byte[512]],
            "HDF5 inside" },
        { "cell", () => MatWriter.File([A with { MxClass = 1 }]), "is a cell array" },
        { "char", () => MatWriter.File([A with { MxClass = 4 }]), "is a char array" },
        { "complex", () => MatWriter.File([A with { ExtraFlags = 0x800 }]), "holds complex numbers" },
        { "truncated", () => MatWriter.File([A])[..^20], "truncated" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_mat_file_is_named_with_its_problem(string name, Func<byte[]> bytes, string problem)
    {
        string path = Write(name.Replace(' ', '-') + ".mat", bytes());
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
        if (name is "cell" or "char" or "complex") Assert.Contains("variable A", e.Message);
    }

    [Fact]
    public void A_compressed_element_inflating_past_its_declared_size_is_refused_without_inflating_it()
    {
        // The inner tag declares 16 bytes; the stream goes on with 64 MB of zeros.
        var bomb = new MemoryStream();
        using (var z = new ZLibStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write([.. MatWriter.U32(14, false), .. MatWriter.U32(16, false)]);
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.Write(zeros);
        }
        var file = MatWriter.File([])
            .Concat(MatWriter.U32(15, false)).Concat(MatWriter.U32((uint)bomb.Length, false)).Concat(bomb.ToArray()).ToArray();
        string path = Write("bomb.mat", file);
        var clock = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains("inflates past its declared size of 16 bytes", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20, "the element was not inflated whole");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_compressed_element_declaring_more_than_the_limit_is_refused()
    {
        byte[] huge = [.. MatWriter.U32(14, false), .. MatWriter.U32(0x7FFFFFF0, false)];
        string path = Write("huge.mat", [.. MatWriter.File([]), .. MatWriter.Compressed(huge)]);
        Assert.Contains("more than the limit", Assert.Throws<DataFormatException>(() => MatFile.Read(path, maxBytes: 1 << 20)).Message);
    }

    [Fact]
    public void Corrupt_zlib_data_is_reported()
    {
        var file = MatWriter.File([A], compressed: true);
        for (int i = 140; i < 150; i++) file[i] ^= 0xA5;
        string path = Write("corrupt.mat", file);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Ex4weights_import_as_a_400_25_10_sigmoid_model()
    {
        var thetas = ThetaImport.FindThetas(MatFile.Read(Ex4));
        var model = ThetaImport.ToModel(thetas);
        Assert.Equal(400, model.Inputs);
        Assert.Equal([25, 10], model.Layers.Select(l => l.Units));
        Assert.All(model.Layers, l => Assert.Equal("sigmoid", l.Activation));
        Assert.Equal(-0.022562389859934213, model.Layers[0].Bias![0]);      // Theta1(1,1): the bias column
        Assert.Equal(-0.0014633501375448327, model.Layers[0].Weights[3][6]); // Theta1(4,8) is input 7 of unit 4
        // One forward pass by hand: out = σ(Θ2·[1; σ(Θ1·[1; x])]) for x = 0.01·(1, 2, …, 400).
        var t1 = thetas[0];
        var t2 = thetas[1];
        var x = Enumerable.Range(1, 400).Select(i => 0.01 * i).ToArray();
        var hidden = Enumerable.Range(0, 25).Select(j => Sigmoid(t1[j, 0] + Enumerable.Range(0, 400).Sum(i => t1[j, i + 1] * x[i]))).ToArray();
        var expected = Enumerable.Range(0, 10).Select(k => Sigmoid(t2[k, 0] + Enumerable.Range(0, 25).Sum(j => t2[k, j + 1] * hidden[j]))).ToArray();
        var predicted = model.ToNetwork<double>().Predict(new Backprop.Tensors.Matrix<double>(1, 400, x));
        for (int k = 0; k < 10; k++) Assert.Equal(expected[k], predicted[0, k], 12);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Import_mat_writes_the_model_and_prints_the_shapes()
    {
        string output = _folder.File("ex4.json");
        var r = CliRunner.Run("import-mat", Ex4, "--out", output);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Theta1: 25×401", r.Output);
        Assert.Contains("Theta2: 10×26", r.Output);
        Assert.Equal(400, ModelFile.Load(output).Inputs);
        CliRunner.AssertUserError(CliRunner.Run("import-mat", Write("a.mat", MatWriter.File([A])), "--out", _folder.File("x.json")),
            "no Theta1, Theta2");
        Assert.False(File.Exists(_folder.File("x.json")));
    }

    [Fact]
    public void A_mat_file_of_x_and_y_trains_a_classifier()
    {
        // Ng's convention: labels 1 and 2 in y, features in X.
        int m = 40;
        var x = new double[m * 2];
        var y = new double[m];
        for (int r = 0; r < m; r++) { x[r] = r % 2 == 0 ? -1 - r * 0.01 : 1 + r * 0.01; x[m + r] = 0.5; y[r] = r % 2 == 0 ? 1 : 2; }
        string data = Write("xy.mat", MatWriter.File([new MatWriter.Variable("X", m, 2, x), new MatWriter.Variable("y", m, 1, y)], compressed: true));
        string model = _folder.File("m.json");
        var r1 = CliRunner.Run("train", "--optimizer", "gd", "--data", data, "--layers", "3", "--lr", "0.5", "--epochs", "50", "--out", model);
        Assert.Equal(0, r1.ExitCode);
        Assert.Equal(["1", "2"], ModelFile.Load(model).Preprocessing!.Target.Classes!);
        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", data, "--json");
        using var json = System.Text.Json.JsonDocument.Parse(evaluate.Output);
        Assert.Equal(1.0, json.RootElement.GetProperty("accuracy").GetDouble());
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--layers", "3", "--x-var", "Q", "--out", model),
            "no variable 'Q'", "--x-var");
    }

    [Fact]
    public void A_name_used_twice_is_refused_naming_both_places()
    {
        // A's element: 8-byte tag + flags 16 + dimensions 16 + name 8 (small format) + 6 doubles 56 = 104 bytes, so the
        // second starts at 128 + 104 = 232 (the same from a Python struct.pack of the elements).
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("twice.mat", MatWriter.File([A, A with { Rows = 3, Columns = 2 }]))));
        Assert.EndsWith("twice.mat:variable A: appears twice (at byte 128 and at byte 232); save the file again from a workspace that has it once",
            e.Message);
        var compressed = Assert.Throws<DataFormatException>(() =>
            MatFile.Read(Write("twice-z.mat", MatWriter.File([new("B", 1, 1, [1]), A, A], compressed: true))));
        Assert.Matches(@"variable A: appears twice \(at byte \d+ and at byte \d+\)", compressed.Message);
        Assert.DoesNotContain("byte 128", compressed.Message);
    }

    [Theory]
    [InlineData(false, 0x00, 0x01)] // little-endian 0x0100
    [InlineData(true, 0x01, 0x00)]  // big-endian 0x0100
    public void The_version_field_of_a_matlab_5_file_is_0x0100_in_its_byte_order(bool bigEndian, byte at124, byte at125)
    {
        var file = MatWriter.File([A], bigEndian: bigEndian);
        Assert.Equal((at124, at125), (file[124], file[125]));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], MatFile.Read(Write("v.mat", file))["A"].Values);
    }

    [Theory]
    [InlineData(false, 0x01, 0x01, "the header's version is 0x0101, not 0x0100 (a MATLAB 5 MAT-file)")]
    [InlineData(false, 0x00, 0x00, "the header's version is 0x0000, not 0x0100 (a MATLAB 5 MAT-file)")]
    [InlineData(true, 0x00, 0x01, "the header's version is 0x0001, not 0x0100 (a MATLAB 5 MAT-file)")] // 0x0100 in the wrong byte order
    [InlineData(false, 0x00, 0x02, "a MATLAB 7.3 MAT-file is HDF5 inside")]                            // 0x0200: MATLAB 7.3
    [InlineData(true, 0x02, 0x00, "a MATLAB 7.3 MAT-file is HDF5 inside")]
    public void Another_version_is_refused(bool bigEndian, byte at124, byte at125, string problem)
    {
        var file = MatWriter.File([A], bigEndian: bigEndian);
        (file[124], file[125]) = (at124, at125);
        string path = Write("version.mat", file);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.StartsWith($"{path}:byte 124: {problem}", e.Message);
    }
}
