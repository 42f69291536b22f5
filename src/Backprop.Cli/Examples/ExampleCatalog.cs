namespace Backprop.Cli.Examples;

/// <summary>Every built-in example, in the order they are listed.</summary>
internal static class ExampleCatalog
{
    public static IReadOnlyList<IExample> All { get; } =
    [
        new XorExample(),
        new MazurExample(),
        new GfgExample(),
        new UdacityExample(),
        new BlogExample(),
        new AdmissionsExample(),
        new DigitsExample(),
    ];

    public static IExample? Find(string name) => All.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
