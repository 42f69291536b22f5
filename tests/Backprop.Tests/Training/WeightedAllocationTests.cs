using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Training;

namespace Backprop.Tests.Training;

[Collection(ThreadCountCollection.Name)]
public class WeightedAllocationTests
{
    [Fact]
    public void A_weighted_training_step_allocates_nothing()
    {
        // As AllocationTests, with sample and class weights: the batch's weights are gathered into a buffer made once.
        var (x, t) = RandomClasses.Make(640, 300, 10, seed: 4);
        var network = Network<float>.Create(300, [new LayerSpec(128, "relu"), new LayerSpec(10, "softmax")], seed: 4);
        var after = new long[3 * 10];
        int calls = 0;
        Trainer.Train(network, x, t, new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy(), Reduction.Mean, L2: 1e-4), Optimizer = Optimizer.Create("adam"), LearningRate = 1e-3,
                BatchSize = 64, Epochs = 3,
            SampleWeights = Enumerable.Range(0, 640).Select(i => 0.5 + i % 3).ToArray(),
            ClassWeights = Enumerable.Range(0, 10).Select(k => 1.0 + k).ToArray(),
            OnBatch = (_, _, _) => after[calls++] = GC.GetAllocatedBytesForCurrentThread(),
        });
        Assert.Equal(30, calls);
        for (int epoch = 1; epoch < 3; epoch++)
            for (int b = 1; b < 10; b++)
                Assert.True(after[epoch * 10 + b] == after[epoch * 10 + b - 1],
                    $"epoch {epoch + 1}, batch {b + 1} allocated {after[epoch * 10 + b] - after[epoch * 10 + b - 1]} bytes");
    }
}
