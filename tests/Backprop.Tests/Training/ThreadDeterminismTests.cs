using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

[Collection(ThreadCountCollection.Name)]
public class ThreadDeterminismTests
{
    [Fact]
    public void Same_seed_gives_the_same_weights_with_one_two_and_three_threads()
    {
        // 784-128-10 at batch 64 is large enough for the kernels to split work across threads.
        var (x, t) = RandomClasses.Make(512, 784, 10, seed: 6);

        float[] Train(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try
            {
                var network = Network<float>.Create(784, [new LayerSpec(128, "relu"), new LayerSpec(10, "softmax")], seed: 3);
                Trainer.Train(network, x, t, new TrainingOptions
                {
                    Objective = new Objective(new CrossEntropy(), Reduction.Mean, 1e-4),
                    Optimizer = new Adam(), LearningRate = 1e-3, BatchSize = 64, Epochs = 2, Seed = 8,
                });
                return network.Parameters.SelectMany(p => p.Values).ToArray();
            }
            finally { Gemm.MaxThreads = saved; }
        }

        var one = Train(1);
        Assert.Equal(one, Train(2));
        Assert.Equal(one, Train(3));
    }
}
