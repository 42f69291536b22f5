namespace Backprop.Data.Csv;

/// <summary>Distinct byte strings numbered 0, 1, … in the order first seen; looked up from a span without allocating.</summary>
internal sealed class ByteInterner
{
    private int[] _slots = new int[64];   // code + 1, 0 when empty
    private int[] _hashes = new int[64];
    private readonly List<byte[]> _keys = [];

    /// <summary>How many distinct strings were seen.</summary>
    public int Count => _keys.Count;

    /// <summary>The bytes of <paramref name="code"/>.</summary>
    public byte[] Key(int code) => _keys[code];

    /// <summary>The code of <paramref name="key"/>, added when new (<paramref name="added"/>).</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        var hasher = new HashCode();
        hasher.AddBytes(key);
        int hash = hasher.ToHashCode();
        int mask = _slots.Length - 1;
        int i = hash & mask;
        while (_slots[i] != 0)
        {
            int code = _slots[i] - 1;
            if (_hashes[i] == hash && key.SequenceEqual(_keys[code])) { added = false; return code; }
            i = (i + 1) & mask;
        }
        added = true;
        _keys.Add(key.ToArray());
        _slots[i] = _keys.Count;
        _hashes[i] = hash;
        if (_keys.Count * 2 > _slots.Length) Grow();
        return _keys.Count - 1;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var hashes = new int[slots.Length];
        int mask = slots.Length - 1;
        for (int s = 0; s < _slots.Length; s++)
        {
            if (_slots[s] == 0) continue;
            int i = _hashes[s] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = _slots[s];
            hashes[i] = _hashes[s];
        }
        _slots = slots;
        _hashes = hashes;
    }
}
