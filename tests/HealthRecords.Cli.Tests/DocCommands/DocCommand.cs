namespace HealthRecords.Cli.Tests.DocCommands;

/// <summary>One shell command of a fenced block in the documentation.</summary>
/// <param name="File">The document, relative to the repository root.</param>
/// <param name="Line">The 1-based line the command starts on.</param>
/// <param name="Text">The command as written, continuation lines joined, trailing comment included.</param>
/// <param name="ExpectedExitCode">0, or the code its trailing comment states (<c># ... exit N</c>).</param>
public sealed record DocCommand(string File, int Line, string Text, int ExpectedExitCode)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Text}";
}
