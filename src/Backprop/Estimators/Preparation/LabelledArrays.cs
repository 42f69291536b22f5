using Backprop.Tensors;

namespace Backprop.Estimators.Preparation;

/// <summary>A matrix of inputs with a class label per row: MNIST images (pixels scaled to [0, 1]), or a MAT-file's X and y.</summary>
/// <param name="Inputs">One row per sample.</param>
/// <param name="Labels">Each row's class label, as text.</param>
/// <param name="Classes">The distinct labels, in order.</param>
/// <param name="InputPrefix">The start of the input names (<c>pixel</c>, or the MAT-file's variable name).</param>
internal sealed record LabelledArrays(Matrix<double> Inputs, string[] Labels, IReadOnlyList<string> Classes, string InputPrefix);
