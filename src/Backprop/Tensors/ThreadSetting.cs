using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Tensors;

/// <summary>
/// The thread limit given by the environment variable <c>BACKPROP_THREADS</c>: unset or empty means every core
/// (<see cref="Environment.ProcessorCount"/>); otherwise it must be a whole number from 1 to <see cref="Maximum"/>, and
/// anything else (0, −1, abc, 1.5, 99999999999) is refused in one line naming the variable rather than ignored.
/// </summary>
internal static class ThreadSetting
{
    /// <summary>The variable's name.</summary>
    public const string Variable = "BACKPROP_THREADS";

    /// <summary>The largest thread count accepted.</summary>
    public const int Maximum = 1024;

    /// <summary>The limit the environment asks for, or every core when the variable is unset.</summary>
    /// <exception cref="BackpropException">The variable holds something other than a whole number from 1 to <see cref="Maximum"/>.</exception>
    public static int FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable)) ?? Environment.ProcessorCount;

    /// <summary>The thread count in <paramref name="text"/>, null when it is unset or blank.</summary>
    /// <exception cref="BackpropException">Anything other than a whole number from 1 to <see cref="Maximum"/>.</exception>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int threads) && threads is >= 1 and <= Maximum)
            return threads;
        throw new BackpropException($"{Variable} must be a whole number of threads from 1 to {Maximum:N0} (or unset for every core), not '{text}'");
    }
}
