using System.Net;
using System.Text;

namespace Backprop.Explain.Html;

/// <summary>Equations as MathML, which browsers render natively: <c>lhs = form = … = value</c>.</summary>
internal static class MathMlRenderer
{
    /// <summary>One equation as a <c>&lt;math&gt;</c> element; the value is wrapped in an element of class <c>value</c> carrying its key.</summary>
    public static string Equation(Equation equation)
    {
        var math = new StringBuilder("<math display=\"block\"><mrow>");
        math.Append(Tokens(equation.Lhs));
        foreach (var form in equation.Forms.Where(f => f.Count > 0))
        {
            string rendered = Tokens(form);
            if (form.Count == 1 && form[0] is NumberToken n && NumberFormat.Format(n.Value) == NumberFormat.Format(equation.Value)) continue;
            math.Append("<mo>=</mo>").Append(rendered);
        }
        math.Append("<mo>=</mo><mn class=\"value\" data-key=\"").Append(WebUtility.HtmlEncode(equation.Key)).Append("\">")
            .Append(NumberFormat.Format(equation.Value)).Append("</mn></mrow></math>");
        return math.ToString();
    }

    /// <summary>Tokens as MathML presentation markup (no surrounding <c>&lt;math&gt;</c>).</summary>
    public static string Tokens(IReadOnlyList<Token> tokens) => Tokens(tokens, tokens.Count > 1);

    /// <summary>Tokens as MathML; <paramref name="compound"/> when they are part of a longer expression (a negative number is bracketed).</summary>
    internal static string Tokens(IEnumerable<Token> tokens, bool compound)
    {
        var math = new StringBuilder();
        foreach (var token in tokens)
            math.Append(token switch
            {
                SymbolToken s => Symbol(s),
                PartialToken p => $"<mfrac><mrow><mo>∂</mo>{Symbol(p.Of)}</mrow><mrow><mo>∂</mo>{Symbol(p.By)}</mrow></mfrac>",
                NumberToken n => n.Value < 0 && compound
                    ? $"<mo>(</mo><mn>{NumberFormat.Format(n.Value)}</mn><mo>)</mo>"
                    : $"<mn>{NumberFormat.Format(n.Value)}</mn>",
                FunctionToken { Name: "√" } f => $"<msqrt>{Tokens(f.Argument)}</msqrt>",
                FunctionToken f => (f.Name.Length == 0 ? "" : $"<mi>{Encode(f.Name)}</mi>") + $"<mo>(</mo>{Tokens(f.Argument)}<mo>)</mo>",
                TextToken t => $"<mtext>{Encode(t.Text)}</mtext>",
                OperatorToken o => $"<mo>{Encode(o.Symbol)}</mo>",
                _ => throw new InvalidOperationException(token.ToString()),
            });
        return math.ToString();
    }

    private static string Symbol(SymbolToken s)
    {
        string name = s.Base.Length == 1 ? $"<mi>{Encode(s.Base)}</mi>" : $"<mi mathvariant=\"normal\">{Encode(s.Base)}</mi>";
        string? sub = s.Subscript is null ? null : $"<mi mathvariant=\"normal\">{Encode(s.Subscript)}</mi>";
        string? sup = s.Superscript is null ? null : $"<mo>{Encode(s.Superscript)}</mo>";
        return (sub, sup) switch
        {
            (null, null) => name,
            (not null, null) => $"<msub>{name}{sub}</msub>",
            (null, not null) => $"<msup>{name}{sup}</msup>",
            _ => $"<msubsup>{name}{sub}{sup}</msubsup>",
        };
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
