using HealthRecords.Cli.Internal;
using Spectre.Console;

namespace HealthRecords.Cli.Tests;

/// <summary>Human output when standard output is not a terminal (a pipe, a file, a test's writer).</summary>
public sealed class OutputTests
{
    private static readonly string LongLine = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));

    [Fact]
    public void Line_Redirected_IsWrittenWhole()
    {
        using var output = new StringWriter();
        var cli = new CliOutput(output, TextWriter.Null, json: false);

        cli.Line(LongLine);

        Assert.False(cli.Interactive);
        Assert.Equal(LongLine + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Markup_Redirected_IsPlainTextWithoutWrapping()
    {
        using var output = new StringWriter();
        var cli = new CliOutput(output, TextWriter.Null, json: false);

        cli.Markup($"[green]verified[/] {Markup.Escape("[x]")} {LongLine}");

        Assert.Equal($"verified [x] {LongLine}{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public void Render_RedirectedTableWithLongCell_KeepsEachRowOnOneLine()
    {
        using var output = new StringWriter();
        var cli = new CliOutput(output, TextWriter.Null, json: false);
        var table = new Table().AddColumns("id", "reason");
        table.AddRow("acc-1", Markup.Escape(LongLine));

        cli.Render(table);

        var rows = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.Contains(rows, row => row.Contains(LongLine, StringComparison.Ordinal));
    }

    [Fact]
    public void Line_Json_WritesNothing()
    {
        using var output = new StringWriter();
        var cli = new CliOutput(output, TextWriter.Null, json: true);

        cli.Line(LongLine);
        cli.Markup(LongLine);
        cli.Result(new { ok = true });

        Assert.Equal("{" + Environment.NewLine + "  \"ok\": true" + Environment.NewLine + "}" + Environment.NewLine, output.ToString());
    }
}
