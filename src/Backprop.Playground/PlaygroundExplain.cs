using Backprop.Explain;
using Backprop.Explain.Html;
using Backprop.Tensors;

namespace Backprop.Playground;

/// <summary>The explain page (<see cref="HtmlRenderer"/>) of one training step on one point, on the session's current network.</summary>
internal static class PlaygroundExplain
{
    public static string Page(PlaygroundSession session, int point)
    {
        var data = session.Data;
        if (point < 0 || point >= data.X.Length)
            throw new Diagnostics.BackpropException($"point {point} is outside 0 to {data.X.Length - 1}");
        var x = PlaygroundData.Inputs(session.Setup.Features, data.X.AsSpan(point, 1), data.Y.AsSpan(point, 1));
        var t = new Matrix<double>(1, 1);
        t[0, 0] = data.Label[point];
        var explanation = Explainer.Explain(session.Network, x, t, new ExplainOptions
        {
            Objective = session.TrainingObjective,
            LearningRate = session.Setup.LearningRate,
            Title = $"One step on point {point} ({data.X[point]:0.##}, {data.Y[point]:0.##}), label {data.Label[point]:0.###}",
            InputNames = session.Setup.Features,
        });
        return HtmlRenderer.Render([explanation]);
    }
}
