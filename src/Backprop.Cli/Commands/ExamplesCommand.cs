using System.CommandLine;
using Backprop.Cli.Examples;
using Backprop.Diagnostics;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop examples list|run NAME</c>: the systems of the seed documents.</summary>
internal static class ExamplesCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the built-in examples.");
        list.SetAction(parse => CliApp.Guard(parse, output =>
        {
            foreach (var example in ExampleCatalog.All) output.WriteLine($"{example.Name,-10} {example.Title}");
            return 0;
        }));

        var name = new Argument<string>("name") { Description = "example to run (see 'backprop examples list')" };
        name.CompletionSources.Add(_ => ExampleCatalog.All.Select(e => new System.CommandLine.Completions.CompletionItem(e.Name)));
        var seed = new Option<ulong?>("--seed") { Description = "seed for the examples that draw random numbers (xor, blog)" };
        var plots = new Option<string?>("--plots") { Description =
            "write the example's pictures (PNG) to this folder, made if missing (blog: the blog post's three pictures)" };
        var keep = new Option<string?>("--out") { Description =
            "save the network the example trained as a model file, with its loss, learning rate and history" };
        var run = new Command("run", "Run a built-in example and print its numbers.") { name, seed, plots, keep };
        CommandFiles.Of(run).Writes(keep).WritesIn(plots, _ => BlogExample.PictureNames).Runs((parse, output) =>
        {
            string requested = parse.GetValue(name)!;
            var example = ExampleCatalog.Find(requested)
                ?? throw new BackpropException($"no example called '{requested}' (available: " +
                    $"{string.Join(", ", ExampleCatalog.All.Select(e => e.Name))})");
            if (parse.GetValue(seed) is ulong s)
                example = example switch
                {
                    XorExample => new XorExample { Seed = s },
                    BlogExample => new BlogExample { Seed = s },
                    AdmissionsExample => new AdmissionsExample { Seed = s },
                    DigitsExample => new DigitsExample { Seed = s },
                    _ => throw new BackpropException($"--seed: the {example.Name} example draws no random numbers"),
                };
            if (parse.GetValue(keep) is string path)
            {
                Serialization.ModelDocument? model = null;
                if (example is not IModelExample trains)
                {
                    // mazur, gfg, udacity: the network of the worked step, trained as the example describes.
                    if (parse.GetValue(plots) is not null)
                        throw new BackpropException($"--plots: the {example.Name} example draws no pictures (those that do: " +
                            $"{string.Join(", ", ExampleCatalog.All.OfType<IPicturedExample>().Select(e => e.Name))})");
                    int ran = example.Run(output);
                    Serialization.ModelFile.Save(path, ExampleModels.Stepped(((IExplainable)example).Scenario, ExampleModels.Steps(example)));
                    output.WriteLine($"model written to {path}");
                    return ran;
                }
                string? pictures = parse.GetValue(plots) is string p ? OutputFolder.Create(p, "--plots") : null;
                int code = pictures is not null && example is BlogExample blog ? blog.Run(output, pictures, m => model = m)
                    : pictures is null ? trains.Run(output, m => model = m)
                    : throw new BackpropException($"--plots: the {example.Name} example draws no pictures (those that do: " +
                        $"{string.Join(", ", ExampleCatalog.All.OfType<IPicturedExample>().Select(e => e.Name))})");
                Serialization.ModelFile.Save(path, model!);
                output.WriteLine($"model written to {path}");
                return code;
            }
            if (parse.GetValue(plots) is not string folder) return example.Run(output);
            if (example is not IPicturedExample pictured)
                throw new BackpropException($"--plots: the {example.Name} example draws no pictures (those that do: " +
                    $"{string.Join(", ", ExampleCatalog.All.OfType<IPicturedExample>().Select(e => e.Name))})");
            return pictured.Run(output, OutputFolder.Create(folder, "--plots"));
        });

        return new Command("examples",
            "The worked examples of the classic backpropagation tutorials: Mazur's, GeeksforGeeks', the Udacity lesson's, Andrew Ng's exercise " +
                "and a blog's.") { list, run };
    }
}
