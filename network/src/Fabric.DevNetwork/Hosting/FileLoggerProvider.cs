using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting;

/// <summary>
/// Writes log entries to a text file, one line per entry (<c>2026-12-01T21:40:00.123Z warn Category[id]: message</c>),
/// flushed as they are written so that <c>tail -f</c> and a crash both see every line; exceptions are
/// written out for warnings and errors. Used for the dev
/// network's <c>&lt;data&gt;/network.log</c>; the file is appended to, so earlier runs stay readable.
/// </summary>
/// <remarks>
/// The file is opened with <see cref="FileShare.ReadWrite"/>: readers may follow it while the network
/// runs. Disposing closes it; entries logged afterwards are dropped.
/// </remarks>
public sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly LogLevel _minimum;
    private StreamWriter? _writer;

    /// <summary>Opens (or creates) <paramref name="path"/> for appending; creates its folder when missing.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="minimum">The lowest level written. Default <see cref="LogLevel.Information"/>.</param>
    public FileLoggerProvider(string path, LogLevel minimum = LogLevel.Information)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        _minimum = minimum;
    }

    /// <summary>The log file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return new FileLogger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);
    }

    /// <summary>Closes the file. Idempotent.</summary>
    public void Dispose()
    {
        StreamWriter? writer;
        lock (_gate)
        {
            writer = _writer;
            _writer = null;
        }

        writer?.Dispose();
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            try
            {
                _writer?.WriteLine(line);
            }
            catch (IOException)
            {
                // A full disk must not take the network down; the entry is lost.
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var line = $"{time} {Level(logLevel)} {category}[{eventId.Id.ToString(CultureInfo.InvariantCulture)}]: {formatter(state, exception)}";
            // Stack traces only where someone should look: an expected failure logged for information
            // (a refused transaction) keeps to its one line.
            if (exception is not null && logLevel >= LogLevel.Warning)
            {
                line += Environment.NewLine + exception;
            }

            provider.Write(line);
        }
    }
}
