using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Plotting.Charts;

/// <summary>How a row of pixel values is laid out as an image.</summary>
public enum PixelOrder
{
    /// <summary>Row after row, as MNIST's IDX files and numpy's reshape.</summary>
    RowMajor,
    /// <summary>Column after column, as MATLAB stores a reshaped image (seed 004's 20×20 digits).</summary>
    ColumnMajor,
}

/// <summary>Images given as the rows of a matrix of pixel intensities in [0, 1], with the true and the predicted label of each.</summary>
/// <param name="Pixels">One image per row, 0 the background and 1 full ink.</param>
/// <param name="Width">Pixels per image row.</param>
/// <param name="Height">Pixel rows per image.</param>
/// <param name="Order">How a matrix row maps to the image.</param>
/// <param name="Truth">The true label of each image.</param>
/// <param name="Predicted">The label the network gives each image.</param>
public sealed record DigitImages(Matrix<double> Pixels, int Width, int Height, PixelOrder Order, string[] Truth, string[] Predicted)
{
    /// <summary>Images of <paramref name="columns"/> pixels, taken as squares (28×28 for MNIST's 784, 20×20 for seed 004's 400).</summary>
    /// <exception cref="BackpropException">The number of pixels is not a square.</exception>
    public static (int Width, int Height) SquareSide(int columns, string source)
    {
        int side = (int)Math.Round(Math.Sqrt(columns));
        if (side * side != columns || side < 2)
            throw new BackpropException($"the rows have {columns} values, which is not a square image (such as 28×28 = 784)", source);
        return (side, side);
    }

    /// <summary>Intensity of pixel (<paramref name="x"/>, <paramref name="y"/>) of image <paramref name="image"/>, clamped to [0, 1].</summary>
    public double this[int image, int x, int y] =>
        Math.Clamp(Pixels[image, Order == PixelOrder.RowMajor ? y * Width + x : x * Height + y], 0, 1);
}
