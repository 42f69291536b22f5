using System.Globalization;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP sent to a real training process: it stops at the end of the batch, saves the resumable
/// model (no temporary file left), exits 128 + the signal's number, and a second signal does not cut the save short.
/// </summary>
public class SignalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data()
    {
        var lines = new List<string> { "a,b,c,y" };
        var rng = new Backprop.Initialization.Rng(7, 1);
        for (int i = 0; i < 600; i++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian(), c = rng.NextGaussian();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a},{b},{c},{a * b - c}"));
        }
        return _folder.Write("s.csv", string.Join("\n", lines) + "\n");
    }

    private static string[] Args(string data, string model, string epochs, params string[] start) =>
        ["train", "--data", data, "--target", "y", .. start, "--optimizer", "adam", "--lr", "0.001", "--epochs", epochs, "--seed", "3",
            "--out", model];

    private sealed record Case(string Name, int ExitCode, int[] Signals);

    [SkippableFact]
    public void Sigint_sigterm_and_sighup_save_the_run_and_a_second_signal_does_not_cut_the_save_short()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals are sent with kill(2) and checked in /proc");
        string data = Data();
        Case[] cases =
        [
            new("SIGINT", 130, [ChildCli.SigInt]),
            new("SIGTERM", 143, [ChildCli.SigTerm]),
            new("SIGHUP", 129, [ChildCli.SigHup]),
            // Two kinds at once, so that the kernel cannot merge them into one (the first decides the exit code), then SIGTERM
            // every millisecond until the save is reported: were the handlers gone during the save, one would end the process
            // there, with no report, a half-written temporary file and no model.
            new("SIGTERM, SIGHUP, SIGTERM…", 143, [ChildCli.SigTerm, ChildCli.SigHup]),
        ];
        // The four processes run side by side: the test takes the time of one.
        var runs = cases.Select((c, k) =>
        {
            string folder = Directory.CreateDirectory(_folder.File($"case{k}")).FullName;
            string model = Path.Combine(folder, "m.json");
            return (Case: c, Folder: folder, Model: model, Child: ChildCli.Start(Args(data, model, "1000000", "--layers", "64,64")));
        }).ToList();
        try
        {
            var ignored = new List<string>();
            foreach (var run in runs)
            {
                run.Child.WaitForLine("epoch"); // training, with no end in sight
                if (run.Child.Ignores(run.Case.Signals[0])) ignored.Add(run.Case.Name);
            }
            Skip.If(ignored.Count > 0,
                $"this test runs where {string.Join(", ", ignored)} is ignored (a background job of a shell without job control ignores SIGINT)");
            foreach (var run in runs)
                foreach (int signal in run.Case.Signals) run.Child.Signal(signal);
            foreach (var run in runs.Where(r => r.Case.Signals.Length > 1))
                while (!run.Child.Output.Contains("saved in") && run.Child.Signal(run.Case.Signals[0])) Thread.Sleep(1);
            foreach (var run in runs) Check(run.Case, run.Folder, run.Model, run.Child, data);
        }
        finally
        {
            foreach (var run in runs) run.Child.Dispose();
        }
    }

    private static void Check(Case c, string folder, string model, ChildCli child, string data)
    {
        Assert.True(child.WaitForExit() == c.ExitCode, $"{c.Name}: exit code {child.WaitForExit()}, not {c.ExitCode}: {child.Output}{child.Error}");
        Assert.True(child.Output.Contains($"the model and its training state are saved in {model}"), $"{c.Name}: {child.Output}{child.Error}");
        Assert.DoesNotContain("   at ", child.Error);
        if (c.Signals.Length > 1) Assert.Contains("received: saving, please wait", child.Error);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
        var checkpoint = ModelFile.Load(model).Checkpoint;
        Assert.NotNull(checkpoint);

        // The saved run continues: finish the epoch it was in, and the model is a finished one of that many epochs.
        var resumed = CliRunner.Run(Args(data, model, checkpoint.Epoch.ToString(CultureInfo.InvariantCulture), "--resume", model));
        Assert.True(resumed.ExitCode == 0, $"{c.Name}: {resumed.Error}");
        var finished = ModelFile.Load(model);
        // A finished run keeps its training state too, to be continued with more epochs: the next epoch is the one after its last.
        Assert.Equal((checkpoint.Epoch + 1, 0), (finished.Checkpoint!.Epoch, finished.Checkpoint.NextBatch));
        Assert.Equal(checkpoint.Epoch, finished.Training!.LossHistory.Length);
    }
}
