namespace Backprop.Explain;

/// <summary>A piece of a written-out formula; renderers turn tokens into plain text or LaTeX.</summary>
internal abstract record Token;

/// <summary>A named quantity such as net_h1, w5 or δ_o1.</summary>
/// <param name="Base">The name: <c>net</c>, <c>out</c>, <c>w</c>, <c>δ</c>, <c>E</c>, <c>η</c>, …</param>
/// <param name="Subscript">Its index: <c>h1</c>, <c>5</c>, …</param>
/// <param name="Superscript">e.g. <c>+</c> for an updated weight.</param>
internal sealed record SymbolToken(string Base, string? Subscript = null, string? Superscript = null) : Token;

/// <summary>∂Of/∂By.</summary>
internal sealed record PartialToken(SymbolToken Of, SymbolToken By) : Token;

/// <summary>A number, shown with up to nine decimals.</summary>
internal sealed record NumberToken(double Value) : Token;

/// <summary>An operator or bracket: <c>+</c>, <c>−</c>, <c>·</c>, <c>×</c>, <c>(</c>, <c>)</c>, <c>/</c>.</summary>
internal sealed record OperatorToken(string Symbol) : Token;

/// <summary>A function applied to an argument: σ(net_h1), f′(net_o1), log(out_o1).</summary>
internal sealed record FunctionToken(string Name, IReadOnlyList<Token> Argument) : Token;

/// <summary>Words inside a formula.</summary>
internal sealed record TextToken(string Text) : Token;
