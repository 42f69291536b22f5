using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Network;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary>The pictures of a model, from its file and its data, each refusing with a clear message where it does not apply.</summary>
internal static class ModelPictures
{
    /// <summary>The loss and the held-out metric across epochs, from the model file's training history.</summary>
    public static Picture Loss(ModelDocument model, string modelPath, PictureFormat format, bool logScale)
    {
        if (model.Training is not { } training || training.LossHistory.Length + training.RmseHistory.Length == 0)
            throw new BackpropException("the model holds no training history to plot (models written by backprop train have one)", modelPath);
        return LossChart.LossAndMetric(LearningCurves.From(training), format, logScale);
    }

    /// <summary>The files <see cref="TrainingPictures"/> writes in its folder.</summary>
    public static readonly string[] TrainingPictureNames = ["loss.png", "network.png"];

    /// <summary>What <c>train --plots</c> draws: the loss curve and the network, as PNG files in <paramref name="folder"/>; returns their
    /// paths.</summary>
    public static IReadOnlyList<string> TrainingPictures(ModelDocument model, string modelPath, string folder)
    {
        var written = new List<string>();
        foreach (var (file, picture) in new[] { (TrainingPictureNames[0], Loss(model, modelPath, PictureFormat.Png, logScale: false)),
            (TrainingPictureNames[1], Network(model, PictureFormat.Png)) })
        {
            string path = Path.Combine(folder, file);
            picture.Save(path);
            written.Add(path);
        }
        return written;
    }

    /// <summary>The network with every weight, or the strongest of a large one.</summary>
    public static Picture Network(ModelDocument model, PictureFormat format, int maxEdges = DiagramOptions.DefaultMaxEdges, string? title = null) =>
        NetworkDiagram.Render(model, format, new DiagramOptions { MaxEdges = maxEdges, Title = title });

    /// <summary>
    /// Predicted against actual values per output; or, with <paramref name="input"/>, actual and predicted values against
    /// that input (seed 000's picture), in the input's own units when the model standardised it.
    /// </summary>
    public static Picture Scatter(LabelledRun run, PictureFormat format, string? input)
    {
        if (run.Classes is not null)
            throw new BackpropException("scatter draws the predictions of a regression network; this model is a classifier (plot confusion, or " +
                "digits for images)", run.ModelPath);
        var data = run.Data;
        double[]? inputValues = null;
        if (input is not null)
        {
            int column = data.FeatureNames.ToList().IndexOf(input);
            if (column < 0) throw new BackpropException($"--input: the model has no input '{input}' (its inputs: " +
                $"{string.Join(", ", data.FeatureNames)})");
            inputValues = new double[data.Count];
            var numeric = run.Model.Preprocessing?.Inputs.OfType<NumericColumn>().FirstOrDefault(c => c.Name == input);
            for (int r = 0; r < data.Count; r++)
                inputValues[r] = numeric is null ? data.Features[r, column] : data.Features[r, column] * numeric.Scale + numeric.Mean;
        }
        var outputs = Enumerable.Range(0, data.Targets.Columns).Select(k => new OutputValues(
            data.TargetNames.Count > k ? data.TargetNames[k] : $"Y{k + 1}",
            Column(data.Targets, k), Column(run.Outputs, k), input, inputValues)).ToList();
        return input is null ? ScatterChart.PredictedVsActual(outputs, format) : ScatterChart.AgainstInputs(outputs, format);
    }

    /// <summary>The confusion matrix of a classifier.</summary>
    public static Picture Confusion(LabelledRun run, PictureFormat format) =>
        ConfusionChart.Render(run.Classification
            ?? throw new BackpropException("confusion needs a classifier; this model predicts numbers (plot scatter instead)",
                run.ModelPath), format);

    /// <summary>The input images with their true and predicted labels: MNIST IDX images, or a MAT-file's square images.</summary>
    public static Picture Digits(LabelledRun run, PictureFormat format, int count, bool mistakesOnly) =>
        DigitsChart.Render(Images(run), format, count, mistakesOnly);

    /// <summary>Whether <see cref="Digits"/> applies to this data.</summary>
    public static bool HasImages(LabelledRun run) => ArrayData.Is(run.DataPath) && run.Classes is not null;

    private static DigitImages Images(LabelledRun run)
    {
        if (!ArrayData.Is(run.DataPath))
            throw new BackpropException("digits draws images: give MNIST images (*-idx3-ubyte[.gz]) or a MAT-file of square images, not a table",
                run.DataPath);
        if (run.Classes is not { } classes) throw new BackpropException("digits needs a classifier; this model predicts numbers", run.ModelPath);
        // The evaluation's features are the file's pixels as read (arrays take no preprocessing): no second read of the file.
        var (width, height) = DigitImages.SquareSide(run.Data.Features.Columns, run.DataPath);
        var order = Data.Idx.MnistFile.IsImagesFile(run.DataPath) ? PixelOrder.RowMajor : PixelOrder.ColumnMajor;
        var truth = Enumerable.Range(0, run.Data.Count).Select(r => classes[run.TrueClass(r)]).ToArray();
        var predicted = Enumerable.Range(0, run.Data.Count).Select(r => classes[run.PredictedClass(r)]).ToArray();
        return new DigitImages(run.Data.Features, width, height, order, truth, predicted);
    }

    private static double[] Column(Tensors.Matrix<double> m, int k) => Enumerable.Range(0, m.Rows).Select(r => m[r, k]).ToArray();
}
