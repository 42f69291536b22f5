using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Training;

namespace Backprop.Tests.Training;

[Collection(ThreadCountCollection.Name)]
public class AllocationTests
{
    [Theory]
    [InlineData("adam", "relu", 64)]
    [InlineData("gd", "sigmoid", 64)]
    [InlineData("momentum", "tanh", 64)]
    [InlineData("rmsprop", "leaky-relu", 64)]
    [InlineData("adam", "relu", 256)] // the data-parallel step: two chunks of 128 rows
    public void A_training_step_allocates_nothing(string optimizer, string activation, int batch)
    {
        // 300-128-10 at batch 64 is large enough for the kernels and the optimiser to split their work across threads.
        var (x, t) = RandomClasses.Make(10 * batch, 300, 10, seed: 3);
        var network = Network<float>.Create(300, [new LayerSpec(128, activation), new LayerSpec(10, "softmax")], seed: 3);
        // The bytes this thread has allocated, read after every batch: between two batches of one epoch lies exactly one
        // step (gather, forward, loss, backward, update); the epoch's own bookkeeping falls before its first batch.
        var after = new long[3 * 10];
        int calls = 0;
        Trainer.Train(network, x, t, new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy()), Optimizer = Optimizer.Create(optimizer), LearningRate = 1e-3, BatchSize = batch,
            Epochs = 3,
            OnBatch = (_, _, _) => after[calls++] = GC.GetAllocatedBytesForCurrentThread(),
        });
        Assert.Equal(30, calls);
        // Epoch 1 compiles and starts the worker threads; epochs 2 and 3 are measured.
        for (int epoch = 1; epoch < 3; epoch++)
            for (int b = 1; b < 10; b++)
                Assert.True(after[epoch * 10 + b] == after[epoch * 10 + b - 1],
                    $"epoch {epoch + 1}, batch {b + 1} allocated {after[epoch * 10 + b] - after[epoch * 10 + b - 1]} bytes");
    }
}
