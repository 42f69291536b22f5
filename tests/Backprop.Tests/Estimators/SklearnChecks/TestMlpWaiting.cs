namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// test_mlp.py's tests of what the estimators do not have: each skip names the missing piece and what the port would check,
/// with test_mlp.py's settings and thresholds, so that the test is written when it lands.
/// </summary>
public class TestMlpWaiting
{
    [Fact(Skip = "needs early stopping on the held-out accuracy with a tolerance (early_stopping, tol 0.2, n_iter_no_change 10; " +
        "Patience/MinDelta watch the held-out loss): stops before 3000 epochs; the best validation score is the largest of " +
        "the scores and beats the last two by less than tol; without early stopping no scores are kept")]
    public void test_early_stopping() { }
}
