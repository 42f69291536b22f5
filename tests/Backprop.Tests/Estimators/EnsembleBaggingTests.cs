using Backprop.Estimators;
using Backprop.Tensors;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="MlpOptions.Ensemble"/>'s members after the first each draw their own shuffle and held-out rows from their
/// own seed, as a run with that <see cref="MlpOptions.Seed"/> would: checked against the split computed outside the
/// library and against the members fitted one at a time.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public sealed class EnsembleBaggingTests
{
    private static (double[,] X, double[] Y) Curve()
    {
        var x = new double[20, 2];
        var y = new double[20];
        for (int r = 0; r < 20; r++)
        {
            (x[r, 0], x[r, 1]) = (r / 19.0, (r * 7 % 20) / 19.0);
            y[r] = Math.Sin(3 * x[r, 0]) + x[r, 1] * x[r, 1];
        }
        return (x, y);
    }

    // Nothing fitted on the rows but the weights (no standardising of inputs or target), so a member's network depends only
    // on its seed and the rows it trains on; a quarter of the 20 rows (5) held out, after a shuffle from the seed.
    private static readonly MlpOptions Bagged = new()
    {
        HiddenLayers = [6], Epochs = 30, ValidationFraction = 0.25, Seed = 5, Standardize = false, ScaleTarget = false,
    };

    // The held-out rows of seeds 5, 5 + φ·2^64 and 5 + 2·φ·2^64 (mod 2^64, φ·2^64 = 0x9E3779B97F4A7C15: MemberSeed), computed
    // in Python from the generator's definition (xoshiro256** seeded by SplitMix64 from seed ^ 4·0xD1B54A32D192ED03, the split's
    // stream; Fisher–Yates from the last row, j = r mod (i + 1) rejecting r ≥ 2^64 − 2^64 mod (i + 1); the last 5 of the order):
    //   seed 5                    → [1, 5, 6, 0, 2]
    //   seed 11400714819323198490 → [14, 6, 2, 7, 19]
    //   seed 4354685564936845359  → [8, 13, 18, 7, 1]
    private static readonly int[][] HeldOut = [[1, 5, 6, 0, 2], [14, 6, 2, 7, 19], [8, 13, 18, 7, 1]];

    [Fact]
    public void Each_member_holds_out_the_rows_its_own_seed_draws()
    {
        var (x, y) = Curve();
        Assert.Equal([5UL, 11400714819323198490UL, 4354685564936845359UL], Enumerable.Range(0, 3).Select(m => MlpEstimator.MemberSeed(5, m)));
        var alone = Enumerable.Range(0, 3)
            .Select(m => new MlpRegressor(Bagged with { Seed = MlpEstimator.MemberSeed(5, m) }).Fit(x, y, CancellationToken.None))
            .ToList();
        for (int m = 0; m < 3; m++) Assert.Equal(HeldOut[m], alone[m].ValidationRows);
        // The ensemble is the mean of those three runs, each trained on its own 15 rows (sharing the first's 15 rows would not be).
        var ensemble = new MlpRegressor(Bagged with { Ensemble = 3 }).Fit(x, y, CancellationToken.None);
        var members = alone.Select(a => a.Predict(x)).ToList();
        var predicted = ensemble.Predict(x);
        for (int r = 0; r < 20; r++) Assert.Equal((members[0][r] + members[1][r] + members[2][r]) / 3, predicted[r], 12);
        // What the ensemble reports as held out is the first member's, measured with the first member alone: the mean network
        // saw some of those rows in training (member 2 trained on rows 0, 1 and 5, member 3 on 0, 2, 5 and 6).
        Assert.Equal(HeldOut[0], ensemble.ValidationRows);
        Assert.Equal(alone[0].Measures["validation"], ensemble.Measures["validation"]);
    }

    [Fact]
    public void The_members_draws_do_not_depend_on_the_thread_count()
    {
        var (x, y) = Curve();
        double[] Fit(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try { return new MlpRegressor(Bagged with { Ensemble = 3 }).Fit(x, y, CancellationToken.None).Predict(x); }
            finally { Gemm.MaxThreads = saved; }
        }
        var one = Fit(1);
        Assert.Equal(one, Fit(2));
        Assert.Equal(one, Fit(3));
    }
}
