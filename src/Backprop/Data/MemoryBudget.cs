using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Data;

/// <summary>
/// How much memory the encoded training data may take before it goes to a memory-mapped cache on disk instead
/// (<see cref="Cache.DiskDataset{T}"/>).
/// </summary>
internal static class MemoryBudget
{
    /// <summary>
    /// Half of the memory the process may use, as the runtime reports it (<see cref="GC.GetGCMemoryInfo()"/>'s
    /// <c>TotalAvailableMemoryBytes</c>: the machine's memory, or less under a container limit or
    /// <c>DOTNET_GCHeapHardLimit</c>); the other half is left for the network, its buffers and the table being read.
    /// </summary>
    public static long Default => Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>
    /// Reads a size in bytes: a whole number, optionally with a binary suffix K, M, G or T (also KB, KiB, …), so that
    /// <c>512M</c> is 512 × 2²⁰ bytes; a fraction is allowed with a suffix (<c>1.5G</c>).
    /// </summary>
    /// <param name="text">The size.</param>
    /// <param name="setting">The setting a refusal names (default <see cref="Setting.MemoryBudgetText"/>).</param>
    /// <exception cref="BackpropException">The text is not such a size, or is not positive.</exception>
    public static long Parse(string text, Setting? setting = null)
    {
        string t = text.Trim();
        int end = t.Length;
        while (end > 0 && char.IsLetter(t[end - 1])) end--;
        string number = t[..end].Trim(), suffix = t[end..].ToUpperInvariant();
        long unit = suffix switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => 0,
        };
        if (unit == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !(value * unit >= 1) || value * unit > long.MaxValue || (unit == 1 && value != Math.Floor(value)))
            throw new BackpropException($"{setting ?? Setting.MemoryBudgetText} must be a size in bytes such as 512M, 2G or 1500000000, " +
                $"not '{text}'");
        return (long)(value * unit);
    }
}
