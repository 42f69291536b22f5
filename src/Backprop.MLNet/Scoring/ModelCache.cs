using System.Runtime.InteropServices;

namespace Backprop.MLNet.Scoring;

/// <summary>
/// The last model parsed, known by the memory its text lies in (every row brings the same stored value); text in
/// memory of no known owner is compared by content. Rows may come from several threads: the entry is replaced whole.
/// </summary>
internal sealed class ModelCache
{
    private sealed record Entry(object? Owner, int Start, int Length, string? Text, StoredModel Model);

    private volatile Entry? _last;

    public StoredModel Get(ReadOnlyMemory<char> text)
    {
        object? owner = null;
        int start = 0;
        if (MemoryMarshal.TryGetString(text, out string? s, out int at, out _)) (owner, start) = (s, at);
        else if (MemoryMarshal.TryGetArray(text, out var segment)) (owner, start) = (segment.Array, segment.Offset);
        var last = _last;
        if (last is not null && last.Length == text.Length
            && (owner is not null ? ReferenceEquals(last.Owner, owner) && last.Start == start : last.Text is not null && last.Text.AsSpan()
                .SequenceEqual(text.Span)))
            return last.Model;
        var model = StoredModel.Read(text.Span);
        _last = new Entry(owner, start, text.Length, owner is null ? text.ToString() : null, model);
        return model;
    }
}
