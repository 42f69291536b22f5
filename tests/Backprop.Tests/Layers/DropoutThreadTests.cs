using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Tests.Training;
using Backprop.Training;

namespace Backprop.Tests.Layers;

/// <summary>Dropout keeps the training step's promises: no allocation per step, the same bits at any thread count.</summary>
[Collection(ThreadCountCollection.Name)]
public class DropoutThreadTests
{
    private static Network<float> Network(ulong seed) =>
        Network<float>.Create(300, [new LayerSpec(128, "relu") { Dropout = 0.3 }, new LayerSpec(32, "tanh") { Dropout = 0.1 },
            new LayerSpec(10, "softmax")], seed);

    [Fact]
    public void A_training_step_with_dropout_allocates_nothing()
    {
        var (x, t) = RandomClasses.Make(640, 300, 10, seed: 3);
        var network = Network(3);
        var after = new long[3 * 10];
        int calls = 0;
        Trainer.Train(network, x, t, new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy()), Optimizer = new Adam(), LearningRate = 1e-3, BatchSize = 64, Epochs = 3,
            OnBatch = (_, _, _) => after[calls++] = GC.GetAllocatedBytesForCurrentThread(),
        });
        Assert.Equal(30, calls);
        for (int epoch = 1; epoch < 3; epoch++)
            for (int b = 1; b < 10; b++)
                Assert.True(after[epoch * 10 + b] == after[epoch * 10 + b - 1],
                    $"epoch {epoch + 1}, batch {b + 1} allocated {after[epoch * 10 + b] - after[epoch * 10 + b - 1]} bytes");
    }

    [Fact]
    public void Dropout_training_gives_the_same_weights_with_one_and_three_threads()
    {
        var (x, t) = RandomClasses.Make(256, 300, 10, seed: 6);
        float[] Train(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try
            {
                var network = Network(4);
                Trainer.Train(network, x, t, new TrainingOptions
                {
                    Objective = new Objective(new CrossEntropy()), Optimizer = new Adam(), LearningRate = 1e-3, BatchSize = 64, Epochs = 2, Seed = 8,
                });
                return network.Parameters.SelectMany(p => p.Values).ToArray();
            }
            finally { Gemm.MaxThreads = saved; }
        }
        Assert.Equal(Train(1), Train(3));
    }
}
