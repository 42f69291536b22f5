namespace Backprop.Explain;

/// <summary>
/// One line of a worked example: <c>lhs = form₁ = form₂ = … = value</c>, each form a more numeric rewriting,
/// with the figure a document printed for it when there is one.
/// </summary>
/// <param name="Key">The quantity's name in JSON, e.g. <c>net_h1</c>, <c>dE/dw5</c>, <c>w5+</c>.</param>
/// <param name="Lhs">The quantity, as tokens.</param>
/// <param name="Forms">The intermediate right-hand sides (symbols, then numbers).</param>
/// <param name="Value">The value.</param>
/// <param name="Document">A document's printed figure for this quantity, if any.</param>
public sealed record Equation(string Key, IReadOnlyList<Token> Lhs, IReadOnlyList<IReadOnlyList<Token>> Forms, double Value,
    DocumentNote? Document = null);

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
