using System.Reflection;
using Xunit.Abstractions;

namespace Backprop.Tests.Architecture;

/// <summary>
/// .NET's convention at the public boundary of Backprop.dll: every public constructor and method, given null for a
/// reference parameter its annotations say must not be null, throws <see cref="ArgumentNullException"/> naming that
/// parameter (not a <see cref="NullReferenceException"/> from deep inside, nor a message about another argument). The
/// members that do not yet, and those the probe cannot call (no instance or value it can make), are listed in
/// <c>PublicTypes/NullArgumentGaps.txt</c>: the list may only shrink, and a new public member must keep the convention.
/// </summary>
public class NullArgumentTests(ITestOutputHelper output)
{
    private static readonly string GapsFile = Path.Combine(PublicTypeList.Folder(), "NullArgumentGaps.txt");

    private static Dictionary<string, string> Outcomes()
    {
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in NullArgumentProbe.Types(typeof(Backprop.Tensors.Matrix<>).Assembly))
            foreach (var member in NullArgumentProbe.Members(type))
                foreach (var parameter in member.GetParameters().Where(NullArgumentProbe.NonNullableReference))
                    if (NullArgumentProbe.Probe(member, parameter) is { } problem)
                        outcomes.TryAdd(NullArgumentProbe.Name(member, parameter), problem);
        return outcomes;
    }

    [Fact]
    public void Every_public_member_names_a_null_argument_or_is_a_listed_gap()
    {
        var outcomes = Outcomes();
        var listed = File.ReadAllLines(GapsFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, problem) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"{name} — {problem}");
        var fresh = outcomes.Keys.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal).ToList();
        var mended = listed.Where(n => !outcomes.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(fresh.Count == 0,
            "A public member does not throw ArgumentNullException naming a null argument (check it first: ArgumentNullException.ThrowIfNull):"
            + string.Concat(fresh.Select(n => $"\n  {n} — {outcomes[n]}")));
        Assert.True(mended.Count == 0, $"These now keep the convention (or are gone): remove them from {GapsFile}:"
            + string.Concat(mended.Select(n => $"\n  {n}")));
    }

    [Fact]
    public void The_probe_sees_the_convention_where_it_is_kept()
    {
        var load = typeof(Backprop.Serialization.ModelFile).GetMethod("Load", [typeof(string)])!;
        Assert.Null(NullArgumentProbe.Probe(load, load.GetParameters()[0]));
        var encode = typeof(Backprop.Data.Preprocessing.Preprocessor).GetMethods().First(m => m.Name == "EncodeTargets" && !m.IsGenericMethod);
        Assert.True(NullArgumentProbe.NonNullableReference(encode.GetParameters()[0]));
        var rows = encode.GetParameters().Single(p => p.Name == "rows");
        Assert.False(NullArgumentProbe.NonNullableReference(rows));   // IReadOnlyList<int>? rows = null: null is allowed
    }
}
