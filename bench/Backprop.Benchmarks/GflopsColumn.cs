using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Backprop.Benchmarks;

/// <summary>A summary column with each kernel's speed in GFLOP/s: 2·m·n·k floating-point operations over the mean time.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Billions of floating-point operations per second: 2·m·n·k over the mean time";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics) return "-";
        var shape = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(KernelBenchmarks.Shape))?.Value as string;
        if (shape is null) return "-";
        double flops = 2.0 * shape.Split('x').Select(double.Parse).Aggregate((x, y) => x * y);
        return (flops / statistics.Mean).ToString("F1", System.Globalization.CultureInfo.InvariantCulture); // flop per ns = GFLOP/s
    }

    /// <summary>The configuration that adds this column.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }
}
