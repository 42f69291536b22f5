using System.Text.RegularExpressions;

namespace Backprop.Tests.Docs;

/// <summary>docs/worked-examples.md, read by the tests that check the figures it quotes, so that none can go stale.</summary>
internal static class WorkedExamplesDoc
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(Root(), "docs", "worked-examples.md"));

    /// <summary>The first group of <paramref name="pattern"/>'s one match in the document, its line breaks read as spaces.</summary>
    public static string Figure(string pattern)
    {
        var matches = Regex.Matches(Regex.Replace(Text, @"[ ]*\n[ ]*", " "), pattern);
        Assert.True(matches.Count == 1, $"docs/worked-examples.md: {matches.Count} matches of {pattern}, expected one");
        return matches[0].Groups[1].Value;
    }

    /// <summary>The lines of the fenced block that starts with <c>$ backprop examples run NAME</c>, without that command line.</summary>
    public static IReadOnlyList<string> RunBlock(string name)
    {
        var match = Regex.Match(Text, $"```\\n\\$ backprop examples run {name}\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/worked-examples.md has no block of `backprop examples run {name}`");
        return match.Groups[1].Value.TrimEnd('\n').Split('\n');
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) return dir.FullName;
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }
}
