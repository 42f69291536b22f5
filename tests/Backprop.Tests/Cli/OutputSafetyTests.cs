using System.Diagnostics;
using System.Globalization;
using Backprop.Serialization;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>No output replaces an input, whatever path leads to it; writes go through links and keep the file's mode.</summary>
public class OutputSafetyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data(string name = "d.csv")
    {
        var lines = new List<string> { "x1,x2,y" };
        for (int i = 0; i < 40; i++)
        {
            double a = i % 7 / 7.0, b = i % 5 / 5.0;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a},{b},{a - b}"));
        }
        return _folder.Write(name, string.Join("\n", lines) + "\n");
    }

    private static string[] Train(string data, string output, params string[] more) =>
        ["train", "--data", data, "--target", "y", "--layers", "3", "--epochs", "2", "--out", output, .. OldCliDefaults.Unless(more), .. more];

    private string Model(string name = "m.json")
    {
        string path = _folder.File(name);
        Assert.Equal(0, CliRunner.Run(Train(Data("train.csv"), path)).ExitCode);
        return path;
    }

    /// <summary>Runs the command and asserts the refusal: exit 1, the one line, <paramref name="input"/>'s bytes unchanged, nothing else
    /// written.</summary>
    private void AssertRefused(string[] args, string input, string line)
    {
        byte[] before = File.ReadAllBytes(input);
        var files = Directory.GetFileSystemEntries(_folder.Path).Order().ToList();
        var outcome = CliRunner.Run(args);
        CliRunner.AssertUserError(outcome, line);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal(files, Directory.GetFileSystemEntries(_folder.Path).Order().ToList());
    }

    [Fact]
    public void Train_refuses_an_out_that_is_the_data_the_test_data_or_the_start_model()
    {
        string data = Data();
        AssertRefused(Train(data, data), data, $"--out {data} is the --data file; choose another output");
        string test = Data("t.csv");
        AssertRefused(Train(data, test, "--test-data", test), test, $"--out {test} is the --test-data file; choose another output");
        string model = Model();
        string[] fromModel = ["train", "--data", data, "--target", "y", "--model", model, "--epochs", "2", "--out", model];
        AssertRefused(fromModel, model, $"--out {model} is the --model file; choose another output");
    }

    [SkippableFact]
    public void The_same_file_is_found_through_relative_parts_symbolic_links_linked_folders_and_hard_links()
    {
        string data = Data();
        Directory.CreateDirectory(_folder.File("sub"));
        string dotted = Path.Combine(_folder.Path, "sub", "..", "d.csv");
        AssertRefused(Train(data, dotted), data, $"--out {dotted} is the --data file");

        string link = _folder.File("link.csv");
        File.CreateSymbolicLink(link, "d.csv"); // a relative link
        AssertRefused(Train(link, data), data, $"--out {data} is the --data file");
        AssertRefused(Train(data, link), data, $"--out {link} is the --data file");

        string linkedFolder = _folder.File("folder-link");
        Directory.CreateSymbolicLink(linkedFolder, _folder.Path);
        string throughFolder = Path.Combine(linkedFolder, "d.csv");
        AssertRefused(Train(data, throughFolder), data, $"--out {throughFolder} is the --data file");

        Skip.IfNot(OperatingSystem.IsLinux());
        string hard = _folder.File("hard.csv");
        Assert.Equal(0, Process.Start("ln", [data, hard])!.WaitForExitAndCode());
        AssertRefused(Train(hard, data), data, $"--out {data} is the --data file");
    }

    [Fact]
    public void Train_refuses_plots_that_would_replace_the_model_or_an_input()
    {
        string data = Data();
        string pictures = Directory.CreateDirectory(_folder.File("pictures")).FullName;
        string model = Path.Combine(pictures, "loss.png");
        var outcome = CliRunner.Run(Train(data, model, "--plots", pictures));
        CliRunner.AssertUserError(outcome, $"--plots {model} is the --out file; choose another output");
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Train_refuses_an_out_that_is_the_labels_file_beside_mnist_images()
    {
        byte[] images = IdxWriter.File(0x08, [2, 2, 2], [0, 255, 0, 255, 255, 0, 255, 0]);
        string imagesPath = IdxWriter.Write(_folder, "x-images-idx3-ubyte", images);
        string labels = IdxWriter.Write(_folder, "x-labels-idx1-ubyte", IdxWriter.File(0x08, [2], [0, 1]));
        AssertRefused(["train", "--data", imagesPath, "--layers", "2", "--epochs", "1", "--out", labels], labels,
            $"--out {labels} is the --data labels file; choose another output");
    }

    [Fact]
    public void Predict_plot_report_and_import_mat_refuse_to_write_over_their_inputs()
    {
        string data = Data();
        string model = Model();
        AssertRefused(["predict", "--model", model, "--data", data, "--out", data], data, $"--out {data} is the --data file; choose another output");
        AssertRefused(["predict", "--model", model, "--data", data, "--out", model], model,
            $"--out {model} is the --model file; choose another output");

        string svgModel = _folder.File("m.svg");
        File.Copy(model, svgModel);
        AssertRefused(["plot", "network", "--model", svgModel, "--out", svgModel], svgModel,
            $"--out {svgModel} is the --model file; choose another output");
        string htmlData = _folder.File("d.html");
        File.Copy(data, htmlData);
        AssertRefused(["report", "--model", model, "--data", htmlData, "--out", htmlData], htmlData,
            $"--out {htmlData} is the --data file; choose another output");

        string mat = _folder.File("w.mat");
        File.Copy(Backprop.Cli.Examples.SharedData.File("coursera-ex4/ex4weights.mat"), mat);
        AssertRefused(["import-mat", mat, "--out", mat], mat, $"--out {mat} is the input file; choose another output");
    }

    [Fact]
    public void Predict_out_dash_writes_standard_output()
    {
        string data = Data();
        string model = Model();
        var toFile = CliRunner.Run("predict", "--model", model, "--data", data, "--out", _folder.File("p.csv"));
        Assert.Equal(0, toFile.ExitCode);
        var dash = CliRunner.Run("predict", "--model", model, "--data", data, "--out", "-");
        Assert.Equal(0, dash.ExitCode);
        Assert.Equal(File.ReadAllText(_folder.File("p.csv")), dash.Output);
        Assert.False(File.Exists(_folder.File("-")));
        CliRunner.AssertUserError(CliRunner.Run(Train(data, "-")), "--out -: training writes a model file");
    }

    [SkippableFact]
    public void A_fifo_or_device_is_written_in_place_not_replaced()
    {
        Skip.IfNot(OperatingSystem.IsLinux());
        string data = Data();
        string model = Model();
        string fifo = _folder.File("pipe");
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        var reader = Task.Run(() => File.ReadAllText(fifo)); // as `backprop predict … --out pipe` read by another program
        var outcome = CliRunner.Run("predict", "--model", model, "--data", data, "--out", fifo);
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(reader.Wait(TimeSpan.FromMinutes(1)));
        Assert.Equal(CliRunner.Run("predict", "--model", model, "--data", data).Output, reader.Result);
        Assert.Equal(FileKind.Special, FileIdentity.Of(fifo)!.Value.Kind); // still a FIFO, not a file put in its place
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [SkippableFact]
    public void Out_dev_stdout_writes_the_process_standard_output()
    {
        Skip.IfNot(OperatingSystem.IsLinux());
        string data = Data();
        string model = Model();
        using var child = ChildCli.Start("predict", "--model", model, "--data", data, "--out", "/dev/stdout");
        Assert.Equal(0, child.WaitForExit());
        Assert.Equal(CliRunner.Run("predict", "--model", model, "--data", data).Output.ReplaceLineEndings("\n"), child.Output);
        Assert.Equal("/proc/self/fd/1", new FileInfo("/dev/stdout").LinkTarget); // still the link it was
    }

    [SkippableFact]
    public void A_write_through_a_symbolic_link_replaces_its_target_and_keeps_the_link_and_the_mode()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes");
        string data = Data();
        string target = _folder.Write("target.json", "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string link = _folder.File("link.json");
        File.CreateSymbolicLink(link, "target.json");

        Assert.Equal(0, CliRunner.Run(Train(data, link)).ExitCode);
        Assert.Equal("target.json", new FileInfo(link).LinkTarget);
        Assert.Equal(3, ModelFile.Load(target).Layers[0].Units);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void Stale_temporary_files_of_a_process_that_is_gone_are_removed_by_the_next_write()
    {
        string data = Data();
        string model = _folder.File("m.json");
        using var gone = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        gone.WaitForExit();
        string stale = _folder.Write($".m.json.{gone.Id}.{Guid.NewGuid():N}.tmp", "half a model");
        string ours = _folder.Write($".m.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp", "a write in progress");
        string other = _folder.Write(".m.json.notes.tmp", "not ours");
        string otherTarget = _folder.Write($".n.json.{gone.Id}.{Guid.NewGuid():N}.tmp", "another target's");

        Assert.Equal(0, CliRunner.Run(Train(data, model)).ExitCode);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(otherTarget));
    }

    [Fact]
    public void Atomic_write_streams_and_a_failed_write_leaves_the_file_as_it_was()
    {
        string path = _folder.Write("f.txt", "before");
        AtomicFile.Write(path, stream => stream.Write("after"u8));
        Assert.Equal("after", File.ReadAllText(path));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("the writer failed");
        }));
        Assert.Equal("after", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process process)
    {
        using (process)
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
