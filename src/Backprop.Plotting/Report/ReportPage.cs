using System.Globalization;
using System.Net;
using System.Text;

namespace Backprop.Plotting.Report;

/// <summary>
/// The report as one self-contained HTML page: styles inline, pictures as <c>data:</c> URIs, and a content security policy
/// that forbids every outside request, so the page looks the same opened from a mail, a USB stick or an offline laptop.
/// </summary>
public static class ReportPage
{
    /// <summary>
    /// The attribute the page's script sets on &lt;body&gt; once it has loaded: "yes" when every picture decoded with a
    /// non-zero size, "no" otherwise. Tests read it from the page a browser rendered.
    /// </summary>
    public const string ImagesLoadedAttribute = "data-images-ok";

    /// <summary>The HTML page of <paramref name="content"/>.</summary>
    public static string Render(ReportContent content)
    {
        var model = content.Model;
        string shape = string.Join("-", new[] { model.Inputs }.Concat(model.DenseLayers.Select(l => l.Units)));
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy"
                  content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Backprop report: {{E(Path.GetFileName(content.ModelPath))}} ({{shape}})</title>
            <style>
            body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; color: #222; max-width: 1000px; margin: 2em auto; padding: 0 1em;
                   line-height: 1.45; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            .lead { color: #555; margin-top: 0; }
            table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
            th, td { border: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f4f6f8; }
            .grid { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
            figure { margin: 1em 0 2em; } figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
            figcaption { color: #555; font-size: 0.92em; margin-top: 0.4em; }
            </style>
            </head>
            <body>
            <h1>Model report: {{E(Path.GetFileName(content.ModelPath))}}</h1>
            <p class="lead">A {{shape}} network, measured on {{E(content.DataPath)}}
            ({{content.Samples.ToString("N0", CultureInfo.InvariantCulture)}} rows).</p>

            """);
        Headline(html, content);
        Summary(html, content);
        Metrics(html, content);
        html.Append("<h2>Pictures</h2>\n");
        foreach (var picture in content.Pictures)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <figure>
                <h3>{E(picture.Title)}</h3>
                <img src="{picture.Picture.DataUri}" width="{picture.Picture.Width}" height="{picture.Picture.Height}" alt="{E(picture.Title)}">
                <figcaption>{E(picture.Caption)}</figcaption>
                </figure>

                """);
        }
        html.Append($$"""
            <script>
            window.addEventListener('load', function () {
              var images = Array.prototype.slice.call(document.images);
              var broken = images.filter(function (image) { return !(image.complete && image.naturalWidth > 0 && image.naturalHeight > 0); });
              document.body.setAttribute('{{ImagesLoadedAttribute}}', images.length > 0 && broken.length === 0 ? 'yes' : 'no');
              document.body.setAttribute('data-images', images.length + ' pictures, ' + broken.length + ' not shown');
            });
            </script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>
    /// The one figure to look at first: on the rows held out in training when the model records them (data the network
    /// never learned from), with the figure on every row beside it, labelled as such.
    /// </summary>
    private static void Headline(StringBuilder html, ReportContent content)
    {
        string all = $"all {N(content.Samples)} rows, training rows included";
        string? line = (content.HeldOut, content.Classification, content.Regression) switch
        {
            ({ Classification: { } h } held, { } c, _) =>
                $"Accuracy <b>{F4(h.Accuracy)}</b> on the {N(held.Rows)} rows held out in training ({F4(c.Accuracy)} on {all}).",
            ({ Regression: { } h } held, _, { } r) =>
                $"RMSE <b>{F(h.Rmse)}</b> on the {N(held.Rows)} rows held out in training ({F(r.Rmse)} on {all}).",
            (null, { } c, _) =>
                $"Accuracy <b>{F4(c.Accuracy)}</b> on {all}: the model records no held-out rows of this file, so this includes any rows it " +
                    $"trained on.",
            (null, _, { } r) =>
                $"RMSE <b>{F(r.Rmse)}</b> on {all}: the model records no held-out rows of this file, so this includes any rows it trained on.",
            _ => null,
        };
        if (line is not null) html.Append("<p class=\"headline\">").Append(line).Append("</p>\n");
    }

    private static void Summary(StringBuilder html, ReportContent content)
    {
        var model = content.Model;
        html.Append("<h2>The " +
            "model</h2>\n<table>\n<tr><th>layer</th><th>units</th><th>activation</th><th>weights</th><th>biases</th><th>parameters</th></tr>\n");
        int width = model.Inputs, total = 0;
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><td>input</td><td class=\"n\">{model.Inputs:N0}</td><td></td><td></td><td></td><td></td></tr>\n");
        for (int l = 0; l < model.DenseLayers.Count; l++)
        {
            var layer = model.DenseLayers[l];
            int weights = layer.Units * width, biases = layer.Bias?.Length ?? 0;
            total += weights + biases;
            string name = l == model.DenseLayers.Count - 1 ? "output" : $"hidden {l + 1}";
            string bias = layer.Bias is null ? "none" : layer.TrainBias ? N(biases) : $"{N(biases)} (fixed)";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{name}</td><td class=\"n\">{N(layer.Units)}</td><td>{E(layer.Activation)}</td><td class=\"n\">{N(weights)}</td><td " +
                    $"class=\"n\">{bias}</td><td class=\"n\">{N(weights + biases)}</td></tr>\n");
            width = layer.Units;
        }
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><th colspan=\"5\">parameters in all</th><td class=\"n\"><b>{N(total)}</b></td></tr>\n</table>\n");

        var rows = new List<(string, string)>();
        if (model.Preprocessing is { } pre)
        {
            int standardised = pre.Inputs.OfType<Data.Preprocessing.NumericColumn>().Count(c => c.Standardized);
            int oneHot = pre.Inputs.OfType<Data.Preprocessing.CategoricalColumn>().Count();
            rows.Add(("inputs",
                $"{N(pre.Inputs.Count)} columns ({N(standardised)} standardised, {N(oneHot)} one-hot) → {N(pre.FeatureCount)} inputs"));
            rows.Add(("target", pre.Target.Classes is { } classes
                ? $"{E(string.Join(", ", pre.Target.Columns))}: {N(classes.Count)} classes ({E(Shorten(classes))})"
                : E(string.Join(", ", pre.Target.Columns))));
        }
        if (model.Training is { } t)
        {
            rows.Add(("loss", E(t.Loss is { } loss ? Backprop.Losses.LossWords.Formula(loss, t.Reduction, t.L2) : "not recorded")));
            rows.Add(("optimiser",
                E($"{t.Optimizer ?? "not recorded"}, learning rate " +
                    $"{F(t.LearningRate)}{(t.Schedule == "constant" ? "" : $" ({t.Schedule} schedule)")}")));
            rows.Add(("batch size", t.BatchSize is int b ? N(b) : "full batch"));
            rows.Add(t.Seed is ulong seed ? ("seed, precision", E($"{seed}, {t.Precision}")) : ("precision", E(t.Precision)));
            if (t.ValidationSplit > 0) rows.Add(("held out",
                E($"{F(t.ValidationSplit * 100)}% of the rows{(t.Shuffle ? ", after shuffling" : " (the last ones)")}")));
            rows.Add(("epochs", t.StopReason is { } stop ? E($"{N(t.Epochs)}, stopped: {StopWords(stop)}") : N(t.Epochs)));
            if (t.FinalLoss is double final) rows.Add(("final training loss", F(final)));
            if (t.LossHistory.Length > 0) rows.Add(("loss, first → last epoch", $"{F(t.LossHistory[0])} → {F(t.LossHistory[^1])}"));
            // Held-out histories have one entry per epoch, NaN where the epoch was not measured (--validation-freq).
            var measured = Enumerable.Range(0, t.ValidationLossHistory.Length).Where(e => double.IsFinite(t.ValidationLossHistory[e])).ToList();
            if (measured.Count > 0)
            {
                int best = measured.MinBy(e => t.ValidationLossHistory[e]);
                string every = measured.Count < t.ValidationLossHistory.Length ? $" (measured on {N(measured.Count)} of the epochs)" : "";
                rows.Add(("held-out loss",
                    $"{F(t.ValidationLossHistory[measured[^1]])} at epoch {N(measured[^1] + 1)}, lowest {F(t.ValidationLossHistory[best])} at " +
                        $"epoch {N(best + 1)}{every}"));
            }
            var accuracies = t.ValidationAccuracyHistory.Where(double.IsFinite).ToArray();
            if (accuracies.Length > 0) rows.Add(("held-out accuracy", $"{F(accuracies[^1])} at the end, best {F(accuracies.Max())}"));
        }
        else rows.Add(("training", "the model file records no training (it was not written by backprop train)"));
        html.Append("<h3>Training</h3>\n<table>\n");
        foreach (var (name, value) in rows) html.Append(CultureInfo.InvariantCulture, $"<tr><th>{name}</th><td>{value}</td></tr>\n");
        html.Append("</table>\n");
    }

    /// <summary>A recorded stop reason in words (<c>MaxEpochs</c> → <c>epoch limit reached</c>).</summary>
    private static string StopWords(string stop) => stop == "Checkpoint" ? "saved mid-run, to be resumed"
        : Enum.TryParse<Backprop.Training.StopReason>(stop, out var reason) ? Backprop.Training.StopReasonText.Describe(reason) : stop;

    private static void Metrics(StringBuilder html, ReportContent content)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Measures on {E(Path.GetFileName(content.DataPath))}</h2>\n");
        if (content.HeldOut is { } held)
        {
            // The held-out rows first: they say how the network does on data it did not learn from.
            html.Append(CultureInfo.InvariantCulture,
                $"<h3>On the {N(held.Rows)} rows held out in training</h3>\n<p>{E(held.How)}: the network never learned from these.</p>\n<table>\n");
            if (held.Classification is { } hc)
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><th>accuracy</th><td class=\"n\">{F4(hc.Accuracy)}</td></tr>\n<tr><th>F1 (macro)</th><td " +
                        $"class=\"n\">{F4(hc.MacroF1)}</td></tr>\n<tr><th>log-loss</th><td class=\"n\">{F4(hc.LogLoss)}</td></tr>\n");
            else if (held.Regression is { } hr)
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><th>RMSE</th><td class=\"n\">{F(hr.Rmse)}</td></tr>\n<tr><th>MAE</th><td class=\"n\">{F(hr.Mae)}</td></tr>\n<tr><th>R² " +
                        $"(mean over outputs)</th><td class=\"n\">{F4(hr.R2)}</td></tr>\n");
            html.Append("</table>\n");
            html.Append(CultureInfo.InvariantCulture, $"<h3>On all {N(content.Samples)} rows, training and held-out together</h3>\n");
        }
        if (content.Classification is { } c)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <table>
                <tr><th>accuracy</th><td class="n">{F4(c.Accuracy)}</td></tr>
                <tr><th>precision (macro)</th><td class="n">{F4(c.MacroPrecision)}</td></tr>
                <tr><th>recall (macro)</th><td class="n">{F4(c.MacroRecall)}</td></tr>
                <tr><th>F1 (macro)</th><td class="n">{F4(c.MacroF1)}</td></tr>
                <tr><th>log-loss</th><td class="n">{F4(c.LogLoss)}</td></tr>
                </table>
                <table>
                <tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>

                """);
            for (int k = 0; k < c.Classes.Count; k++)
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(c.Classes[k])}</td><td class=\"n\">{F4(c.Precision[k])}</td><td class=\"n\">{F4(c.Recall[k])}</td><td " +
                        $"class=\"n\">{F4(c.F1[k])}</td><td class=\"n\">{N(c.Support[k])}</td></tr>\n");
            html.Append("</table>\n");
        }
        else if (content.Regression is { } r)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <table>
                <tr><th>RMSE</th><td class="n">{F(r.Rmse)}</td></tr>
                <tr><th>MAE</th><td class="n">{F(r.Mae)}</td></tr>
                <tr><th>R² (mean over outputs)</th><td class="n">{F4(r.R2)}</td></tr>
                </table>

                """);
        }
    }

    private static string Shorten(IReadOnlyList<string> names) => names.Count <= 12 ? string.Join(", ", names)
        : string.Join(", ", names.Take(10)) + ", …";
    private static string E(string text) => WebUtility.HtmlEncode(text);
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    private static string F4(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
