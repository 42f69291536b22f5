using System.Text.Json.Nodes;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Runs;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Playground;

/// <summary>What a session shows: its losses, the heatmap and thumbnails on a grid of points, and the points themselves.</summary>
internal sealed partial class PlaygroundSession
{
    /// <summary>The loss (without L1 and L2) on the training and on the test points now (under the lock).</summary>
    private (double Train, double Test) Losses()
    {
        var objective = _run.Objective.WithoutPenalties;
        return (objective.Value(_network, _train.Inputs, _train.Targets), objective.Value(_network, _test.Inputs, _test.Targets));
    }

    /// <summary>The network's outputs at <paramref name="size"/>² points of the square, row by row from the top, for every layer.</summary>
    private (Workspace<double> Workspace, int Size) Grid(int size)
    {
        var xs = new double[size * size];
        var ys = new double[size * size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                xs[r * size + c] = -PlaygroundData.Extent + 2 * PlaygroundData.Extent * (c + 0.5) / size;
                ys[r * size + c] = PlaygroundData.Extent - 2 * PlaygroundData.Extent * (r + 0.5) / size;
            }
        var workspace = new Workspace<double>(_network, xs.Length);
        workspace.Forward(PlaygroundData.Inputs(Setup.Features, xs, ys));
        return (workspace, size);
    }

    private static JsonArray Round(ReadOnlySpan<double> values)
    {
        var array = new JsonArray();
        foreach (double v in values) array.Add(Math.Round(v, 4));
        return array;
    }

    /// <summary>What the page draws now: epoch, losses and their history, the heatmap, every unit's thumbnail and every weight.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            var (heat, _) = Grid(HeatmapSize);
            var (thumbs, _) = Grid(ThumbnailSize);
            var units = new JsonArray();
            for (int l = 0; l < _network.Layers.Count; l++)
            {
                var output = thumbs.Output(l);
                for (int j = 0; j < _network.Layers[l].Units; j++)
                {
                    var column = new double[output.Rows];
                    for (int r = 0; r < output.Rows; r++) column[r] = output[r, j];
                    units.Add(new JsonObject { ["layer"] = l + 1, ["unit"] = j, ["values"] = Round(column) });
                }
            }
            var weights = new JsonArray();
            for (int l = 0; l < _network.Layers.Count; l++)
            {
                var layer = _network.Layers[l];
                for (int j = 0; j < layer.Units; j++)
                    for (int i = 0; i < layer.Inputs; i++)
                        weights.Add(new JsonArray(l, i, j, Math.Round(layer.Weights[j, i], 5)));
            }
            var (train, test) = Losses();
            var history = _history.Points.Select(h => (JsonNode?)new JsonArray(h.Epoch, Math.Round(h.Train, 6), Math.Round(h.Test, 6))).ToList();
            if (_history.Points[^1].Epoch != _epoch) history.Add(new JsonArray(_epoch, Math.Round(train, 6), Math.Round(test, 6)));
            return new JsonObject
            {
                ["version"] = _version,
                ["epoch"] = _epoch,
                ["playing"] = _playing,
                ["trainLoss"] = train,
                ["testLoss"] = test,
                ["history"] = new JsonArray([.. history]),
                ["learningRate"] = _run.Options.LearningRate,
                ["l2"] = _run.Options.L2,
                ["l1"] = _run.Options.L1,
                ["batchSize"] = Setup.BatchSize,
                ["epochsPerFrame"] = _epochsPerFrame,
                ["heatmapSize"] = HeatmapSize,
                ["thumbnailSize"] = ThumbnailSize,
                ["heatmap"] = Round(heat.Output(_network.Layers.Count - 1).Span),
                ["units"] = units,
                ["weights"] = weights,
            };
        }
    }

    /// <summary>The points, once per setup: x, y, label, and whether each is a training point.</summary>
    public JsonObject Points() => new()
    {
        ["x"] = Round(Data.X), ["y"] = Round(Data.Y), ["label"] = Round(Data.Label), ["train"] = Data.TrainCount,
        ["regression"] = Data.IsRegression, ["layers"] = new JsonArray([Setup.Features.Count, .. Setup.Layers.Select(u => (JsonNode?)u), 1]),
        ["features"] = new JsonArray(Setup.Features.Select(f => (JsonNode?)f).ToArray()),
        // The chart's loss in the words train, examples and explain use (E = (1/m)·Σ …).
        ["loss"] = Backprop.Losses.LossWords.Formula(_run.Options.Loss ?? "squared", _run.Options.Reduction),
    };
}
