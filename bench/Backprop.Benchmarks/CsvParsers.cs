using System.Diagnostics;
using System.Globalization;
using Backprop.Data;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Backprop.Benchmarks -- csv FILE [rounds]</c>: MB/s of reading a CSV whose
/// columns are numbers but the last, each number parsed to a double, by Backprop's reader (whole: column buffers, type
/// inference and categories), by Sylvan.Data.Csv and by CsvHelper's fastest path (UTF-8 spans), taking turns; best of the rounds.
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
            ("Backprop scanner only", ScanOnly),
            ("Backprop scanner + CsvNumber", ScanParse),
            ("Sylvan 1.4.4 GetFieldSpan + double.TryParse", Sylvan),
            ("Sylvan 1.4.4 GetDouble", SylvanGetDouble),
            ("CsvHelper 34 GetSpan + double.TryParse(bytes)", CsvHelperSpans),
            ("CsvHelper 34 TryParse<double>", CsvHelperParse),
        };
        var only = Environment.GetEnvironmentVariable("CSV_PARSERS");
        var parsers = only is null ? all : all.Where(p => only.Split(',').Any(o => p.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToArray();
        var best = parsers.Select(_ => double.PositiveInfinity).ToArray();
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
                Console.WriteLine($"  {parsers[p].Name}: {clock.Elapsed.TotalSeconds:F2} s, {cpu.TotalSeconds:F2} s of CPU ({user.TotalSeconds:F2} user) (checksum {check:G6})");
            }
        Console.WriteLine($"{path}: {megabytes:F1} MB, best of {rounds} rounds taking turns");
        for (int p = 0; p < parsers.Length; p++)
            Console.WriteLine($"| {parsers[p].Name} | {best[p]:F2} s | {megabytes / best[p]:F0} MB/s |");
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
        var scanner = new global::Backprop.Data.Csv.CsvScanner(stream, path);
        scanner.Start();
        double sum = 0;
        while (scanner.Read()) sum += scanner.Field(0).Length;
        return sum;
    }

    private static double ScanParse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        var scanner = new global::Backprop.Data.Csv.CsvScanner(stream, path);
        scanner.Start();
        scanner.Read();
        double sum = 0;
        while (scanner.Read())
            for (int c = 0; c < scanner.FieldCount - 1; c++)
                if (global::Backprop.Data.Csv.CsvNumber.TryParse(scanner.Field(c), (byte)'.', out double v)) sum += v;
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
