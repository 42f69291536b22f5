using System.Net;
using System.Text.Json.Nodes;

namespace Backprop.Explain.Html;

/// <summary>
/// An equation cut into pieces the page can wrap, so that no equation needs a horizontal scrollbar: the left side, then
/// each right-hand form (symbols, numbers, the value) as a row, and each row as chunks that break before an operator
/// (+, −, ×, ·, /) that is at most one bracket deep. The page stacks the rows of the current equation (the factors, then their product) and
/// lets the worked equations flow; every chunk is its own small <c>&lt;math&gt;</c> element.
/// </summary>
internal static class EquationPieces
{
    private static readonly HashSet<string> Breaks = ["+", "−", "-", "×", "·", "/"];

    /// <summary><c>{ lhs, rows: [[chunk, …], …] }</c>; the last row is the value, in an element of class <c>value</c> carrying the key.</summary>
    public static JsonObject Of(Equation equation)
    {
        var rows = new JsonArray();
        foreach (var form in equation.Forms.Where(f => f.Count > 0))
        {
            if (form.Count == 1 && form[0] is NumberToken n && NumberFormat.Format(n.Value) == NumberFormat.Format(equation.Value)) continue;
            rows.Add(new JsonArray(Chunks(form).Select(c => (JsonNode?)Math(Chunk(c, form.Count > 1))).ToArray()));
        }
        string key = WebUtility.HtmlEncode(equation.Key);
        rows.Add(new JsonArray(Math($"<mn class=\"value\" data-key=\"{key}\">{NumberFormat.Format(equation.Value)}</mn>")));
        return new JsonObject { ["lhs"] = Math(MathMlRenderer.Tokens(equation.Lhs)), ["rows"] = rows };
    }

    /// <summary>The form split before each operator outside brackets or inside one pair (a sum over samples is one bracket).</summary>
    internal static List<List<Token>> Chunks(IReadOnlyList<Token> form)
    {
        var chunks = new List<List<Token>> { new() };
        int depth = 0;
        foreach (var token in form)
        {
            if (token is OperatorToken { Symbol: var s })
            {
                if (s == "(") depth++;
                else if (s == ")") depth = System.Math.Max(0, depth - 1);
                else if (depth <= 1 && Breaks.Contains(s) && chunks[^1].Count > 0) chunks.Add([]);
            }
            chunks[^1].Add(token);
        }
        return chunks;
    }

    /// <summary>A chunk as MathML; its leading operator is spaced as the binary operator it is, not as a sign (− 0.01, not −0.01).</summary>
    private static string Chunk(List<Token> chunk, bool compound) => chunk is [OperatorToken { Symbol: var s }, .. var rest] && Breaks.Contains(s)
        ? $"<mo form=\"infix\">{WebUtility.HtmlEncode(s)}</mo>" + MathMlRenderer.Tokens(rest, compound)
        : MathMlRenderer.Tokens(chunk, compound);

    private static string Math(string inner) => $"<math><mrow>{inner}</mrow></math>";
}
