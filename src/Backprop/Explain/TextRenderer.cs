using System.Text;

namespace Backprop.Explain;

/// <summary>An explanation as plain text for a terminal.</summary>
public static class TextRenderer
{
    /// <summary>The explanation as text.</summary>
    public static string Render(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var text = new StringBuilder();
        text.AppendLine(explanation.Title);
        text.AppendLine(string.Join(", ", SettingWords.Shown(explanation.Settings).Select(s => $"{s.Key} {s.Value}")));
        foreach (var section in explanation.Sections)
        {
            text.AppendLine().AppendLine(section.Title);
            foreach (var equation in section.Equations)
            {
                text.AppendLine("  " + Line(equation));
                foreach (var erratum in Erratum.Beside(explanation.Errata, equation.Key)) text.AppendLine("      " + ErratumLine(erratum));
            }
            foreach (var remark in section.Remarks) text.AppendLine("  " + remark);
        }
        if (explanation.ErrorHistory.Count > 0)
        {
            text.AppendLine().AppendLine("Total error by step");
            foreach (var (step, error) in explanation.ErrorHistory)
                text.AppendLine($"  {step,8}  {Diagnostics.FixedNotation.Significant(error, 9)}"); // one notation down the column
        }
        if (Erratum.Unplaced(explanation).ToList() is { Count: > 0 } unplaced)
        {
            text.AppendLine().AppendLine(UnplacedTitle);
            foreach (var erratum in unplaced) text.AppendLine("  " + ErratumLine(erratum));
        }
        if (Summary(explanation) is string summary) text.AppendLine().AppendLine(summary);
        return text.ToString().Replace('−', '-'); // one minus sign, as numpy prints it: numbers and formulas paste into Python
    }

    /// <summary>The heading of the errata that belong to no one equation.</summary>
    internal const string UnplacedTitle = "Errata in the document's text and code";

    /// <summary>One erratum as a line.</summary>
    internal static string ErratumLine(Erratum erratum) => "✗ erratum: " + erratum.Text;

    /// <summary>How many of the document's figures agree, and how many errata its text and code has, or null when the explanation
    /// carries neither.</summary>
    internal static string? Summary(Explanation explanation)
    {
        string? figures = FigureSummary(explanation);
        int errata = explanation.Errata.Count;
        if (errata == 0) return figures;
        string more = errata == 1 ? "1 erratum in its text and code is marked ✗ erratum."
            : $"{errata} errata in its text and code are marked ✗ erratum.";
        return figures is null ? "The document's " + more : $"{figures} {char.ToUpperInvariant(more[0])}{more[1..]}";
    }

    private static string? FigureSummary(Explanation explanation)
    {
        if (!explanation.Sections.Any(s => s.Equations.Any(e => e.Document is not null))) return null;
        int wrong = explanation.Disagreements.Count();
        return wrong == 0 ? "Every figure the document printed agrees with the correct value (✓)."
            : wrong == 1 ? "1 of the document's figures does not follow from its own formulas (✗); the correct value is shown."
            : $"{wrong} of the document's figures do not follow from its own formulas (✗); the correct values are shown.";
    }

    /// <summary>One equation: <c>lhs = form = … = value</c>, then the document's figure if any.</summary>
    public static string Line(Equation equation)
    {
        ArgumentNullException.ThrowIfNull(equation);
        var parts = new List<string> { Tokens(equation.Lhs) };
        parts.AddRange(equation.Forms.Where(f => f.Count > 0).Select(Tokens));
        string value = NumberFormat.Format(equation.Value);
        if (parts[^1] != value) parts.Add(value);
        string line = string.Join(" = ", parts);
        return equation.Document is { } d ? line + "   " + Note(d, equation.Value) : line;
    }

    internal static string Note(DocumentNote d, double value)
    {
        string name = d.Name is null ? "" : d.Name + " = ";
        string mark = d.Agrees(value) ? "✓" : "✗ differs";
        string sign = d.Factor == -1 ? ", its δ is −∂E/∂net" : "";
        string remark = d.Remark is null ? "" : $"; {d.Remark}";
        return $"[document: {name}{d.Printed} {mark}{sign}{remark}]";
    }

    /// <summary>Tokens as plain text.</summary>
    internal static string Tokens(IReadOnlyList<Token> tokens)
    {
        var text = new StringBuilder();
        for (int k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            string piece = token switch
            {
                SymbolToken s => Symbol(s),
                PartialToken p => $"∂{Symbol(p.Of)}/∂{Symbol(p.By)}",
                NumberToken n => n.Value < 0 && tokens.Count > 1 ? $"({NumberFormat.Format(n.Value)})" : NumberFormat.Format(n.Value),
                FunctionToken f => $"{f.Name}({Tokens(f.Argument)})",
                TextToken t => t.Text,
                OperatorToken o => o.Symbol,
                _ => throw new InvalidOperationException(token.ToString()),
            };
            bool tight = token is OperatorToken { Symbol: ")" or "²" or "·" }
                || (token is OperatorToken { Symbol: "(" } && !(k > 0 && tokens[k - 1] is OperatorToken { Symbol: "+" or "−" or "/" }))
                || (k > 0 && tokens[k - 1] is OperatorToken { Symbol: "(" or "·" });
            if (text.Length > 0 && !tight) text.Append(' ');
            text.Append(piece);
        }
        return text.ToString();
    }

    internal static string Symbol(SymbolToken s)
    {
        string sub = s.Subscript is null ? "" : char.IsDigit(s.Subscript[0]) ? s.Subscript : "_" + s.Subscript;
        string sup = s.Superscript switch
        {
            null => "",
            "+" => "⁺",
            var p when p.All(c => char.IsAsciiDigit(c) || c == 't') => string.Concat(p.Select(c => c == 't' ? 'ᵗ' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0'])),
            _ => s.Superscript,
        };
        return s.Base + sub + sup;
    }
}
