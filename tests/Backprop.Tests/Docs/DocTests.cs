using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Tests.Docs;

/// <summary>
/// Documentation that compiles, as Rust's <c>cargo test</c> runs its documentation's examples: every ```csharp block
/// of README.md and docs/*.md is a complete program, which this test extracts, compiles with Roslyn against the
/// library, and runs in a process of its own from the repository's folder (where <c>../shared/data</c> is), expecting
/// exit 0. docs/interop.md's blocks are run by the interop tests (DocExampleTests), which also hold ONNX Runtime.
/// </summary>
public sealed class DocTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) return dir.FullName;
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        string root = Root();
        foreach (string file in new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Select(f => Path.Combine("docs", Path.GetFileName(f))).Order()))
        {
            if (file.EndsWith("interop.md", StringComparison.Ordinal)) continue;
            int count = Code(Path.Combine(root, file)).Count;
            for (int k = 0; k < count; k++) data.Add(file, k + 1);
        }
        return data;
    }

    private static List<string> Code(string path) =>
        Regex.Matches(File.ReadAllText(path), "^```csharp\\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Every_csharp_block_of_the_docs_compiles_and_runs(string file, int block)
    {
        string root = Root();
        string code = Code(Path.Combine(root, file))[block - 1];
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("Backprop.Tests", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p)).ToList();
        var compilation = CSharpCompilation.Create($"DocBlock{block}",
            // The global usings of a new console project (`dotnet new console`, ImplicitUsings), as a user's program has them.
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)),
             CSharpSyntaxTree.ParseText(string.Concat(new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http",
                 "System.Threading", "System.Threading.Tasks" }
                 .Select(n => $"global using {n};\n")), new CSharpParseOptions(LanguageVersion.Latest))],
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var folder = new Cli.TempFolder();
        string program = folder.File("doc.dll");
        var emitted = compilation.Emit(program);
        Assert.True(emitted.Success, $"{file}, C# block {block} does not compile:\n" +
            string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())));

        // Beside it: the library and its dependencies (the test's own output folder has them all) and a runtime config.
        foreach (string dll in Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(d => !Path.GetFileName(d).StartsWith("Backprop.Tests", StringComparison.Ordinal)))
            File.Copy(dll, folder.File(Path.GetFileName(dll)));
        File.WriteAllText(folder.File("doc.runtimeconfig.json"),
            "{\"runtimeOptions\": {\"tfm\": \"net10.0\", \"framework\": {\"name\": \"Microsoft.NETCore.App\", \"version\": \""
                + Environment.Version.Major + ".0.0\"}, " +
            // As a file-based program (`dotnet run app.cs`) and a trimmed or AOT one run: without reflection-based JSON by default.
            "\"configProperties\": {\"System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault\": false}}}");
        // The program runs from the repository, as a reader would run it; what it saves there (wine.json) is removed after.
        var before = Directory.GetFiles(root).ToHashSet();
        var start = new ProcessStartInfo("dotnet", [program]) { WorkingDirectory = root, RedirectStandardOutput = true,
            RedirectStandardError = true };
        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            try { await run.WaitForExitAsync(limit.Token); }
            catch (OperationCanceledException) {
                run.Kill(entireProcessTree: true); Assert.Fail($"{file}, C# block {block} did not finish in 2 minutes"); }
        }
        string printed = await output, complaints = await error;
        foreach (string made in Directory.GetFiles(root).Where(f => !before.Contains(f))) File.Delete(made);
        Assert.True(run.ExitCode == 0, $"{file}, C# block {block} exited {run.ExitCode}:\n{printed}\n{complaints}");
        Assert.NotEmpty(printed); // each block prints what it computed
    }
}
