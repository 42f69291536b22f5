using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Tests.Architecture;

/// <summary>One reference from a file under one top-level folder of src/Backprop to a namespace or type of another.</summary>
/// <param name="File">The file's path under src/Backprop, with forward slashes.</param>
/// <param name="Line">The reference's line, from 1.</param>
/// <param name="From">The folder the file is in.</param>
/// <param name="To">The folder of the namespace or type referenced.</param>
/// <param name="Name">The name as written, and the namespace or type it binds to.</param>
public sealed record FolderReference(string File, int Line, string From, string To, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}: {From} → {To} ({Name})";
}

/// <summary>
/// The folder graph of src/Backprop, measured with the compiler. Every file is bound by Roslyn, and every name in its code
/// that binds to a namespace <c>Backprop.Y…</c> or to a type declared in one is a reference from the file's folder to Y:
/// using directives (global ones too), qualified names, unqualified type names brought in by a using or an enclosing
/// namespace, attributes, <c>nameof</c>, and <c>var</c> (which names the type it stands for). A name that binds to a member
/// (a property <c>Data</c>, a method) is not a reference, nor is a doc-comment <c>cref</c> (documentation, not code).
/// Namespaces map 1:1 to folders (<c>Backprop.Y.Z</c> lives in <c>src/Backprop/Y/Z</c>), so a namespace's folder is its
/// second part.
/// </summary>
public static class FolderGraph
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview, DocumentationMode.Parse);

    /// <summary>The implicit usings of an SDK project (ImplicitUsings enable), as the build adds them.</summary>
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; " +
        "global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>
    /// Errors the scan accepts: a partial method whose other part a source generator writes (the build runs the
    /// generators, this compilation does not). Any other error means a name may not have bound, and fails the scan.
    /// </summary>
    private static readonly string[] GeneratorErrors = ["CS8795"];

    /// <summary>The files of src/Backprop: (path relative to it with forward slashes, text); bin/ and obj/ left out.</summary>
    public static List<(string Path, string Text)> SourceFiles(string library) =>
        Directory.GetFiles(library, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(library, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(Path.Combine(library, f))))
            .ToList();

    /// <summary>The assemblies of this process but the project's own: the framework and the library's packages.</summary>
    public static List<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("Backprop", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();

    /// <summary>The references of the given files to namespaces and types of other top-level folders, and the compiler's errors.</summary>
    /// <param name="files">(path relative to src/Backprop, text) of every file of the assembly.</param>
    /// <param name="references">The assemblies the library compiles against (its own left out).</param>
    public static (List<FolderReference> References, List<string> Errors) Scan(
        IEnumerable<(string Path, string Text)> files, IEnumerable<MetadataReference> references)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, Parse, f.Path)).ToList();
        var compilation = CSharpCompilation.Create("BackpropFolders", [.. trees, CSharpSyntaxTree.ParseText(ImplicitUsings, Parse)],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratorErrors.Contains(d.Id)).Select(d => d.ToString()).ToList();
        var named = Names(compilation.GlobalNamespace.GetNamespaceMembers().Where(n => n.Name == "Backprop")).Append("var").ToHashSet();
        var found = new List<FolderReference>();
        foreach (var tree in trees)
        {
            string from = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>().Where(n => named.Contains(n.Identifier.ValueText)))
            {
                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                string? to = symbol switch
                {
                    INamespaceSymbol space => FolderOfNamespace(space.ToDisplayString()),
                    ITypeSymbol { ContainingNamespace: { } space } => FolderOfNamespace(space.ToDisplayString()),
                    _ => null,
                };
                if (to is null || to == from) continue;
                int line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                found.Add(new FolderReference(tree.FilePath, line, from, to, $"{name} = {symbol!.ToDisplayString()}"));
            }
        }
        return (found, errors);
    }

    /// <summary>
    /// The names of the library's namespaces and types, nested ones too: only a name among them can bind to one, so only
    /// those are bound (binding is the slow part).
    /// </summary>
    private static IEnumerable<string> Names(IEnumerable<INamespaceOrTypeSymbol> symbols) =>
        symbols.SelectMany(s => Names(s is INamespaceSymbol space ? space.GetMembers() : s.GetTypeMembers()).Prepend(s.Name));

    /// <summary>
    /// The references that go against <paramref name="layers"/> (bottom first; the folders of one layer are independent):
    /// to a folder of the same layer or a higher one, or from or to a folder the order does not place.
    /// </summary>
    public static List<FolderReference> BackEdges(IEnumerable<FolderReference> references, IReadOnlyList<IReadOnlyList<string>> layers)
    {
        var rank = layers.SelectMany((layer, k) => layer.Select(folder => (folder, k))).ToDictionary(p => p.folder, p => p.k);
        return references.Where(r => !rank.TryGetValue(r.From, out int from) || !rank.TryGetValue(r.To, out int to) || to >= from).ToList();
    }

    /// <summary>The pairs of folders that reference each other, each pair once (alphabetical).</summary>
    public static List<(string, string)> TwoWayPairs(IEnumerable<FolderReference> references)
    {
        var edges = references.Select(r => (r.From, r.To)).ToHashSet();
        return edges.Where(e => string.CompareOrdinal(e.From, e.To) < 0 && edges.Contains((e.To, e.From))).Order().ToList();
    }

    /// <summary>The top-level folder of a path relative to src/Backprop ("" for a file at its root).</summary>
    public static string FolderOf(string path) => path.Contains('/') ? path[..path.IndexOf('/')] : "";

    /// <summary>The top-level folder of a namespace of the library, or null for one outside <c>Backprop.Y…</c>.</summary>
    public static string? FolderOfNamespace(string space)
    {
        string[] parts = space.Split('.');
        return parts.Length >= 2 && parts[0] == "Backprop" ? parts[1] : null;
    }
}
