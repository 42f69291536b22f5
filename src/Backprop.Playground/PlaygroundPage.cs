using System.Text;

namespace Backprop.Playground;

/// <summary>The playground page: one HTML file with its style sheet and script inlined.</summary>
internal static class PlaygroundPage
{
    public static string Html { get; } = Resource("playground.html")
        .Replace("/*STYLE*/", Resource("playground.css"), StringComparison.Ordinal)
        .Replace("/*SCRIPT*/", string.Join("\n", Resource("draw.js"), Resource("network.js"), Resource("playground.js")), StringComparison.Ordinal)
        .Replace("<!--ACTIVATIONS-->", Options(PlaygroundSetup.Activations), StringComparison.Ordinal);

    /// <summary>A select's options, one per name.</summary>
    private static string Options(IEnumerable<string> names) =>
        string.Concat(names.Select(n => $"<option>{System.Net.WebUtility.HtmlEncode(n)}</option>"));

    private static string Resource(string name)
    {
        using var stream = typeof(PlaygroundPage).Assembly.GetManifestResourceStream($"Backprop.Playground.Page.{name}")
            ?? throw new InvalidOperationException($"The page resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
