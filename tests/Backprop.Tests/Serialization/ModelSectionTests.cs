using System.Text;
using Backprop.Diagnostics;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Tests.Serialization;

/// <summary>The sections of a model file: named fields, null for what is unknown, old files read as before.</summary>
public class ModelSectionTests
{
    private const string Header =
        """{"format": "backprop.mlp", "version": 1, "inputs": 1, "layers": [{"units": 1, "activation": "identity", "weights": [[2]], "bias":""" +
            """ [0.5]}]""";

    private static ModelDocument Parse(string rest) => ModelFile.Parse(Encoding.UTF8.GetBytes(Header + rest + "}"), "m.json");

    private static string Checkpoint(string schedule, string history) =>
        """, "checkpoint": {"epoch": 3, "nextBatch": 0, "shuffleState": ["0000000000000001", "0000000000000002", "0000000000000003",""" +
            """ "0000000000000004", "0000000000000000", "0000000000000000"], """
        + """ "lossSum": 0, "squaredErrorSum": 0, "optimizer": {"name": "gd", "steps": 4, "slots": []}, "schedule": """ + schedule
            + """, "history": """ + history
        + """, "bestEpoch": 0, "bestValidationLoss": null, "bestWeights": null}""";

    private const string Named =
        """{"epoch": [1, 2], "loss": [0.5, 0.25], "rmse": [0.7, 0.5], "learningRate": [0.1, null], "validationLoss": [0.6, null],""" +
            """ "validationRmse": [0.8, null], "validationAccuracy": [null, null]}""";

    [Fact]
    public void A_checkpoint_of_the_positional_format_with_sentinels_reads_as_its_named_form_with_nulls()
    {
        var old = Parse(Checkpoint("[1.7976931348623157E+308, 1, 0.2]", "[[1, 0.5, 0.7, 0.1, 0.6, 0.8, -1], [2, 0.25, 0.5, -1, -1, -1, -1]]"))
            .Checkpoint!;
        var named = Parse(Checkpoint("[null, 1, 0.2]", Named)).Checkpoint!;
        foreach (var c in new[] { old, named })
        {
            Assert.Equal([double.NaN, 1, 0.2], c.Schedule);
            Assert.Equal(2, c.History.Count);
            Assert.Equal(new EpochRecord(1, 0.5, 0.7, null, new ValidationRecord(0.6, 0.8, null), 0.1), c.History[0]);
            Assert.Equal(new EpochRecord(2, 0.25, 0.5, null, null, double.NaN), c.History[1]);
        }
        // Written back, both are the named form.
        string text = ModelFile.ToJson(Parse(Checkpoint("[1.7976931348623157E+308, 1, 0.2]",
            "[[1, 0.5, 0.7, 0.1, 0.6, 0.8, -1], [2, 0.25, 0.5, -1, -1, -1, -1]]")));
        Assert.Contains("\"schedule\": [null, 1, 0.2]", text);
        Assert.Contains("\"learningRate\": [0.1, null]", text);
        Assert.Contains("\"validationAccuracy\": [null, null]", text);
        Assert.Equal(text, ModelFile.ToJson(ModelFile.Parse(Encoding.UTF8.GetBytes(text), "m.json")));
    }

    [Theory]
    [InlineData("""{"epoch": [1], "loss": [0.5, 1], "rmse": [0.7], "learningRate": [null], "validationLoss": [null], "validationRmse": [null],""" +
        """ "validationAccuracy": [null]}""",
        "checkpoint.history.loss: holds 2 values but checkpoint.history.epoch holds 1")]
    [InlineData("""{"epoch": [1.5], "loss": [0.5], "rmse": [0.7], "learningRate": [null], "validationLoss": [null], "validationRmse": [null],""" +
        """ "validationAccuracy": [null]}""",
        "checkpoint.history.epoch[0]: must be a whole number ≥ 1, not 1.5")]
    [InlineData("""{"epoch": [1], "loss": [0.5], "rmse": [0.7], "learningRate": [null], "validationLoss": [0.5], "validationRmse": [null],""" +
        """ "validationAccuracy": [null]}""",
        "checkpoint.history.validationRmse[0]: must be null exactly where validationLoss is")]
    [InlineData("""{"epoch": [1], "loss": [null], "rmse": [0.7], "learningRate": [null], "validationLoss": [null], "validationRmse": [null],""" +
        """ "validationAccuracy": [null]}""",
        "checkpoint.history.loss[0]: must be a finite number, not null")]
    [InlineData("""{"epoch": [1], "loss": [0.5], "rmse": [0.7], "validationLoss": [null], "validationRmse": [null], "validationAccuracy": [null]}""",
        "checkpoint.history.learningRate: the \"learningRate\" field is missing")]
    [InlineData("\"x\"", "checkpoint.history: must be an object, not the string \"x\"")]
    public void A_damaged_named_history_is_refused_naming_the_field(string history, string message)
    {
        var e = Assert.Throws<ModelFormatException>(() => Parse(Checkpoint("[]", history)));
        Assert.StartsWith("m.json:" + message, e.Message);
    }

    [Fact]
    public void The_training_section_reads_unknown_as_null_and_names_as_their_canonical_spelling()
    {
        var t = Parse(""", "training": {"loss": "Squared", "stopReason": "maxepochs", "finalLoss": null}""").Training!;
        Assert.Equal("squared", t.Loss);
        Assert.Equal("MaxEpochs", t.StopReason);
        Assert.Null(t.FinalLoss);
        Assert.Null(t.Rows);
        Assert.Null(t.Seed);
        Assert.Null(Parse(""", "training": {"stopReason": ""}""").Training!.StopReason);
        var written = ModelFile.ToJson(Parse(""", "training": {"epochs": 0}"""));
        Assert.Contains("\"stopReason\": null", written);
        Assert.Contains("\"finalLoss\": null", written);
        Assert.DoesNotContain("\"rows\"", written);
        Assert.DoesNotContain("\"seed\"", written);
    }

    [Theory]
    [InlineData("\"stopReason\": \"Tired\"",
        "training.stopReason: \"Tired\" is not one of MaxEpochs, Converged, TargetLoss, Diverged, EarlyStopped, Cancelled, NoImprovement, "
        + "MaxFunctionEvaluations, Checkpoint")]
    [InlineData("\"stopReason\": 3", "training.stopReason: must be a string, not 3")]
    [InlineData("\"rows\": 0", "training.rows: must be at least 1, not 0")]
    [InlineData("\"finalLoss\": \"low\"", "training.finalLoss: must be a number, not the string \"low\"")]
    public void A_training_field_of_the_wrong_kind_or_range_is_refused(string field, string message)
    {
        var e = Assert.Throws<ModelFormatException>(() => Parse(", \"training\": {" + field + "}"));
        Assert.Equal("m.json:" + message, e.Message);
    }

    [Fact]
    public void A_checkpoint_written_by_training_reads_back_to_the_same_record()
    {
        var checkpoint = new TrainingCheckpoint(3, 1, [1, 2, 3, 4, 0, 0], 0.5, 0.25, new OptimizerState("gd", 7, []), [double.NaN, 2, 0.04],
            [new EpochRecord(1, 1.5, 0.9, null, new ValidationRecord(1.25, 0.8, 0.5), 0.1), new EpochRecord(2, 1.0, 0.7, null, null, 0.1)],
            BestEpoch: 1, BestValidationLoss: 1.25, BestWeights: [2, 0.5]);
        var document = Parse("") with { Checkpoint = checkpoint };
        var read = ModelFile.Parse(Encoding.UTF8.GetBytes(ModelFile.ToJson(document)), "m.json").Checkpoint!;
        Assert.Equal(checkpoint.History, read.History);
        Assert.Equal(checkpoint.Schedule, read.Schedule);
        Assert.Equal(checkpoint.ShuffleState, read.ShuffleState);
        Assert.Equal((checkpoint.Epoch, checkpoint.NextBatch, checkpoint.BestEpoch, checkpoint.BestValidationLoss),
            (read.Epoch, read.NextBatch, read.BestEpoch, read.BestValidationLoss));
        Assert.Equal(checkpoint.BestWeights, read.BestWeights);
    }
}
