using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Tests.Rules;

/// <summary>Keeps every log entry the dev network writes, so a test can check what an operator would read.</summary>
public sealed class CapturingLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<Entry, bool> Match, TaskCompletionSource<Entry> Found)> _waiters = [];

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>The first entry, already written or still to come, that <paramref name="match"/> accepts.</summary>
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_entries.FirstOrDefault(match) is { } written)
            {
                return written;
            }

            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Found == found);
            }
        }
    }

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
            owner.Add(new Entry(logLevel, eventId.Id, formatter(state, exception), exception?.ToString()));
    }

    private void Add(Entry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)))
            {
                waiter.Found.TrySetResult(entry);
            }
        }
    }
}
