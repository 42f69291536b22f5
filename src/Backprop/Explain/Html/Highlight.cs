namespace Backprop.Explain.Html;

/// <summary>
/// What an equation touches on the drawing, found from its symbols: w5 and b_h1 are edges, i1 is an input unit, and
/// net_h1, out_o1, δ_o1 and E_o1 belong to their unit. The primary element is the equation's subject: the weight of
/// ∂E/∂w5 and of w5⁺, the unit of net_h1 or δ_o1.
/// </summary>
internal static class Highlight
{
    /// <summary>The subject of <paramref name="equation"/>, or null when it is about the whole network (E_total).</summary>
    public static string? Primary(Equation equation, ISet<string> names)
    {
        foreach (var token in equation.Lhs)
        {
            if (token is PartialToken p) return Name(p.By, names) ?? Name(p.Of, names);
            if (token is SymbolToken s && Name(s, names) is string name) return name;
        }
        return null;
    }

    /// <summary>Every named element the equation mentions, its subject first.</summary>
    public static IReadOnlyList<string> Touched(Equation equation, ISet<string> names)
    {
        var found = new List<string>();
        if (Primary(equation, names) is string primary) found.Add(primary);
        void Visit(IEnumerable<Token> tokens)
        {
            foreach (var token in tokens)
            {
                switch (token)
                {
                    case SymbolToken s when Name(s, names) is string name && !found.Contains(name): found.Add(name); break;
                    case PartialToken p: Visit([p.Of, p.By]); break;
                    case FunctionToken f: Visit(f.Argument); break;
                }
            }
        }
        Visit(equation.Lhs);
        foreach (var form in equation.Forms) Visit(form);
        return found;
    }

    private static string? Name(SymbolToken symbol, ISet<string> names)
    {
        string key = Naming.Key(symbol);
        if (names.Contains(key)) return key;
        return symbol.Subscript is string unit && names.Contains(unit) ? unit : null;
    }
}
