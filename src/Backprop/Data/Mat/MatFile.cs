using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Backprop.Diagnostics;

namespace Backprop.Data.Mat;

/// <summary>
/// Reads numeric matrices from MATLAB level-5 MAT-files (the format of the Coursera files of seed 004): the 128-byte
/// header (either byte order), data elements in the full or the small format, miCOMPRESSED elements (zlib, inflated
/// within a bound), and miMATRIX arrays of the double, single, integer and logical classes. Other classes (cell,
/// struct, char, sparse, objects), complex numbers and more than two dimensions are refused, naming the variable.
/// </summary>
internal static class MatFile
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;

    /// <summary>Reads every variable of <paramref name="path"/>; <paramref name="maxBytes"/> bounds the memory one element may take.</summary>
    /// <exception cref="DataFormatException">The file is missing, not a level-5 MAT-file, corrupt, or holds only unsupported kinds of
    /// variable.</exception>
    public static IReadOnlyDictionary<string, MatVariable> Read(string path, long maxBytes = 1L << 30)
    {
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        byte[] bytes;
        try
        {
            // A pipe or FIFO has no length: it is read to its end, as far as the limit.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            if (stream.CanSeek)
            {
                if (stream.Length > maxBytes)
                    throw new DataFormatException($"the file has {stream.Length:N0} bytes, more than the limit of {maxBytes:N0}", path);
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }
            else
            {
                using var copy = new MemoryStream();
                var chunk = new byte[1 << 16];
                int read;
                while ((read = stream.Read(chunk)) > 0)
                {
                    if (copy.Length + read > maxBytes)
                        throw new DataFormatException($"the stream holds more than the limit of {maxBytes:N0} bytes", path);
                    copy.Write(chunk, 0, read);
                }
                bytes = copy.ToArray();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) {
            throw new DataFormatException($"cannot read: {e.Message}", path, inner: e); }
        return new Reader(path, bytes, maxBytes).ReadAll();
    }

    private sealed class Reader(string path, byte[] file, long maxBytes)
    {
        private bool _bigEndian;

        private const string Hdf5 =
            "a MATLAB 7.3 MAT-file is HDF5 inside, which this reader does not read: save it with -v7 or -v6 (save('file.mat', ..., '-v7'))";

        /// <summary>Where each variable read so far starts, to name both places of a duplicate.</summary>
        private readonly Dictionary<string, string> _places = new(StringComparer.Ordinal);

        private DataFormatException Error(string problem, string? where = null) => new(problem, path, where);

        public IReadOnlyDictionary<string, MatVariable> ReadAll()
        {
            if (file.Length == 0) throw Error("the file is empty");
            string text = Encoding.ASCII.GetString(file, 0, Math.Min(file.Length, 116));
            if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal)
                || (file.Length > 516 && file[512] == 0x89 && file[513] == (byte)'H' && file[514] == (byte)'D' && file[515] == (byte)'F'))
                throw Error(Hdf5);
            if (!text.StartsWith("MATLAB 5.0 MAT-file", StringComparison.Ordinal))
                throw Error("not a MATLAB 5 MAT-file (its header does not start with \"MATLAB 5.0 MAT-file\")", "byte 0");
            if (file.Length < 128) throw Error($"the 128-byte MAT-file header is cut short ({file.Length} bytes)", "byte 0");
            _bigEndian = (file[126], file[127]) switch
            {
                ((byte)'I', (byte)'M') => false,
                ((byte)'M', (byte)'I') => true,
                _ => throw Error("the header's byte-order mark is neither IM nor MI", "byte 126"),
            };
            int version = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(124))
                : BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(124));
            if (version == 0x0200) throw Error(Hdf5, "byte 124"); // MATLAB 7.3 writes this version in the header before its HDF5 data
            if (version != 0x0100) throw Error($"the header's version is 0x{version:X4}, not 0x0100 (a MATLAB 5 MAT-file)", "byte 124");
            var variables = new Dictionary<string, MatVariable>(StringComparer.Ordinal);
            int offset = 128;
            while (offset < file.Length)
            {
                if (file.Length - offset < 8)
                {
                    if (file.AsSpan(offset).IndexOfAnyExcept((byte)0) < 0) break; // padding
                    throw Error("the file ends inside a data element's tag (truncated)", $"byte {offset}");
                }
                var (type, size, dataStart, next) = Tag(file, offset, $"byte {offset}");
                if (type == MiCompressed) ReadCompressed(offset, dataStart, size, variables);
                else if (type == MiMatrix) Add(variables, Matrix(new ArraySegment<byte>(file, dataStart, size), $"byte {offset}"), $"byte {offset}");
                offset = next;
            }
            return variables;
        }

        private void Add(Dictionary<string, MatVariable> variables, MatVariable? variable, string where)
        {
            if (variable is null) return;
            // MATLAB never writes a name twice; which copy a reader keeps differs (scipy the last), so neither is guessed.
            if (_places.TryGetValue(variable.Name, out var first))
                throw Error($"appears twice (at {first} and at {where}); save the file again from a workspace that has it once",
                    VariablePlace(variable.Name));
            variables.Add(variable.Name, variable);
            _places.Add(variable.Name, where);
        }

        /// <summary>The element tag at <paramref name="at"/>: its type, the size of its data, where the data starts and where the next element
        /// starts.</summary>
        private (int Type, int Size, int DataStart, int Next) Tag(ReadOnlySpan<byte> bytes, int at, string where)
        {
            uint first = U32(bytes[at..]);
            if (first >> 16 != 0)
            {
                int smallSize = (int)(first >> 16);
                if (smallSize > 4) throw Error($"a small data element declares {smallSize} bytes (at most 4 fit)", where);
                return ((int)(first & 0xFFFF), smallSize, at + 4, at + 8);
            }
            long size = U32(bytes[(at + 4)..]);
            long end = at + 8 + size;
            if (end > bytes.Length)
                throw Error($"a data element declares {size:N0} bytes but only {bytes.Length - at - 8:N0} remain (truncated)", where);
            // Elements are padded to 8 bytes, except compressed ones, which are written back to back.
            long next = first == MiCompressed ? end : at + 8 + ((size + 7) & ~7L);
            return ((int)first, (int)size, at + 8, (int)Math.Min(next, bytes.Length));
        }

        private void ReadCompressed(int elementOffset, int dataStart, int size, Dictionary<string, MatVariable> variables)
        {
            string where = $"byte {elementOffset}";
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(file, dataStart, size), CompressionMode.Decompress);
                var tag = new byte[8];
                if (ReadFully(zlib, tag) < 8) throw Error("the compressed element is empty or truncated", where);
                long declared = U32(tag.AsSpan(4));
                if (U32(tag) >> 16 != 0) declared = 0;
                if (declared > maxBytes)
                    throw Error($"the compressed element declares {declared:N0} bytes, more than the limit of {maxBytes:N0}", where);
                var inner = new byte[8 + declared];
                tag.CopyTo(inner, 0);
                if (ReadFully(zlib, inner.AsSpan(8)) < declared)
                    throw Error("the compressed element inflates to less than it declares (truncated or corrupt)", where);
                // Up to 7 bytes of padding may follow; anything more means the stream holds more than its tag declares.
                var rest = new byte[16];
                if (ReadFully(zlib, rest) > 7) throw Error($"the compressed element inflates past its declared size of {declared:N0} bytes", where);
                var (type, innerSize, innerData, _) = Tag(inner, 0, where);
                if (type == MiMatrix) Add(variables, Matrix(new ArraySegment<byte>(inner, innerData, innerSize), where), where);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException($"the compressed element's zlib data is corrupt ({e.Message.TrimEnd('.')})", path, where, e);
            }
        }

        private static int ReadFully(Stream stream, Span<byte> buffer)
        {
            int total = 0, read;
            while (total < buffer.Length && (read = stream.Read(buffer[total..])) > 0) total += read;
            return total;
        }

        /// <summary>An miMATRIX element's contents: flags, dimensions, name, real part (and imaginary part, refused). Its numbers are decoded in
        /// place.</summary>
        private MatVariable? Matrix(ArraySegment<byte> data, string where)
        {
            int offset = 0;
            (int Type, int Size, int Start) Next()
            {
                if (data.Count - offset < 8) throw Error("an array element ends early (truncated)", where);
                var (type, size, start, next) = Tag(data, offset, where);
                offset = next;
                return (type, size, start);
            }
            var flags = Next();
            if (flags.Type != MiUInt32 || flags.Size < 8) throw Error("an array element does not start with its flags", where);
            uint flagWord = U32(data.AsSpan(flags.Start));
            int mxClass = (int)(flagWord & 0xFF);
            bool complex = (flagWord & 0x800) != 0;
            var dims = Next();
            if (dims.Type != MiInt32 || dims.Size % 4 != 0) throw Error("an array element's dimensions are not int32", where);
            var dimensions = Enumerable.Range(0, dims.Size / 4).Select(i => (int)U32(data.AsSpan(dims.Start + 4 * i))).ToArray();
            var nameElement = Next();
            string name = Encoding.ASCII.GetString(data.AsSpan(nameElement.Start, nameElement.Size));
            string variable = VariablePlace(name);
            string? unsupported = mxClass switch
            {
                1 => "a cell array", 2 => "a struct", 3 => "an object", 4 => "a char array", 5 => "a sparse matrix",
                >= 6 and <= 15 => null,
                _ => $"of MATLAB class {mxClass}",
            };
            if (unsupported is not null) throw Error($"is {unsupported}; only numeric and logical matrices can be read", variable);
            if (complex) throw Error("holds complex numbers; only real matrices can be read", variable);
            if (dimensions.Length != 2) throw Error($"has {dimensions.Length} dimensions; only 2-dimensional matrices can be read", variable);
            int rows = dimensions[0], columns = dimensions[1];
            if (rows < 0 || columns < 0 || (long)rows * columns > maxBytes / 8) throw Error($"declares {rows}×{columns} values, too many", variable);
            var real = Next();
            var raw = Numbers(real.Type, data.AsSpan(real.Start, real.Size), variable);
            if (raw.Length != rows * columns)
                throw Error($"declares {rows}×{columns} = {rows * columns:N0} values but holds {raw.Length:N0}", variable);
            var values = new double[raw.Length];
            for (int c = 0; c < columns; c++)
                for (int r = 0; r < rows; r++) values[r * columns + c] = raw[c * rows + r];
            return new MatVariable(name, rows, columns, values);
        }

        /// <summary>The numbers stored in <paramref name="bytes"/> as <paramref name="type"/>, as doubles (the bytes are put in the machine's order
        /// in place).</summary>
        private double[] Numbers(int type, Span<byte> bytes, string variable)
        {
            int size = type switch { MiInt8 or MiUInt8 => 1, MiInt16 or MiUInt16 => 2, MiInt32 or MiUInt32 or MiSingle => 4,
                MiDouble or MiInt64 or MiUInt64 => 8, _ => 0 };
            if (size == 0) throw Error($"stores its values as data type {type}, which is not a numeric type", variable);
            if (bytes.Length % size != 0) throw Error("its values do not fill a whole number of elements", variable);
            var values = new double[bytes.Length / size];
            switch (type)
            {
                case MiInt8: StoredNumbers.Widen<sbyte>(bytes, _bigEndian, values); break;
                case MiUInt8: StoredNumbers.Widen<byte>(bytes, _bigEndian, values); break;
                case MiInt16: StoredNumbers.Widen<short>(bytes, _bigEndian, values); break;
                case MiUInt16: StoredNumbers.Widen<ushort>(bytes, _bigEndian, values); break;
                case MiInt32: StoredNumbers.Widen<int>(bytes, _bigEndian, values); break;
                case MiUInt32: StoredNumbers.Widen<uint>(bytes, _bigEndian, values); break;
                case MiSingle: StoredNumbers.Widen<float>(bytes, _bigEndian, values); break;
                case MiDouble: StoredNumbers.Widen<double>(bytes, _bigEndian, values); break;
                case MiInt64: StoredNumbers.Widen<long>(bytes, _bigEndian, values); break;
                default: StoredNumbers.Widen<ulong>(bytes, _bigEndian, values); break;
            }
            return values;
        }

        private static string VariablePlace(string name) => $"variable {(name.Length == 0 ? "(unnamed)" : name)}";

        private uint U32(ReadOnlySpan<byte> at) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(at)
            : BinaryPrimitives.ReadUInt32LittleEndian(at);
    }
}
