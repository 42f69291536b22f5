namespace Backprop.Playground;

/// <summary>
/// The losses of a run over all its epochs, kept in a bounded list: every <see cref="Stride"/>-th epoch from epoch 0, the
/// stride doubling (and every other point going) whenever the list is full. The curve drawn from it is the real curve
/// sampled evenly from its start, however long the run: nothing is dropped from the beginning.
/// </summary>
internal sealed class LossHistory
{
    private readonly List<(int Epoch, double Train, double Test)> _points = [];
    private readonly int _capacity;

    /// <param name="capacity">The most points kept (even, at least 2).</param>
    public LossHistory(int capacity = 1000) => _capacity = capacity;

    /// <summary>Epochs between two kept points.</summary>
    public int Stride { get; private set; } = 1;

    /// <summary>The points kept, oldest first.</summary>
    public IReadOnlyList<(int Epoch, double Train, double Test)> Points => _points;

    /// <summary>Whether <paramref name="epoch"/> is one to keep (its losses are then worth computing).</summary>
    public bool Wants(int epoch) => epoch % Stride == 0 && (_points.Count == 0 || epoch > _points[^1].Epoch);

    /// <summary>Keeps the losses after <paramref name="epoch"/> if <see cref="Wants"/> it.</summary>
    public void Add(int epoch, double train, double test)
    {
        if (!Wants(epoch)) return;
        _points.Add((epoch, train, test));
        if (_points.Count < _capacity) return;
        Stride *= 2;
        // Keep the epochs that are multiples of the new stride: epoch 0 always, then evenly on.
        _points.RemoveAll(p => p.Epoch % Stride != 0);
    }

    public void Clear()
    {
        _points.Clear();
        Stride = 1;
    }
}
