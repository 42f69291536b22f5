using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Tensors;

/// <summary>
/// The kernel seam: the three matrix products backpropagation needs, over row-major spans, register-blocked and
/// vectorised with <see cref="Vector{T}"/>, and split across cores by output rows when the work is large.
/// Every output element is summed in a fixed order by one thread, so the bits do not depend on the thread count.
/// <see cref="GemmReference"/> holds the plain loops they are tested against.
/// </summary>
internal static partial class Gemm
{
    /// <summary>The bytes of a block of B that a kernel keeps reusing from the core's own cache (L2 is 512 KiB or more).</summary>
    internal const int CacheBlockBytes = 192 * 1024;

    /// <summary>
    /// Whether the 512-bit kernels of <see cref="Gemm512"/> are used: when the processor has 512-bit vectors, unless
    /// turned off (tests turn it off to check the portable <see cref="Vector{T}"/> kernels on such a machine too).
    /// </summary>
    internal static bool Use512 { get; set; } = Gemm512.Supported;

    /// <summary>Products smaller than this many multiply-adds run on one thread.</summary>
    private const long ParallelThreshold = 1L << 21;

    /// <summary>
    /// The most threads a kernel or an optimiser step uses: the environment variable <c>BACKPROP_THREADS</c> when set, else
    /// <see cref="Environment.ProcessorCount"/> (tests pin it to show determinism). Read at the first use, so that a bad
    /// value is a <see cref="Diagnostics.BackpropException"/> naming the variable (see <see cref="ThreadSetting"/>), not a
    /// type initialisation failure.
    /// </summary>
    internal static int MaxThreads
    {
        get => _maxThreads > 0 ? _maxThreads : _maxThreads = ThreadSetting.FromEnvironment();
        set => _maxThreads = value;
    }

    private static int _maxThreads;

    /// <summary>C[m×n] = A[m×k] · B[n×k]ᵀ. Forward pass: net = X · Wᵀ.</summary>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); return; }
        ForRows(m, (long)m * n * k, 4, a, b, c, new TransposedBKernel<T>(n, k));
    }

    /// <summary>
    /// C[m×n] = A[m×k] · B[n×k]ᵀ, then <paramref name="epilogue"/> over each range of rows as soon as they are done, on the
    /// thread that computed them, while they are still in its cache: the forward pass with its bias and activation fused.
    /// </summary>
    public static void MultiplyTransposedB<T, TEpilogue>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IRowEpilogue
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); epilogue.Run(0, m); return; }
        ForRows(m, (long)m * n * k, 4, a, b, c, new ThenKernel<T, TransposedBKernel<T>, TEpilogue>(new TransposedBKernel<T>(n, k), epilogue));
    }

    /// <summary>A kernel followed by an epilogue on the same rows.</summary>
    private readonly struct ThenKernel<T, TKernel, TEpilogue>(TKernel kernel, TEpilogue epilogue) : IRowKernel<T>
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IRowKernel<T>
        where TEpilogue : struct, IRowEpilogue
    {
        public void Run(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int first, int last)
        {
            kernel.Run(a, b, c, first, last);
            epilogue.Run(first, last);
        }
    }

    private readonly struct TransposedBKernel<T>(int n, int k) : IRowKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int first, int last)
        {
            if (Use512)
            {
                // Four rows of A at a time against four rows of B; the last columns one dot product each. Both are taken
                // a block of rows at a time, small enough for a block of each to stay in the core's cache while the
                // rows of one pass the other: a batch of a few hundred rows is one block of A, a data set many.
                int block = Math.Max(4, CacheBlockBytes / (k * Unsafe.SizeOf<T>()) / 4 * 4);
                int rowsBlock = Math.Max(4, 3 * CacheBlockBytes / (k * Unsafe.SizeOf<T>()) / 4 * 4);
                if (typeof(T) == typeof(float) && Avx512F.IsSupported && k % 16 == 0)
                {
                    // Eight rows of A against two of B: the same sums as the four-by-four blocks below, half the reads of B.
                    Gemm512.ForwardFloat(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c), first,
                        last, n, k, block, rowsBlock);
                    return;
                }
                for (int i0 = first; i0 < last; i0 += rowsBlock)
                {
                    int i1 = Math.Min(last, i0 + rowsBlock);
                    for (int j0 = 0; j0 < n; j0 += block)
                    {
                        int j1 = Math.Min(n, j0 + block);
                        for (int i = i0; i < i1; i += 4)
                        {
                            int rows = Math.Min(4, i1 - i);
                            int j = j0;
                            for (; j + 4 <= j1; j += 4) Gemm512.DotBlock4(a, i, rows, b, j, k, c, n);
                            for (; j < j1; j++)
                                for (int r = 0; r < rows; r++) c[(i + r) * n + j] = Gemm512.Dot(a.Slice((i + r) * k, k), b.Slice(j * k, k));
                        }
                    }
                }
                return;
            }
            for (int i = first; i < last; i += 2)
            {
                bool pair = i + 1 < last;
                var a0 = a.Slice(i * k, k);
                var a1 = pair ? a.Slice((i + 1) * k, k) : a0;
                int j = 0;
                for (; j + 4 <= n; j += 4) DotBlock(a0, a1, b, j, k, c, i, n, pair);
                for (; j < n; j++)
                {
                    var bj = b.Slice(j * k, k);
                    c[i * n + j] = Dot(a0, bj);
                    if (pair) c[(i + 1) * n + j] = Dot(a1, bj);
                }
            }
        }
    }

    /// <summary>Two rows of A against four rows of B: eight dot products sharing every load.</summary>
    private static void DotBlock<T>(ReadOnlySpan<T> a0, ReadOnlySpan<T> a1, ReadOnlySpan<T> b, int j, int k, Span<T> c, int i, int n, bool pair)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var b0 = b.Slice(j * k, k);
        var b1 = b.Slice((j + 1) * k, k);
        var b2 = b.Slice((j + 2) * k, k);
        var b3 = b.Slice((j + 3) * k, k);
        Vector<T> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        int w = Vector<T>.Count, t = 0;
        for (; t + w <= k; t += w)
        {
            var x0 = new Vector<T>(a0[t..]);
            var x1 = new Vector<T>(a1[t..]);
            var y0 = new Vector<T>(b0[t..]);
            var y1 = new Vector<T>(b1[t..]);
            var y2 = new Vector<T>(b2[t..]);
            var y3 = new Vector<T>(b3[t..]);
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        }
        T r00 = Vector.Sum(s00), r01 = Vector.Sum(s01), r02 = Vector.Sum(s02), r03 = Vector.Sum(s03);
        T r10 = Vector.Sum(s10), r11 = Vector.Sum(s11), r12 = Vector.Sum(s12), r13 = Vector.Sum(s13);
        for (; t < k; t++)
        {
            r00 += a0[t] * b0[t]; r01 += a0[t] * b1[t]; r02 += a0[t] * b2[t]; r03 += a0[t] * b3[t];
            r10 += a1[t] * b0[t]; r11 += a1[t] * b1[t]; r12 += a1[t] * b2[t]; r13 += a1[t] * b3[t];
        }
        var row = c.Slice(i * n + j, 4);
        row[0] = r00; row[1] = r01; row[2] = r02; row[3] = r03;
        if (!pair) return;
        row = c.Slice((i + 1) * n + j, 4);
        row[0] = r10; row[1] = r11; row[2] = r12; row[3] = r13;
    }

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Use512) return Gemm512.Dot(x, y);
        Vector<T> sum = default;
        int w = Vector<T>.Count, t = 0;
        for (; t + w <= x.Length; t += w) sum += new Vector<T>(x[t..]) * new Vector<T>(y[t..]);
        T result = Vector.Sum(sum);
        for (; t < x.Length; t++) result += x[t] * y[t];
        return result;
    }

    /// <summary>C[m×n] += A[p×m]ᵀ · B[p×n]. Weight gradient: ∂E/∂W += δᵀ · X.</summary>
    public static void AddTransposedAMultiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int p, int m, int n)
        where T : unmanaged, IFloatingPointIeee754<T> => TransposedAMultiply(a, b, c, p, m, n, accumulate: true);

    /// <summary>C[m×n] = A[p×m]ᵀ · B[p×n]. Weight gradient of one batch: ∂E/∂W = δᵀ · X, without first clearing C.</summary>
    public static void MultiplyTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int p, int m, int n)
        where T : unmanaged, IFloatingPointIeee754<T> => TransposedAMultiply(a, b, c, p, m, n, accumulate: false);

    private static void TransposedAMultiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int p, int m, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (p == 0) { if (!accumulate) c[..(m * n)].Clear(); return; }
        if (Use512)
            ForRows(m, (long)p * m * n, 2, a, b, c, new ProductKernel<T>(1, m, n, p, accumulate));
        else
            ForRows(m, (long)p * m * n, 1, a, b, c, new TransposedAKernel<T>(p, m, n, accumulate));
    }

    /// <summary>The 512-bit product kernel, for either product: A(i, t) = a[i·ai + t·at].</summary>
    private readonly struct ProductKernel<T>(int ai, int at, int n, int depth, bool accumulate) : IRowKernel<T> where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        public void Run(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int first, int last) =>
            Gemm512.Product(a, ai, at, b, c, first, last, n, depth, accumulate);
    }

    private readonly struct TransposedAKernel<T>(int p, int m, int n, bool accumulate) : IRowKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Row i of C gathers Σₛ A[s, i] · B[s, :]; four samples are folded into each pass over the row.
        public void Run(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int first, int last)
        {
            for (int i = first; i < last; i++)
            {
                var row = c.Slice(i * n, n);
                if (!accumulate) row.Clear();
                int s = 0;
                for (; s + 4 <= p; s += 4)
                    Axpy4(row, a[s * m + i], b.Slice(s * n, n), a[(s + 1) * m + i], b.Slice((s + 1) * n, n),
                        a[(s + 2) * m + i], b.Slice((s + 2) * n, n), a[(s + 3) * m + i], b.Slice((s + 3) * n, n));
                for (; s < p; s++) Axpy(row, a[s * m + i], b.Slice(s * n, n));
            }
        }
    }

    /// <summary>Work on rows [first, last) of a product's result once they are computed; a struct, so that calling it allocates nothing.</summary>
    internal interface IRowEpilogue
    {
        void Run(int first, int last);
    }

    /// <summary>A kernel over a range of output rows; a struct, so that calling it allocates nothing.</summary>
    private interface IRowKernel<T>
    {
        void Run(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int first, int last);
    }

    /// <summary>Runs <paramref name="kernel"/> over output rows [0, m), split into contiguous ranges across threads when the work is large.</summary>
    private static unsafe void ForRows<T, TKernel>(int m, long work, int granularity, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, TKernel kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IRowKernel<T>
    {
        int threads = work < ParallelThreshold ? 1 : Math.Min(MaxThreads, Math.Max(1, m / Math.Max(granularity, 8)));
        if (threads <= 1) { kernel.Run(a, b, c, 0, m); return; }
        int chunk = (m + threads - 1) / threads;
        chunk = (chunk + granularity - 1) / granularity * granularity;
        fixed (T* pa = a, pb = b, pc = c)
        {
            var job = RowsJob<T, TKernel>.ForThisThread;
            job.Set(kernel, (nint)pa, a.Length, (nint)pb, b.Length, (nint)pc, c.Length, m, chunk);
            WorkerPool.Run(job, (m + chunk - 1) / chunk);
        }
    }

    /// <summary>One kernel call split by output rows; one instance per calling thread and kernel type, reused.</summary>
    private sealed unsafe class RowsJob<T, TKernel> : PoolJob
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IRowKernel<T>
    {
        [ThreadStatic] private static RowsJob<T, TKernel>? t_job;
        private TKernel _kernel;
        private nint _a, _b, _c;
        private int _aLength, _bLength, _cLength, _rows, _chunk;

        public static RowsJob<T, TKernel> ForThisThread => t_job ??= new RowsJob<T, TKernel>();

        public void Set(TKernel kernel, nint a, int aLength, nint b, int bLength, nint c, int cLength, int rows, int chunk)
        {
            (_kernel, _a, _aLength, _b, _bLength, _c, _cLength, _rows, _chunk) = (kernel, a, aLength, b, bLength, c, cLength, rows, chunk);
        }

        public override void Run(int part)
        {
            int first = part * _chunk, last = Math.Min(_rows, first + _chunk);
            _kernel.Run(new ReadOnlySpan<T>((T*)_a, _aLength), new ReadOnlySpan<T>((T*)_b, _bLength), new Span<T>((T*)_c, _cLength), first, last);
        }
    }
}
