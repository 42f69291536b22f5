using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;

namespace Backprop.Cli.Commands;

/// <summary>
/// The table options that do nothing for MNIST images and MAT-files — <c>--standardize</c> and <c>--one-hot</c> — refused
/// when given with one, in one line with a hint, rather than accepted and ignored.
/// </summary>
internal static class ArrayOptions
{
    /// <summary>Refuses <c>--standardize</c> or <c>--one-hot</c> given on <paramref name="parse"/> with the images or MAT-file
    /// <paramref name="data"/>.</summary>
    public static void Refuse(ParseResult parse, string data)
    {
        if (!ArrayData.Is(data)) return;
        foreach (var option in new Option[] { RunOptions.Standardize, RunOptions.OneHot })
            if (parse.GetResult(option) is not null)
                throw new BackpropException($"{option.Name} applies to the columns of a table; images and MAT-files have none (their values are " +
                    "the network's inputs as they are): leave it out", data);
    }
}
