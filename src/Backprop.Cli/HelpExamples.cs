using System.CommandLine;

namespace Backprop.Cli;

/// <summary>Real commands to try, printed at the end of each command's <c>--help</c>.</summary>
internal static class HelpExamples
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["train"] =
        [
            "backprop train --data ../shared/data/uci/iris.csv --target species --layers 8 --standardize --validation-split 0.2 --shuffle " +
                "--optimizer gd --lr 0.1 --epochs 300 --out iris.json",
            "backprop train --data ../shared/data/mnist-t10k/t10k-images-idx3-ubyte.gz --layers 128 --optimizer adam --lr 0.001 --epochs 10 " +
                "--precision float --out digits.json",
            "backprop train --data ../shared/data/uci/iris.csv --target species --resume iris.json --epochs 600 --out iris.json",
        ],
        ["cv"] =
        [
            "backprop cv --data ../shared/data/uci/iris.csv --target species --folds 5 --stratify --layers 8 --standardize --optimizer adam --lr " +
                "0.01 --epochs 100",
            "backprop cv --data ../shared/data/uci/wine.csv --target cultivar --folds 10 --layers 16 --standardize --optimizer adam --lr 0.01 " +
                "--epochs 100 --json",
        ],
        ["search"] =
        [
            "backprop search --data ../shared/data/uci/iris.csv --target species --grid \"lr=0.1,0.01;layers=8|16,8\" --folds 5 --stratify " +
                "--standardize --optimizer adam --epochs 100 --out best.json",
            "backprop search --data ../shared/data/uci/wine.csv --target cultivar --random 20 --space " +
                "\"lr=1e-4..1e-1:log;layers=8|16|32;activation=relu|tanh\" --validation-split 0.2 --standardize --optimizer adam --out best.json",
        ],
        ["predict"] = ["backprop predict --model iris.json --data ../shared/data/uci/iris.csv --out predictions.csv",
            "cat new.csv | backprop predict --model iris.json --data -"],
        ["attribute"] = ["backprop attribute --model iris.json --data ../shared/data/uci/iris.csv --row 51",
            "backprop attribute --model iris.json --data ../shared/data/uci/iris.csv --out importance.csv --plot importance.png"],
        ["evaluate"] = ["backprop evaluate --model iris.json --data ../shared/data/uci/iris.csv",
            "backprop evaluate --model iris.json --data ../shared/data/uci/iris.csv --json"],
        ["examples"] = ["backprop examples list", "backprop examples run mazur", "backprop examples run xor --out xor.json"],
        ["run"] = ["backprop examples run xor", "backprop examples run blog --plots out/"],
        ["explain"] = ["backprop explain mazur", "backprop explain mazur --format html --out mazur.html",
            "backprop explain --model xor.json --data xor.csv --target y --sample 2"],
        ["gradcheck"] = ["backprop gradcheck --random", "backprop gradcheck --model iris.json --data ../shared/data/uci/iris.csv --target species"],
        ["plot"] = ["backprop plot loss --model digits.json --out loss.png", "backprop plot network --model iris.json --out network.svg"],
        ["report"] = ["backprop report --model digits.json --data ../shared/data/mnist-t10k/t10k-images-idx3-ubyte.gz --out report.html"],
        ["playground"] = ["backprop playground", "backprop playground --port 5000"],
        ["export"] = ["backprop export --model iris.json --format onnx --out iris.onnx"],
        ["import"] = ["backprop import --format onnx torch_mlp.onnx --out torch_mlp.json"],
        ["import-mat"] = ["backprop import-mat ../shared/data/coursera-ex4/ex4weights.mat --out ex4.json"],
        ["completion"] = ["eval \"$(backprop completion bash)\"", "backprop completion fish > ~/.config/fish/completions/backprop.fish"],
    };

    /// <summary>Makes every <c>--help</c> of <paramref name="root"/> end with its command's examples.</summary>
    public static void Add(RootCommand root)
    {
        if (root.Options.OfType<System.CommandLine.Help.HelpOption>().FirstOrDefault() is not { Action: { } standard } option) return;
        option.Action = new WithExamples(standard);
    }

    /// <summary>The usual help, then the examples.</summary>
    private sealed class WithExamples(System.CommandLine.Invocation.CommandLineAction standard)
        : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        /// <summary>As the usual help: asking for it is not an error, whatever else is missing.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parse)
        {
            int code = standard is System.CommandLine.Invocation.SynchronousCommandLineAction s ? s.Invoke(parse) : 0;
            if (Examples.TryGetValue(parse.CommandResult.Command.Name, out var examples))
            {
                var output = parse.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (string example in examples) output.WriteLine($"  {example}");
                output.WriteLine();
            }
            return code;
        }
    }
}
