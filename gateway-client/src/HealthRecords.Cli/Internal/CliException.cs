namespace HealthRecords.Cli.Internal;

/// <summary>A failure the CLI reports itself, with the exit code and stable error code to report it under.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string code, string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Code = code;
        Hint = hint;
    }

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A stable upper-case code, e.g. <c>UNKNOWN_IDENTITY</c>.</summary>
    public string Code { get; }

    /// <summary>What the user can do about it, or null.</summary>
    public string? Hint { get; }

    public static CliException Usage(string message, string? hint = null) => new(ExitCodes.Usage, "USAGE", message, hint);

    public static CliException Verification(string message, Exception? inner = null) => new(ExitCodes.VerificationFailed, "VERIFICATION_FAILED", message, null, inner);
}
