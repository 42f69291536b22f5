using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Tensors;

/// <summary>
/// The float fast path of <see cref="Gemm"/>'s inner blocks: 512-bit vectors and fused multiply-adds, used when the
/// processor has them. Each block sums in a fixed order, so results are deterministic on a given machine.
/// </summary>
internal static class GemmFloat512
{
    public static bool Supported => Vector512.IsHardwareAccelerated;

    /// <summary>Two rows of A against four rows of B (row length k): eight dot products into c[i, j..j+3] and c[i+1, j..j+3].</summary>
    public static void DotBlock(ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, ReadOnlySpan<float> b, int j, int k, Span<float> c, int i, int n, bool pair)
    {
        ref float x0 = ref MemoryMarshal.GetReference(a0);
        ref float x1 = ref MemoryMarshal.GetReference(a1);
        ref float y0 = ref MemoryMarshal.GetReference(b.Slice(j * k, k));
        ref float y1 = ref MemoryMarshal.GetReference(b.Slice((j + 1) * k, k));
        ref float y2 = ref MemoryMarshal.GetReference(b.Slice((j + 2) * k, k));
        ref float y3 = ref MemoryMarshal.GetReference(b.Slice((j + 3) * k, k));
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        int t = 0;
        for (; t + 16 <= k; t += 16)
        {
            var u0 = Vector512.LoadUnsafe(ref x0, (nuint)t);
            var u1 = Vector512.LoadUnsafe(ref x1, (nuint)t);
            var v0 = Vector512.LoadUnsafe(ref y0, (nuint)t);
            var v1 = Vector512.LoadUnsafe(ref y1, (nuint)t);
            var v2 = Vector512.LoadUnsafe(ref y2, (nuint)t);
            var v3 = Vector512.LoadUnsafe(ref y3, (nuint)t);
            s00 = Vector512.FusedMultiplyAdd(u0, v0, s00); s01 = Vector512.FusedMultiplyAdd(u0, v1, s01);
            s02 = Vector512.FusedMultiplyAdd(u0, v2, s02); s03 = Vector512.FusedMultiplyAdd(u0, v3, s03);
            s10 = Vector512.FusedMultiplyAdd(u1, v0, s10); s11 = Vector512.FusedMultiplyAdd(u1, v1, s11);
            s12 = Vector512.FusedMultiplyAdd(u1, v2, s12); s13 = Vector512.FusedMultiplyAdd(u1, v3, s13);
        }
        float r00 = Vector512.Sum(s00), r01 = Vector512.Sum(s01), r02 = Vector512.Sum(s02), r03 = Vector512.Sum(s03);
        float r10 = Vector512.Sum(s10), r11 = Vector512.Sum(s11), r12 = Vector512.Sum(s12), r13 = Vector512.Sum(s13);
        for (; t < k; t++)
        {
            float p0 = Unsafe.Add(ref x0, t), p1 = Unsafe.Add(ref x1, t);
            float q0 = Unsafe.Add(ref y0, t), q1 = Unsafe.Add(ref y1, t), q2 = Unsafe.Add(ref y2, t), q3 = Unsafe.Add(ref y3, t);
            r00 += p0 * q0; r01 += p0 * q1; r02 += p0 * q2; r03 += p0 * q3;
            r10 += p1 * q0; r11 += p1 * q1; r12 += p1 * q2; r13 += p1 * q3;
        }
        var row = c.Slice(i * n + j, 4);
        row[0] = r00; row[1] = r01; row[2] = r02; row[3] = r03;
        if (!pair) return;
        row = c.Slice((i + 1) * n + j, 4);
        row[0] = r10; row[1] = r11; row[2] = r12; row[3] = r13;
    }

    /// <summary>Σ x[t]·y[t].</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        Vector512<float> sum = default;
        int t = 0;
        for (; t + 16 <= x.Length; t += 16) sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)t), Vector512.LoadUnsafe(ref py, (nuint)t), sum);
        float result = Vector512.Sum(sum);
        for (; t < x.Length; t++) result += x[t] * y[t];
        return result;
    }

    /// <summary>row += f0·x0 + f1·x1 + f2·x2 + f3·x3.</summary>
    public static void Axpy4(Span<float> row, float f0, ReadOnlySpan<float> x0, float f1, ReadOnlySpan<float> x1, float f2, ReadOnlySpan<float> x2, float f3, ReadOnlySpan<float> x3)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float p0 = ref MemoryMarshal.GetReference(x0);
        ref float p1 = ref MemoryMarshal.GetReference(x1);
        ref float p2 = ref MemoryMarshal.GetReference(x2);
        ref float p3 = ref MemoryMarshal.GetReference(x3);
        var v0 = Vector512.Create(f0);
        var v1 = Vector512.Create(f1);
        var v2 = Vector512.Create(f2);
        var v3 = Vector512.Create(f3);
        int j = 0, n = row.Length;
        for (; j + 16 <= n; j += 16)
        {
            var sum = Vector512.LoadUnsafe(ref r, (nuint)j);
            sum = Vector512.FusedMultiplyAdd(v0, Vector512.LoadUnsafe(ref p0, (nuint)j), sum);
            sum = Vector512.FusedMultiplyAdd(v1, Vector512.LoadUnsafe(ref p1, (nuint)j), sum);
            sum = Vector512.FusedMultiplyAdd(v2, Vector512.LoadUnsafe(ref p2, (nuint)j), sum);
            sum = Vector512.FusedMultiplyAdd(v3, Vector512.LoadUnsafe(ref p3, (nuint)j), sum);
            sum.StoreUnsafe(ref r, (nuint)j);
        }
        for (; j < n; j++) row[j] = row[j] + f0 * x0[j] + f1 * x1[j] + f2 * x2[j] + f3 * x3[j];
    }

    /// <summary>row += f·x.</summary>
    public static void Axpy(Span<float> row, float f, ReadOnlySpan<float> x)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float p = ref MemoryMarshal.GetReference(x);
        var v = Vector512.Create(f);
        int j = 0, n = row.Length;
        for (; j + 16 <= n; j += 16) Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, (nuint)j), Vector512.LoadUnsafe(ref r, (nuint)j)).StoreUnsafe(ref r, (nuint)j);
        for (; j < n; j++) row[j] += f * x[j];
    }
}
