using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Tests.Rules;

/// <summary>Keeps every log entry the dev network writes, so a test can check what an operator would read.</summary>
public sealed class CapturingLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>A factory (owned by the caller) whose only provider is this one, at every level.</summary>
    public ILoggerFactory CreateFactory() => new LoggerFactory([this], new LoggerFilterOptions { MinLevel = LogLevel.Trace });

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, int EventId, string Message, string? Exception);

    private sealed class Logger(CapturingLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new Entry(logLevel, eventId.Id, formatter(state, exception), exception?.ToString()));
    }
}
