using System.Text.RegularExpressions;

namespace Backprop.Tests.Architecture;

/// <summary>
/// The folders of src/Backprop depend on each other one way, as micrograd's <c>engine ← nn</c> and tinygrad's
/// <c>tensor ← nn ← optim</c> do: a file may name a namespace or type of a folder of a lower layer only. A back-edge (a
/// reference up, or to a folder of its own layer) fails here, naming the file, the line and the name; so does a new
/// top-level folder until it is given a place. README's source layout states the same order.
/// </summary>
public sealed class FolderGraphTests
{
    /// <summary>The layers of src/Backprop, bottom first; the folders of one layer do not reference each other.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Layers =
    [
        ["Diagnostics"],
        ["Registration"],
        ["Tensors"],
        ["Activations", "Initialization"],
        ["Layers", "Metrics"],
        ["Losses", "Optimizers"],
        ["Data"],
        ["Training"],
        ["Runs"],
        ["Serialization", "Explain"],
        ["Estimators"],
        ["ModelSelection"],
    ];

    private static string Library()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) return Path.Combine(dir.FullName, "src", "Backprop");
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }

    [Fact]
    public void Every_folder_of_the_library_references_only_folders_of_lower_layers()
    {
        string library = Library();
        var (references, errors) = FolderGraph.Scan(FolderGraph.SourceFiles(library), FolderGraph.References());
        Assert.True(errors.Count == 0,
            "the library does not compile as scanned, so names may not have bound:\n" + string.Join("\n", errors.Take(20)));

        var folders = Directory.GetDirectories(library).Select(d => Path.GetFileName(d)!).Where(d => d is not ("bin" or "obj")).Order().ToList();
        Assert.Equal(folders, Layers.SelectMany(layer => layer).Order().ToList());
        Assert.True(references.Count > 1000, $"only {references.Count} references found between folders: the scan is not binding names");

        var back = FolderGraph.BackEdges(references, Layers);
        Assert.True(back.Count == 0, $"{back.Count} references go against the folder layers (bottom first: " +
            string.Join(" ← ", Layers.Select(l => string.Join(", ", l))) + "):\n" + string.Join("\n", back.Take(40)));
        Assert.Empty(FolderGraph.TwoWayPairs(references));
    }

    [Fact]
    public void Every_namespace_is_its_folder()
    {
        var wrong = FolderGraph.SourceFiles(Library())
            .Select(f => (f.Path, Expected: string.Join(".", f.Path.Split('/')[..^1].Prepend("Backprop")),
                Declared: Regex.Match(f.Text, @"^namespace ([\w.]+)", RegexOptions.Multiline).Groups[1].Value))
            .Where(f => f.Declared != f.Expected).Select(f => $"{f.Path}: namespace {f.Declared}, folder {f.Expected}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The scanner on a small library of its own: it finds the back-edges written in each way, and only those.</summary>
    [Fact]
    public void A_back_edge_is_found_however_it_is_written_and_nothing_else_is()
    {
        (string, string)[] files =
        [
            ("Training/Trainer.cs", """
                namespace Backprop.Training;
                public static class Trainer
                {
                    public static int Epochs => Backprop.Tensors.Size.Rows;
                }
                """),
            ("Tensors/Size.cs", "namespace Backprop.Tensors;\npublic static class Size { public static int Rows => 2; }\n"),
            // Up by a qualified name.
            ("Tensors/Qualified.cs", """
                namespace Backprop.Tensors;
                public static class Qualified
                {
                    public static int Up => Backprop.Training.Trainer.Epochs;
                }
                """),
            // Up by a using directive and an unqualified type name.
            ("Tensors/Imported.cs", """
                using Backprop.Training;

                namespace Backprop.Tensors;
                public static class Imported
                {
                    public static int Up => Trainer.Epochs;
                }
                """),
            // Not up: a property named like the folder, and a doc comment's cref.
            ("Tensors/Lookalike.cs", """
                namespace Backprop.Tensors;
                /// <summary>See <see cref="Backprop.Training.Trainer"/>.</summary>
                public static class Lookalike
                {
                    public static string Training => "x";
                    public static int Length => Training.Length;
                }
                """),
        ];
        var (references, errors) = FolderGraph.Scan(files, FolderGraph.References());
        Assert.Empty(errors);

        var back = FolderGraph.BackEdges(references, [["Tensors"], ["Training"]]);
        Assert.Equal(
            ["Tensors/Imported.cs:1 Training", "Tensors/Imported.cs:6 Trainer", "Tensors/Qualified.cs:4 Trainer", "Tensors/Qualified.cs:4 Training"],
            back.Select(r => $"{r.File}:{r.Line} {r.Name[..r.Name.IndexOf(' ')]}").Order(StringComparer.Ordinal));
        Assert.All(back, r => Assert.Equal(("Tensors", "Training"), (r.From, r.To)));
        Assert.Equal([("Tensors", "Training")], FolderGraph.TwoWayPairs(references));
        // The other order: Trainer.cs's two names of Tensors go up; in one layer, every reference is against it.
        Assert.Equal([("Training/Trainer.cs", "Tensors"), ("Training/Trainer.cs", "Tensors")],
            FolderGraph.BackEdges(references, [["Training"], ["Tensors"]]).Select(r => (r.File, r.To)));
        Assert.Equal(6, FolderGraph.BackEdges(references, [["Tensors", "Training"]]).Count);
        Assert.Equal(6, FolderGraph.BackEdges(references, [["Tensors"]]).Count);
    }
}
