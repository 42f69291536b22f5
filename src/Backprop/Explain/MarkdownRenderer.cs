using System.Text;

namespace Backprop.Explain;

/// <summary>An explanation as Markdown with LaTeX math (<c>$$ … $$</c> blocks), which GitHub renders.</summary>
public static class MarkdownRenderer
{
    /// <summary>The explanation as Markdown.</summary>
    public static string Render(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var md = new StringBuilder();
        md.AppendLine($"## {explanation.Title}").AppendLine();
        md.AppendLine("| setting | value |").AppendLine("|---|---|");
        foreach (var s in SettingWords.Shown(explanation.Settings)) md.AppendLine($"| {s.Key} | {s.Value} |");
        foreach (var section in explanation.Sections)
        {
            md.AppendLine().AppendLine($"### {section.Title}").AppendLine();
            foreach (var equation in section.Equations)
            {
                var parts = new List<string> { Tokens(equation.Lhs) };
                parts.AddRange(equation.Forms.Where(f => f.Count > 0).Select(Tokens));
                string value = NumberFormat.Format(equation.Value);
                if (parts[^1] != value) parts.Add(value);
                md.AppendLine("$$").AppendLine(string.Join(" = ", parts)).AppendLine("$$");
                if (equation.Document is { } d) md.AppendLine().AppendLine($"*{TextRenderer.Note(d, equation.Value)}*");
                foreach (var erratum in Erratum.Beside(explanation.Errata, equation.Key))
                    md.AppendLine().AppendLine($"> {TextRenderer.ErratumLine(erratum)}");
                md.AppendLine();
            }
            foreach (var remark in section.Remarks) md.AppendLine($"> {remark}").AppendLine();
        }
        if (explanation.ErrorHistory.Count > 0)
        {
            md.AppendLine("### Total error by step").AppendLine().AppendLine("| step | E_total |").AppendLine("|---:|---:|");
            foreach (var (step, error) in explanation.ErrorHistory) md.AppendLine($"| {step} | {Diagnostics.FixedNotation.Significant(error, 9)} |");
        }
        if (Erratum.Unplaced(explanation).ToList() is { Count: > 0 } unplaced)
        {
            md.AppendLine().AppendLine($"### {TextRenderer.UnplacedTitle}").AppendLine();
            foreach (var erratum in unplaced) md.AppendLine($"- {TextRenderer.ErratumLine(erratum)}");
        }
        return md.ToString().Replace('−', '-'); // one minus sign, as the text has it
    }

    private static string Tokens(IReadOnlyList<Token> tokens)
    {
        var parts = new List<string>();
        foreach (var token in tokens)
            parts.Add(token switch
            {
                SymbolToken s => Symbol(s),
                PartialToken p => $@"\frac{{\partial {Symbol(p.Of)}}}{{\partial {Symbol(p.By)}}}",
                NumberToken n => n.Value < 0 && tokens.Count > 1 ? $"({NumberFormat.Format(n.Value)})" : NumberFormat.Format(n.Value),
                FunctionToken { Name: "√" } f => $@"\sqrt{{{Tokens(f.Argument)}}}",
                FunctionToken f => $@"{Function(f.Name)}\left({Tokens(f.Argument)}\right)",
                TextToken t => Text(t.Text),
                OperatorToken o => o.Symbol switch { "·" => @"\cdot", "×" => @"\times", "−" => "-", "²" => "^2", "(" => @"\left(", ")" => @"\right)",
                    _ => o.Symbol },
                _ => throw new InvalidOperationException(token.ToString()),
            });
        return string.Join(" ", parts).Replace(@" ^2", "^2");
    }

    private static string Function(string name) => name switch
    {
        "σ" => @"\sigma",
        "log" => @"\log",
        "tanh" => @"\tanh",
        "" => "",
        _ => $@"\operatorname{{{name}}}",
    };

    private static string Text(string text) => text switch
    {
        "½" => @"\tfrac{1}{2}",
        "Σw²" => @"\sum w^2",
        _ when text.StartsWith("Σ over samples of") => @"\sum_{s}",
        _ when text.StartsWith("(1/") => $@"\tfrac{{1}}{{{text[3..^1]}}}",
        _ when text.StartsWith("(λ/") => $@"\tfrac{{\lambda}}{{{text[3..^1]}}}",
        _ when text.StartsWith("λ/(2·") => $@"\tfrac{{\lambda}}{{2\cdot {text[5..^1]}}}",
        _ => $@"\text{{{text.Replace(">", @"\gt ").Replace("≤", @"\le ")}}}",
    };

    private static string Symbol(SymbolToken s)
    {
        string name = s.Base switch
        {
            "δ" => @"\delta",
            "η" => @"\eta",
            "λ" => @"\lambda",
            "μ" => @"\mu",
            "ρ" => @"\rho",
            "ε" => @"\varepsilon",
            "β" => @"\beta",
            "m̂" => @"\hat{m}",
            "v̂" => @"\hat{v}",
            { Length: 1 } b => b,
            var b => $@"\mathrm{{{b}}}",
        };
        string sub = s.Subscript is null ? "" : $"_{{{s.Subscript.Replace("_", @"\_")}}}";
        string sup = s.Superscript is null ? "" : $"^{{{s.Superscript}}}";
        return name + sub + sup;
    }
}
