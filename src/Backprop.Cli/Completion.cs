using System.CommandLine;

namespace Backprop.Cli;

/// <summary>
/// Shell completion: <c>backprop completion bash|zsh|fish|pwsh</c> prints a script that asks <c>backprop __complete
/// WORDS…</c> for the candidates, which come from the command tree itself (commands, options, and the values options
/// and arguments accept: example names, activations, optimisers), so the script never goes stale.
/// </summary>
internal static class Completion
{
    public static readonly string[] Shells = ["bash", "zsh", "fish", "pwsh"];

    /// <summary>The candidates for the last of <paramref name="words"/> (the words after <c>backprop</c>, the last one being typed).</summary>
    public static IEnumerable<string> Candidates(RootCommand root, string[] words)
    {
        // The value of an option (`--optimizer a`): the values that option lists, those that start with what is typed.
        if (words.Length >= 2 && words[^2].StartsWith('-'))
        {
            var command = root.Parse(words[..^2]).CommandResult.Command;
            var option = command.Options.FirstOrDefault(o => o.Name == words[^2] || o.Aliases.Contains(words[^2]));
            if (option is not null && option.CompletionSources.Count > 0)
                return option.CompletionSources.SelectMany(source => source(System.CommandLine.Completions.CompletionContext.Empty))
                    .Select(c => c.Label).Where(v => v.StartsWith(words[^1], StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        }
        var parsed = root.Parse(words);
        string typed = words.Length > 0 ? words[^1] : "";
        return parsed.GetCompletions().Select(c => c.InsertText ?? c.Label)
            .Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !c.StartsWith("-?", StringComparison.Ordinal)
                && c is not ("-h" or "/?" or "/h"));
    }

    /// <summary>Adds the values <paramref name="values"/> gives when asked (a registry's names) as the completions of
    /// <paramref name="option"/>.</summary>
    public static T Values<T>(this T option, Func<IEnumerable<string>> values) where T : Option
    {
        option.CompletionSources.Add(_ => values().Select(v => new System.CommandLine.Completions.CompletionItem(v)));
        return option;
    }

    /// <summary>Adds <paramref name="values"/> as the completions of <paramref name="option"/>.</summary>
    public static T Values<T>(this T option, IEnumerable<string> values) where T : Option
    {
        option.CompletionSources.Add(_ => values.Select(v => new System.CommandLine.Completions.CompletionItem(v)));
        return option;
    }

    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # backprop completion for bash: add to ~/.bashrc:  eval "$(backprop completion bash)"
            _backprop_complete() {
              local IFS=$'\n'
              COMPREPLY=($(compgen -W "$(backprop __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _backprop_complete backprop

            """,
        "zsh" => """
            # backprop completion for zsh: add to ~/.zshrc:  eval "$(backprop completion zsh)"
            _backprop_complete() {
              local -a candidates
              candidates=("${(@f)$(backprop __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
              compadd -a candidates
            }
            compdef _backprop_complete backprop

            """,
        "fish" => """
            # backprop completion for fish: backprop completion fish > ~/.config/fish/completions/backprop.fish
            complete -c backprop -f -a '(backprop __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'

            """,
        "pwsh" => """
            # backprop completion for PowerShell: add to $PROFILE:  backprop completion pwsh | Out-String | Invoke-Expression
            Register-ArgumentCompleter -Native -CommandName backprop -ScriptBlock {
              param($word, $ast, $cursor)
              $words = @($ast.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
              if ($word -eq '') { $words += '' }
              backprop __complete @words 2>$null |
                ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
            }

            """,
        _ => throw new Diagnostics.BackpropException($"completion: '{shell}' is not one of {string.Join(", ", Shells)}"),
    };

    /// <summary>The <c>completion</c> command.</summary>
    public static Command Command()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh" };
        shell.CompletionSources.Add(_ => Shells.Select(s => new System.CommandLine.Completions.CompletionItem(s)));
        var command = new Command("completion",
            "Print a shell completion script (bash, zsh, fish or pwsh) for commands, options and their values.") { shell };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            output.Write(Script(parse.GetValue(shell)!));
            return 0;
        }));
        return command;
    }
}
