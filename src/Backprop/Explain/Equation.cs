namespace Backprop.Explain;

/// <summary>
/// One line of a worked example: <c>lhs = form₁ = form₂ = … = value</c>, each form a more numeric rewriting,
/// with the figure a document printed for it when there is one.
/// </summary>
/// <remarks>The tokens are how the renderers draw it, and stay inside the library; a caller reads the key, the value and
/// the document's figure.</remarks>
public sealed record Equation
{
    /// <summary>An equation made by the explainer.</summary>
    internal Equation(string key, IReadOnlyList<Token> lhs, IReadOnlyList<IReadOnlyList<Token>> forms, double value, DocumentNote? document = null)
    {
        (Key, Lhs, Forms, Value, Document) = (key, lhs, forms, value, document);
    }

    /// <summary>The quantity's name in JSON, e.g. <c>net_h1</c>, <c>dE/dw5</c>, <c>w5+</c>.</summary>
    public string Key { get; init; }

    /// <summary>The quantity, as tokens.</summary>
    internal IReadOnlyList<Token> Lhs { get; init; }

    /// <summary>The intermediate right-hand sides (symbols, then numbers).</summary>
    internal IReadOnlyList<IReadOnlyList<Token>> Forms { get; init; }

    /// <summary>The value.</summary>
    public double Value { get; init; }

    /// <summary>A document's printed figure for this quantity, if any.</summary>
    public DocumentNote? Document { get; init; }
}

/// <summary>
/// What a document printed for a quantity: its figure, the name it used, and the factor between its quantity and
/// ours (−1 for seeds 000, 002 and 003's δ = (target − output)·f′, which is −∂E/∂net; −η for a printed weight change).
/// </summary>
public sealed record DocumentNote(string Printed, string? Name = null, double Factor = 1, string? Remark = null)
{
    /// <summary>True when the printed figure is the correct value (times <see cref="Factor"/>) rounded to the printed digits.</summary>
    public bool Agrees(double correct) => new DocumentFigure(Printed).Agrees(Factor * correct);
}

/// <summary>A titled group of equations, with remarks after them.</summary>
public sealed record Section(string Title, IReadOnlyList<Equation> Equations, IReadOnlyList<string> Remarks);
