namespace Backprop.Playground;

/// <summary>
/// The bound on sessions training at once: a session takes a slot when it starts playing and gives it back when it
/// pauses (by the page, by itself at its last epoch, or because its page is gone), so a few pages share the machine and
/// any number of idle ones cost nothing.
/// </summary>
internal sealed class TrainingSlots(int max)
{
    private readonly HashSet<object> _training = [];

    /// <summary>Sessions that may train at once.</summary>
    public int Max { get; } = max;

    /// <summary>Sessions training now.</summary>
    public int Count { get { lock (_training) return _training.Count; } }

    /// <summary>Takes a slot for <paramref name="session"/> (true if it has one already); false when all are taken.</summary>
    public bool TryTake(object session)
    {
        lock (_training)
        {
            if (_training.Contains(session)) return true;
            if (_training.Count >= Max) return false;
            _training.Add(session);
            return true;
        }
    }

    public void Release(object session) { lock (_training) _training.Remove(session); }
}
