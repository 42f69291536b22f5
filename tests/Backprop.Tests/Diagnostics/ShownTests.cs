using Backprop.Diagnostics;

namespace Backprop.Tests.Diagnostics;

/// <summary>Text from files made safe for a terminal: control characters escaped, long values cut.</summary>
public class ShownTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("\u001b]0;title\u0007\u001b[2J", "\\e]0;title\\x07\\e[2J")]
    [InlineData("a\tb\r\nc\0", "a\\tb\\r\\nc\\x00")]
    [InlineData("del\u007f c1\u009b\u0085", "del\\x7f c1\\u009b\\u0085")]
    [InlineData("bidi\u202e line\u2028", "bidi\\u202e line\\u2028")]
    [InlineData("café ∑ 😀", "café ∑ 😀")]
    public void Control_characters_are_escaped_and_the_rest_kept(string text, string shown) => Assert.Equal(shown, Shown.Value(text));

    [Fact]
    public void A_long_value_is_cut_to_a_hundred_characters_and_a_line_to_two_thousand()
    {
        Assert.Equal(new string('x', 100) + "…", Shown.Value(new string('x', 1 << 20)));
        Assert.Equal(new string('x', 100), Shown.Value(new string('x', 100)));
        Assert.Equal(new string('x', 2000) + "…", Shown.Line(new string('x', 5000)));
        Assert.Equal("", Shown.Value(null));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        string text = new string('x', 99) + "😀" + "tail";
        Assert.Equal(new string('x', 99) + "…", Shown.Value(text));
    }
}
