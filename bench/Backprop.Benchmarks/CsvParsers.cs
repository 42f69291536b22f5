using System.Diagnostics;
using System.Globalization;
using Backprop.Data;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Backprop.Benchmarks -- csv FILE [rounds]</c>: MB/s of reading a CSV whose
/// columns are numbers but the last, each number parsed to a double, taking turns; best of the rounds. Backprop's reader
/// whole (column buffers, type inference and categories) and its scanner (CsvHelper's tokenizer with Backprop's checks),
/// the hand-written tokenizer it replaced, Sylvan.Data.Csv and CsvHelper alone, each with Backprop's number parser and
/// with its own. <c>CSV_PARSERS=a,b</c> runs only the readers whose names contain one of those words.
/// </summary>
internal static class CsvParsers
{
    public static void Run(string[] args)
    {
        string path = args[0];
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        double megabytes = new FileInfo(path).Length / 1e6;
        var all = new (string Name, Func<string, double> Read)[]
        {
            ("Backprop CsvTable.Read", Backprop),
            ("Backprop scanner (CsvHelper) only", ScanOnly),
            ("Backprop scanner (CsvHelper) + CsvNumber", ScanParse),
            ("hand-written scanner only", HandScanOnly),
            ("hand-written scanner + CsvNumber", HandScanParse),
            ("Sylvan 1.4.4 fields only (strict UTF-8 StreamReader)", SylvanScanOnly),
            ("Sylvan 1.4.4 GetFieldSpan + CsvNumber (chars)", SylvanOwnNumbers),
            ("Sylvan 1.4.4 GetFieldSpan + double.TryParse", Sylvan),
            ("Sylvan 1.4.4 GetDouble", SylvanGetDouble),
            ("CsvHelper 34 fields only", CsvHelperScanOnly),
            ("CsvHelper 34 GetSpan + CsvNumber (bytes)", CsvHelperOwnNumbers),
            ("CsvHelper 34 GetSpan + double.TryParse(bytes)", CsvHelperSpans),
            ("CsvHelper 34 TryParse<double>", CsvHelperParse),
        };
        var only = Environment.GetEnvironmentVariable("CSV_PARSERS");
        var parsers = only is null ? all : all.Where(p => only.Split(',').Any(o => p.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToArray();
        var best = parsers.Select(_ => double.PositiveInfinity).ToArray();
        var bestCpu = parsers.Select(_ => double.PositiveInfinity).ToArray();
        for (int round = 0; round < rounds; round++)
            for (int p = 0; p < parsers.Length; p++)
            {
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var user = Process.GetCurrentProcess().UserProcessorTime;
                var clock = Stopwatch.StartNew();
                double check = parsers[p].Read(path);
                best[p] = Math.Min(best[p], clock.Elapsed.TotalSeconds);
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                user = Process.GetCurrentProcess().UserProcessorTime - user;
                bestCpu[p] = Math.Min(bestCpu[p], cpu.TotalSeconds);
                Console.WriteLine($"  {parsers[p].Name}: {clock.Elapsed.TotalSeconds:F2} s, {cpu.TotalSeconds:F2} s of CPU ({user.TotalSeconds:F2} user) (checksum {check:G6})");
            }
        // On a shared machine the CPU time (one thread) is disturbed less than the elapsed time.
        Console.WriteLine($"{path}: {megabytes:F1} MB, best of {rounds} rounds taking turns");
        Console.WriteLine("| reader | seconds | MB/s | CPU seconds | MB/s of CPU |");
        for (int p = 0; p < parsers.Length; p++)
            Console.WriteLine($"| {parsers[p].Name} | {best[p]:F3} | {megabytes / best[p]:F0} | {bestCpu[p]:F3} | {megabytes / bestCpu[p]:F0} |");
    }

    private static double Backprop(string path)
    {
        var table = CsvTable.Read(path);
        double sum = 0;
        foreach (var column in table.Columns)
            if (!column.IsText)
                for (int r = 0; r < table.RowCount; r += 997)
                    sum += column.HasCategories ? column.ValueOf(column.CodeAt(r)) : column.ValueAt(r);
        return sum;
    }

    private static double ScanOnly(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        using var scanner = new global::Backprop.Data.Csv.CsvScanner(stream, path);
        scanner.Start();
        double sum = 0;
        while (scanner.Read()) sum += scanner.Field(0).Length;
        return sum;
    }

    private static double ScanParse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        using var scanner = new global::Backprop.Data.Csv.CsvScanner(stream, path);
        scanner.Start();
        scanner.Read();
        double sum = 0;
        while (scanner.Read())
            for (int c = 0; c < scanner.FieldCount - 1; c++)
                if (global::Backprop.Data.Csv.CsvNumber.TryParse(scanner.Field(c), (byte)'.', out double v)) sum += v;
        return sum;
    }

    private static double HandScanOnly(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        var scanner = new HandWrittenScanner(stream, path);
        scanner.Start();
        double sum = 0;
        while (scanner.Read()) sum += scanner.Field(0).Length;
        return sum;
    }

    private static double HandScanParse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        var scanner = new HandWrittenScanner(stream, path);
        scanner.Start();
        scanner.Read();
        double sum = 0;
        while (scanner.Read())
            for (int c = 0; c < scanner.FieldCount - 1; c++)
                if (global::Backprop.Data.Csv.CsvNumber.TryParse(scanner.Field(c), (byte)'.', out double v)) sum += v;
        return sum;
    }

    /// <summary>Sylvan as Backprop would use it: a strict UTF-8 decoder, a 1 MiB character buffer, no comment character.</summary>
    private static global::Sylvan.Data.Csv.CsvDataReader OpenSylvan(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        var text = new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        return global::Sylvan.Data.Csv.CsvDataReader.Create(text, new global::Sylvan.Data.Csv.CsvDataReaderOptions
        {
            HasHeaders = true, Delimiter = ',', Comment = '\0', BufferSize = 1 << 20,
        });
    }

    private static double SylvanScanOnly(string path)
    {
        using var reader = OpenSylvan(path);
        double sum = 0;
        while (reader.Read()) sum += reader.GetFieldSpan(0).Length + reader.RowFieldCount;
        return sum;
    }

    private static double SylvanOwnNumbers(string path)
    {
        using var reader = OpenSylvan(path);
        int numeric = reader.FieldCount - 1;
        double sum = 0;
        while (reader.Read())
            for (int c = 0; c < numeric; c++)
                if (CharNumber.TryParse(reader.GetFieldSpan(c), '.', out double v)) sum += v;
        return sum;
    }

    private static double Sylvan(string path)
    {
        using var reader = global::Sylvan.Data.Csv.CsvDataReader.Create(path, new global::Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true });
        int numeric = reader.FieldCount - 1;
        double sum = 0;
        while (reader.Read())
            for (int c = 0; c < numeric; c++)
                if (double.TryParse(reader.GetFieldSpan(c), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) sum += v;
        return sum;
    }

    private static double SylvanGetDouble(string path)
    {
        using var reader = global::Sylvan.Data.Csv.CsvDataReader.Create(path, new global::Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true });
        int numeric = reader.FieldCount - 1;
        double sum = 0;
        while (reader.Read())
            for (int c = 0; c < numeric; c++) sum += reader.GetDouble(c);
        return sum;
    }

    private static double CsvHelperScanOnly(string path)
    {
        using var reader = global::CsvHelper.CsvReader.FromFile(path, new global::CsvHelper.CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        reader.ReadHeader();
        double sum = 0;
        while (reader.Read()) sum += reader.GetSpan(0).Length + reader.FieldCount;
        return sum;
    }

    private static double CsvHelperOwnNumbers(string path)
    {
        using var reader = global::CsvHelper.CsvReader.FromFile(path, new global::CsvHelper.CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        reader.ReadHeader();
        double sum = 0;
        while (reader.Read())
        {
            int numeric = reader.FieldCount - 1;
            for (int c = 0; c < numeric; c++)
                if (global::Backprop.Data.Csv.CsvNumber.TryParse(reader.GetSpan(c), (byte)'.', out double v)) sum += v;
        }
        return sum;
    }

    private static double CsvHelperSpans(string path)
    {
        using var reader = global::CsvHelper.CsvReader.FromFile(path, new global::CsvHelper.CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        reader.ReadHeader();
        double sum = 0;
        while (reader.Read())
        {
            int numeric = reader.FieldCount - 1;
            for (int c = 0; c < numeric; c++)
                if (double.TryParse(reader.GetSpan(c), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) sum += v;
        }
        return sum;
    }

    private static double CsvHelperParse(string path)
    {
        using var reader = global::CsvHelper.CsvReader.FromFile(path, new global::CsvHelper.CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        reader.ReadHeader();
        double sum = 0;
        while (reader.Read())
        {
            int numeric = reader.FieldCount - 1;
            for (int c = 0; c < numeric; c++)
                if (reader.TryParse(c, out double v)) sum += v;
        }
        return sum;
    }
}
