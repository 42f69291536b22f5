using Backprop.Data.Mat;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.Tests.Data;

/// <summary>Ng-style Theta matrices to a model: the numbering, the chain of shapes, and the layout of weights and bias.</summary>
public class ThetaImportTests
{
    private static MatVariable Theta(string name, int rows, int columns) =>
        new(name, rows, columns, Enumerable.Range(0, rows * columns).Select(i => 0.1 * i).ToArray());

    private static Dictionary<string, MatVariable> Variables(params MatVariable[] variables) => variables.ToDictionary(v => v.Name);

    [Fact]
    public void Thetas_are_found_in_numeric_order_ignoring_other_variables()
    {
        var found = ThetaImport.FindThetas(Variables(Theta("Theta10", 1, 2), Theta("X", 1, 1), Theta("Theta2", 1, 2), Theta("Theta1", 1, 2),
            Theta("Theta3", 1, 2), Theta("Theta4", 1, 2), Theta("Theta5", 1, 2), Theta("Theta6", 1, 2), Theta("Theta7", 1, 2),
            Theta("Theta8", 1, 2), Theta("Theta9", 1, 2), Theta("ThetaX", 1, 1)));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"Theta{i}"), found.Select(v => v.Name));
    }

    [Fact]
    public void A_gap_in_the_numbering_is_named()
    {
        var e = Assert.Throws<BackpropException>(() => ThetaImport.FindThetas(Variables(Theta("Theta1", 2, 3), Theta("Theta3", 1, 3))));
        Assert.Contains("Theta2 is missing", e.Message);
    }

    [Fact]
    public void No_thetas_at_all_lists_what_the_file_holds()
    {
        var e = Assert.Throws<BackpropException>(() => ThetaImport.FindThetas(Variables(Theta("X", 1, 1), Theta("y", 1, 1))));
        Assert.Contains("no Theta1", e.Message);
        Assert.Contains("X, y", e.Message);
    }

    [Fact]
    public void Another_prefix_can_be_asked_for()
    {
        var found = ThetaImport.FindThetas(Variables(Theta("W2", 1, 3), Theta("W1", 2, 4)), prefix: "W");
        Assert.Equal(["W1", "W2"], found.Select(v => v.Name));
    }

    [Fact]
    public void A_broken_chain_of_shapes_names_both_variables()
    {
        var e = Assert.Throws<BackpropException>(() => ThetaImport.ToModel([Theta("Theta1", 4, 3), Theta("Theta2", 2, 4)]));
        Assert.Contains("Theta2 has 4 columns but Theta1 has 4 rows", e.Message);
    }

    [Fact]
    public void Column_zero_is_the_bias_and_the_rest_are_the_weights()
    {
        // Theta1 = [[0, .1, .2], [.3, .4, .5]]: unit j has bias Theta[j, 0] and weight Theta[j, i + 1] from input i.
        var model = ThetaImport.ToModel([Theta("Theta1", 2, 3), Theta("Theta2", 1, 3)]);
        Assert.Equal(2, model.Inputs);
        Assert.Equal([2, 1], model.Layers.Select(l => l.Units));
        Assert.All(model.Layers, l => Assert.Equal("sigmoid", l.Activation));
        Assert.All(model.Layers, l => Assert.True(l.TrainBias));
        Assert.Equal([0.0, 0.30000000000000004], model.Layers[0].Bias!);
        Assert.Equal([0.1, 0.2], model.Layers[0].Weights[0]);
        Assert.Equal([0.4, 0.5], model.Layers[0].Weights[1]);
        Assert.Equal([0.0], model.Layers[1].Bias!);
        var network = model.ToNetwork<double>();
        var output = network.Predict(new Backprop.Tensors.Matrix<double>(1, 2, [1.0, -2.0]));
        double h0 = Sigmoid(0 + 0.1 * 1 + 0.2 * -2), h1 = Sigmoid(0.30000000000000004 + 0.4 * 1 + 0.5 * -2);
        Assert.Equal(Sigmoid(0 + 0.1 * h0 + 0.2 * h1), output[0, 0], 14);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Ex4weights_bias_of_unit_one_is_theta1_column_zero()
    {
        // independent: python struct+zlib parse of ex4weights.mat gives Theta1[0][0] = -0.022562389859934213, Theta2[9][25] = -1.3275204189639918.
        var model = ThetaImport.ToModel(ThetaImport.FindThetas(MatFile.Read(Backprop.Cli.Examples.SharedData.File("coursera-ex4/ex4weights.mat"))));
        Assert.Equal(400, model.Inputs);
        Assert.Equal([25, 10], model.Layers.Select(l => l.Units));
        Assert.Equal(-0.022562389859934213, model.Layers[0].Bias![0]);
        Assert.Equal(-1.3275204189639918, model.Layers[1].Weights[9][24]);
    }
}
