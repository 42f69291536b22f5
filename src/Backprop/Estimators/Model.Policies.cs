using Backprop.Data.Preprocessing;

namespace Backprop.Estimators;

public sealed partial class Model
{
    /// <summary>
    /// This model, reading a category its training rows never held as <paramref name="policy"/> says instead of as it was
    /// trained to (<c>backprop predict</c>'s and <c>evaluate</c>'s <c>--unknown</c>). The network and every other
    /// setting are the same; a model without a preprocessing section is returned as it is.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="policy"/> is not one of the enum's values.</exception>
    public Model WithUnknownCategories(UnknownCategories policy)
    {
        if (!Enum.IsDefined(policy)) throw new ArgumentOutOfRangeException(nameof(policy), policy, "not an UnknownCategories value");
        if (Preprocessing is not { } pre) return this;
        bool refuse = policy == UnknownCategories.Error;
        var inputs = pre.Inputs.Select(c => c is CategoricalColumn k ? k with { RefuseUnknown = refuse } : c).ToArray();
        return new Model(Document with { Preprocessing = pre with { Inputs = inputs } }, Path);
    }
}
