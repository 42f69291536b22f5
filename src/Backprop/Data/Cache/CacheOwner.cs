using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Backprop.Data.Cache;

/// <summary>
/// The process a row cache belongs to, as its file name carries it: the process id, the process's start time and a key
/// of the machine (and, on Linux, of the process-id namespace) it runs on. From these a later process tells a cache whose
/// process has ended — killed before it could delete it — from one in use, even when the id has since been given to
/// another process; a cache of another machine or container (a shared folder) is never judged, since its processes
/// cannot be seen from here.
/// </summary>
/// <param name="Id">The process id.</param>
/// <param name="Start">The process's start time: on Linux the clock ticks from boot to its start (<c>/proc/PID/stat</c>, exact); elsewhere its start
/// time's ticks.</param>
/// <param name="Machine">Eight hexadecimal digits that stand for the machine and its process-id namespace.</param>
internal sealed record CacheOwner(int Id, long Start, string Machine)
{
    /// <summary>This process.</summary>
    public static CacheOwner Current { get; } = new(Environment.ProcessId, StartOf(Environment.ProcessId) ?? 0, MachineKey());

    /// <summary>How the owner reads in a cache's file name: <c>PID-START-MACHINE</c>.</summary>
    public string Tag => FormattableString.Invariant($"{Id}-{Start}-{Machine}");

    /// <summary>
    /// True when the owner may still be running: it is this process, or a process of its id runs here and started when
    /// it did (on systems without an exact start time, any process of its id), or it is of another machine or
    /// namespace. False only when its process has surely ended.
    /// </summary>
    public bool MayBeRunning()
    {
        if (this == Current || Machine != Current.Machine) return true;
        if (OperatingSystem.IsLinux()) return ProcStart(Id) == Start;
        try
        {
            using var process = Process.GetProcessById(Id);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }

    /// <summary>The start of process <paramref name="pid"/> as <see cref="Start"/> counts it; null when no such process runs.</summary>
    internal static long? StartOf(int pid)
    {
        if (OperatingSystem.IsLinux()) return ProcStart(pid);
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { return null; }
    }

    /// <summary>Field 22 of <c>/proc/PID/stat</c> (after the command name, which may hold spaces and parentheses, field 3 onwards).</summary>
    private static long? ProcStart(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long start) ? start : null;
    }

    /// <summary>FNV-1a of the machine's name and, on Linux, its process-id namespace (<c>/proc/self/ns/pid</c>): the same for every process that sees
    /// the same processes.</summary>
    private static string MachineKey()
    {
        string space = "";
        try { space = new FileInfo("/proc/self/ns/pid").LinkTarget ?? ""; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(Environment.MachineName + "|" + space)) hash = (hash ^ b) * 16777619;
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
