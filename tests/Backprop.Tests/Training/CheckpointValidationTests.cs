using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// A hand-edited or damaged checkpoint is refused when resumed, in one line naming the file and the field, and nothing
/// is written: every field is checked against the network, the data and the run's settings.
/// </summary>
public class CheckpointValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data(int rows)
    {
        var lines = new List<string> { "a,b,kind" };
        var rng = new Backprop.Initialization.Rng(3, 2);
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian();
            lines.Add(FormattableString.Invariant($"{a},{b},{(a + b > 0 ? "x" : "y")}"));
        }
        return _folder.Write($"data{rows}.csv", string.Join("\n", lines));
    }

    private static string[] Args(string data, string output, params string[] more) =>
        ["train", "--data", data, "--target", "kind", "--optimizer", "adam", "--lr", "0.01", "--batch-size", "10", "--epochs", "6", "--seed", "4",
            "--out", output, .. more];

    /// <summary>A run of 60 rows (6 batches of 10) interrupted during its first batch: epoch 1, next batch 1, one Adam step.</summary>
    private (string Data, string Saved) Interrupted()
    {
        string data = Data(60);
        string saved = _folder.File("saved.json");
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel();
        int code = Backprop.Cli.CliApp.Run(Args(data, saved, "--layers", "3"), new StringWriter(), new StringWriter(), ctrlC.Token);
        Assert.Equal(130, code);
        return (data, saved);
    }

    public static TheoryData<string, string, string> Damage => new()
    {
        { "epoch", "1000000000",
            "checkpoint.epoch: the run continues at epoch 1000000000, but checkpoint.history holds 0 finished epochs (it would continue at 1)" },
        { "epoch", "-5", "checkpoint.epoch: the run continues at epoch -5, but epochs are counted from 1" },
        { "epoch", "0", "checkpoint.epoch: the run continues at epoch 0, but epochs are counted from 1" },
        { "nextBatch", "1000000", "checkpoint.nextBatch: batch 1000000 is outside an epoch: 60 rows in batches of 10 make batches 0 to 5" },
        { "nextBatch", "-1", "checkpoint.nextBatch: batch -1 is outside an epoch: batches are counted from 0" },
        { "nextBatch", "6", "checkpoint.nextBatch: batch 6 is outside an epoch" },
        { "shuffleState",
            """["0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000"]""",
                "checkpoint.shuffleState: the generator's state is all zero" },
        { "shuffleState", """["1", "2", "3", "4", "0", "7"]""", "checkpoint.shuffleState: words 5 and 6" },
        { "lossSum", "-1", "checkpoint.lossSum: must be a finite number ≥ 0, not -1" },
        { "optimizer.name", "\"momentum\"", "checkpoint.optimizer.name: the training state is momentum's but the run's optimizer is adam" },
        { "optimizer.steps", "7", "checkpoint.optimizer.steps: 7 steps were taken, but epoch 1 batch 1 comes after 1" },
        { "optimizer.slots[0].values", "[0.1, 0.2, 0.3]", "checkpoint.optimizer.slots[0].values: holds 3 values but parameter 0" },
        { "optimizer.slots[0].parameter", "99",
            "checkpoint.optimizer.slots[0].parameter: parameter 99 does not exist: the network has parameters 0 to 3" },
        { "optimizer.slots[0].slot", "\"velocity\"", "checkpoint.optimizer.slots[0].slot: adam keeps no slot \"velocity\" (it keeps m and v)" },
        { "schedule", "[1, 2]", "checkpoint.schedule: holds 2 numbers but the constant schedule keeps 0" },
        { "history", "[[1, 0.5, 0.5, 0.01, -1, -1, -1]]",
            "checkpoint.epoch: the run continues at epoch 1, but checkpoint.history holds 1 finished epochs (it would continue at 2)" },
        { "bestEpoch", "3", "checkpoint.bestEpoch: must be from 0 (none yet) to 0, the last finished epoch, not 3" },
        { "bestWeights", "[1, 2]", "checkpoint.bestWeights: holds 2 values but the network has 13 parameters" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_checkpoint_is_refused_naming_the_file_and_the_field(string field, string json, string problem)
    {
        var (data, saved) = Interrupted();
        var root = JsonNode.Parse(File.ReadAllText(saved))!;
        JsonNode parent = root["checkpoint"]!;
        var path = field.Split('.');
        foreach (string step in path[..^1])
            parent = step.EndsWith(']') ? parent[step[..step.IndexOf('[')]]![int.Parse(step[(step.IndexOf('[') + 1)..^1])]! : parent[step]!;
        parent[path[^1]] = JsonNode.Parse(json);
        string damaged = _folder.Write("damaged.json", root.ToJsonString());
        string before = File.ReadAllText(damaged);

        string output = _folder.File("resumed.json");
        var r = CliRunner.Run(Args(data, output, "--resume", damaged));
        CliRunner.AssertUserError(r, $"{damaged}:{problem}");
        Assert.False(File.Exists(output));
        Assert.Equal(before, File.ReadAllText(damaged));
    }

    [Fact]
    public void A_checkpoint_saved_on_other_rows_is_refused_naming_both_counts()
    {
        var (_, saved) = Interrupted();
        string fewer = Data(40);
        string output = _folder.File("resumed.json");
        var r = CliRunner.Run(Args(fewer, output, "--resume", saved));
        CliRunner.AssertUserError(r, saved, "the run was saved on 60 rows but --data gives 40");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_undamaged_checkpoint_resumes()
    {
        // The control for the theory above: the same checkpoint, rewritten by the same JSON round trip, resumes to the end.
        var (data, saved) = Interrupted();
        string copy = _folder.Write("copy.json", JsonNode.Parse(File.ReadAllText(saved))!.ToJsonString());
        string output = _folder.File("resumed.json");
        var r = CliRunner.Run(Args(data, output, "--resume", copy));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(6, ModelFile.Load(output).Training!.LossHistory.Length);
    }

    [Fact]
    public void The_library_checks_a_checkpoint_too()
    {
        // Trainer.Train resumes only what fits: an Adam slot for a parameter the network lacks is refused, not dropped.
        var (x, t) = RandomClasses.Make(20, 3, 2, seed: 1);
        var network = Network<float>.Create(3, [new LayerSpec(2, "softmax")], seed: 2);
        var slot = new OptimizerSlot("m", 99, [0.0]);
        var checkpoint = new TrainingCheckpoint(1, 0, [1, 2, 3, 4, 0, 0], 0, 0, new OptimizerState("adam", 0, [slot]), [], []);
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => Trainer.Train(network, x, t, new TrainingOptions
        {
            Optimizer = new Adam(), BatchSize = 5, Epochs = 2, Resume = checkpoint,
        }));
        Assert.Equal("checkpoint.optimizer.slots[0].parameter: parameter 99 does not exist: the network has parameters 0 to 1", e.Message);
    }
}
