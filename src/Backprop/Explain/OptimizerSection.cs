using Backprop.Layers;

namespace Backprop.Explain;

/// <summary>The update section of a step with momentum, RMSprop, Adam or AdamW: every shown weight's state, then its new value.</summary>
internal static class OptimizerSection
{
    /// <summary>
    /// The section for <paramref name="step"/>, which took the weights of <paramref name="before"/> (holding the step's gradients) to those of
    /// <paramref name="after"/>; only the layers <paramref name="shown"/> says.
    /// </summary>
    public static Section Of(OptimizerStep step, Network<double> before, Network<double> after, Naming names, Func<int, bool> shown)
    {
        var equations = new List<Equation>(step.Corrections());
        for (int l = 0; l < before.Layers.Count; l++)
        {
            if (!shown(l)) continue;
            var layer = before.Layers[l];
            var changed = after.Layers[l];
            int weights = Block(before, layer.WeightParameter);
            for (int j = 0; j < layer.Units; j++)
            {
                for (int i = 0; i < layer.Inputs; i++)
                {
                    int k = j * layer.Inputs + i;
                    equations.AddRange(step.Update(names.Weight(l, j, i), weights, k, layer.WeightParameter.Values[k],
                        layer.WeightParameter.Gradient[k], changed.WeightParameter.Values[k], isWeight: true));
                }
                if (layer.BiasParameter is { Trainable: true } bias)
                    equations.AddRange(step.Update(names.Bias(l, j), Block(before, bias), j, bias.Values[j], bias.Gradient[j],
                        changed.BiasParameter!.Values[j], isWeight: false));
            }
        }
        return new Section(step.Title, equations, step.Remarks);
    }

    /// <summary>The index of <paramref name="parameter"/> among the network's parameters, which numbers the optimiser's state.</summary>
    private static int Block(Network<double> network, Parameter<double> parameter)
    {
        for (int p = 0; p < network.Parameters.Count; p++)
            if (ReferenceEquals(network.Parameters[p], parameter)) return p;
        throw new InvalidOperationException("The parameter is not the network's.");
    }
}
