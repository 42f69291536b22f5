using System.Reflection;

namespace Backprop.Tests.Architecture;

/// <summary>
/// The checked-in list of an assembly's public types (<c>PublicTypes/NAME.txt</c>, one full type name a line, sorted),
/// compared with what the assembly exports: a type that appears or disappears fails the test by name, so that growing or
/// shrinking the public surface is a decision, taken by editing the list in the same commit.
/// </summary>
public static class PublicTypeList
{
    /// <summary>The folder of the lists, in the source tree (found from the test binaries up to <c>Backprop.sln</c>).</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln")))
                return Path.Combine(dir.FullName, "tests", "Backprop.Tests", "Architecture", "PublicTypes");
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }

    /// <summary>The full names of the types <paramref name="assembly"/> exports, in ordinal order.</summary>
    public static List<string> Exported(Assembly assembly) =>
        assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The names listed for <paramref name="assembly"/> (blank lines and <c>#</c> comments left out).</summary>
    public static List<string> Listed(Assembly assembly) =>
        File.ReadAllLines(Path.Combine(Folder(), assembly.GetName().Name + ".txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    /// <summary>Fails naming every type exported but not listed and listed but not exported.</summary>
    public static void Check(Assembly assembly)
    {
        string name = assembly.GetName().Name!;
        List<string> exported = Exported(assembly), listed = Listed(assembly);
        var added = exported.Except(listed, StringComparer.Ordinal).ToList();
        var removed = listed.Except(exported, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            $"The public types of {name} changed. A public type is a promise to users, so growth is a decision: if it is "
            + $"meant, update tests/Backprop.Tests/Architecture/PublicTypes/{name}.txt in the same commit; if not, make the type internal."
            + string.Concat(added.Select(t => $"\n  added:   {t}")) + string.Concat(removed.Select(t => $"\n  removed: {t}")));
        Assert.True(listed.SequenceEqual(listed.Order(StringComparer.Ordinal)), $"{name}.txt is not sorted (ordinal order, one name a line)");
    }
}
