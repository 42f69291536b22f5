using System.Globalization;
using System.Runtime.CompilerServices;
using Backprop.Diagnostics;

namespace Backprop.Layers;

/// <summary>
/// The memory a network takes, checked before anything is allocated: a network that cannot fit is refused with its
/// parameter count and the memory it needs, instead of failing after minutes in the allocator.
/// </summary>
internal static class NetworkSize
{
    /// <summary>Networks a training run holds at once: the one trained and the two copies kept to step back from a divergence.</summary>
    private const int TrainingCopies = 3;

    /// <summary>
    /// Refuses layers whose parameters need more memory to train (values and gradients of <see cref="TrainingCopies"/>
    /// networks) than this process may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>), or whose weight
    /// matrix is larger than one .NET array can hold.
    /// </summary>
    /// <exception cref="BackpropException">The network does not fit.</exception>
    public static void EnsureFits<T>(int inputs, IReadOnlyList<LayerSpec> layers) where T : unmanaged
    {
        long parameters = 0, largest = 0;
        int width = inputs;
        foreach (var spec in layers)
        {
            long weights = (long)width * spec.Units;
            largest = Math.Max(largest, weights);
            parameters += weights + (spec.Bias == BiasMode.None ? 0 : spec.Units);
            width = spec.Units;
        }
        double bytes = 2.0 * TrainingCopies * parameters * Unsafe.SizeOf<T>();
        string shape = string.Join("-", layers.Select(l => l.Units.ToString(CultureInfo.InvariantCulture))
            .Prepend(inputs.ToString(CultureInfo.InvariantCulture)));
        string size = $"the network {shape} has {Count(parameters)} parameters, which need {Gigabytes(bytes)} to train " +
            $"(values and gradients of the network and of the two copies training keeps, {Unsafe.SizeOf<T>()} bytes each)";
        if (Available is long available && bytes > available)
            throw new BackpropException($"{size} but this process may use {Gigabytes(available)}; choose smaller layers");
        if (largest > Array.MaxLength)
            throw new BackpropException($"{size}, and one of its weight matrices has {Count(largest)} weights, more than one array holds " +
                $"({Count(Array.MaxLength)}); choose smaller layers");
    }

    /// <summary>Refuses buffers for batches of <paramref name="capacity"/> rows that would not fit (see <see cref="Workspace{T}"/>).</summary>
    /// <exception cref="BackpropException">The buffers do not fit.</exception>
    public static void EnsureBuffersFit<T>(int inputs, IEnumerable<int> units, int capacity) where T : unmanaged
    {
        var widths = units.ToList();
        long widest = Math.Max(inputs, widths.Max());
        double values = 3.0 * capacity * widths.Sum(u => (double)u) + (double)capacity * widest;
        double bytes = values * Unsafe.SizeOf<T>();
        string need = $"batches of {Count(capacity)} rows through layers of up to {Count(widest)} units need {Gigabytes(bytes)} of buffers";
        if (Available is long available && bytes > available)
            throw new BackpropException($"{need} but this process may use {Gigabytes(available)}; choose a smaller batch or smaller layers");
        if ((double)capacity * widest > Array.MaxLength)
            throw new BackpropException($"{need}, with {Count((long)capacity * widest)} values in one buffer, more than one array holds " +
                $"({Count(Array.MaxLength)}); choose a smaller batch or smaller layers");
    }

    private static long? Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is var bytes and > 0 ? bytes : null;

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Gigabytes(double bytes) => (bytes / 1e9).ToString(bytes < 1e8 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + " GB";
}
