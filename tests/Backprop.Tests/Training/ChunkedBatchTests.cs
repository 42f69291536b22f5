using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Steps;

namespace Backprop.Tests.Training;

/// <summary>The data-parallel batch (<see cref="ChunkedBatch{T}"/>): the whole batch's gradient, the same bits at any thread count.</summary>
[Collection(ThreadCountCollection.Name)]
public class ChunkedBatchTests
{
    [Fact]
    public void A_batch_is_cut_by_its_size_alone()
    {
        // 128 rows at least per chunk, at most 4 chunks: 255 → 1, 256 → 2, 383 → 2, 384 → 3, 4096 → 4.
        Assert.Equal([1, 1, 2, 2, 3, 4, 4], new[] { 64, 255, 256, 383, 384, 512, 4096 }.Select(BatchChunks.For));
    }

    [Theory]
    [InlineData(300, false)] // two chunks of 150
    [InlineData(200, false)] // the last batch of an epoch: chunks of 150 and 50
    [InlineData(300, true)]
    public void Chunks_give_the_gradient_of_the_whole_batch(int count, bool weighted)
    {
        // In double the two summation orders agree to ~1e-15 relative; dropout must draw the same mask for every row.
        var (xf, tf) = RandomClasses.Make(1000, 20, 4, seed: 5);
        var (x, t) = (xf.Convert<double>(), tf.Convert<double>());
        var specs = new List<LayerSpec> { new(32, "relu") { Dropout = 0.3 }, new(16, "tanh"), new(4, "softmax") };
        var objective = new Objective(new CrossEntropy(), Reduction.Mean, L2: 1e-3, L1: 1e-4);
        var order = Enumerable.Range(0, 1000).Select(i => i * 7 % 1000).ToArray();
        const int start = 100;
        var pass = ForwardPass.Train(seed: 9, step: 4);
        Matrix<double>? weights = null;
        if (weighted)
        {
            weights = new Matrix<double>(300, 1);
            for (int i = 0; i < 300; i++) weights[i, 0] = 0.5 + i % 3;
            weights.SetRows(count);
        }

        var whole = Network<double>.Create(20, specs, seed: 2);
        var batchX = new Matrix<double>(count, 20);
        var batchT = new Matrix<double>(count, 4);
        new MatrixRows<double>(x, t).Gather(order.AsSpan(start, count), batchX, batchT);
        var workspace = new Workspace<double>(whole, count) { Pass = pass };
        double expected = objective.Evaluate(whole, workspace, batchX, batchT, weights, computeGradient: true);
        double expectedSquares = Trainer.SumOfSquaredErrors(workspace.Output(2), batchT);

        var chunked = Network<double>.Create(20, specs, seed: 2);
        var batch = new ChunkedBatch<double>(chunked, objective, 20, 4, 300);
        var (value, squares) = batch.Run(new MatrixRows<double>(x, t), order, start, count, weights, pass);

        Assert.Equal(expected, value, 1e-12);
        Assert.Equal(expectedSquares, squares, 1e-9);
        for (int p = 0; p < whole.Parameters.Count; p++)
            for (int i = 0; i < whole.Parameters[p].Length; i++)
                Assert.Equal(whole.Parameters[p].Gradient[i], chunked.Parameters[p].Gradient[i], 1e-12);
        Assert.Contains(whole.Parameters[0].Gradient, g => Math.Abs(g) > 1e-3); // not all zero
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_with_one_two_and_three_threads_at_batch_256()
    {
        // Batch 256 runs as two chunks of 128 rows; 2.5 batches an epoch, so the last batch has one chunk of 128 and an empty one.
        var (x, t) = RandomClasses.Make(640, 100, 10, seed: 6);

        float[] Train(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try
            {
                var network = Network<float>.Create(100, [new LayerSpec(64, "relu") { Dropout = 0.2 }, new LayerSpec(10, "softmax")], seed: 3);
                Trainer.Train(network, x, t, new TrainingOptions
                {
                    Objective = new Objective(new CrossEntropy(), Reduction.Mean, 1e-4),
                    Optimizer = new Adam(), LearningRate = 1e-3, BatchSize = 256, Epochs = 2, Seed = 8,
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
