using Backprop.Cli.Commands;
using Backprop.Training;

namespace Backprop.Tests.Cli;

public class ProgressPrinterTests
{
    [Fact]
    public void The_line_kept_for_an_epoch_in_a_terminal_has_the_epoch_the_losses_the_validation_figures_and_the_seconds()
    {
        var record = new EpochRecord(7, 0.123456, 0.5, Validation: new ValidationRecord(0.00012345, 0.2, 0.875));
        Assert.Equal("epoch   7/200  loss 0.1235  rmse 0.5000  val loss 0.0001235  val accuracy 0.8750  0.25 s",
            ProgressPrinter.EpochLine(record, 200, 0.25));
        var regression = new EpochRecord(12, 2, 1.25, Validation: new ValidationRecord(3, 1.5, null));
        Assert.Equal("epoch 12/20  loss 2.0000  rmse 1.2500  val loss 3.0000  val rmse 1.5000  1.00 s", ProgressPrinter.EpochLine(regression, 20, 1));
    }

    [Fact]
    public void Elapsed_and_remaining_time_carry_their_labels()
    {
        var task = new Spectre.Console.ProgressTask(1, "t", 10, autoStart: false);
        var options = new Spectre.Console.Rendering.RenderOptions(Spectre.Console.AnsiConsole.Console.Profile.Capabilities,
            new Spectre.Console.Size(80, 24));
        string Render(bool remaining) => string.Concat(new ProgressPrinter.TimeColumn(remaining).Render(options, task, TimeSpan.Zero)
            .Render(options, 80).Select(s => s.Text));
        Assert.Equal("elapsed -:--:--", Render(false));
        Assert.Equal("remaining -:--:--", Render(true));
    }
}
