using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Testing;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>How the router logs a failed transaction: a chaincode's refusal is an expected outcome, anything else is not.</summary>
public sealed class ContractRouterLogTests : IDisposable
{
    private readonly RecordingLoggerProvider _log = new();
    private readonly ILoggerFactory _factory;

    public ContractRouterLogTests()
    {
        _factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_log));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _factory.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task Refusal_ChaincodeException_LoggedAtInformationWithoutStack()
    {
        var result = await Tester().SubmitAsync("CreateAsset", "a1", "blue", "-1");

        Assert.False(result.IsSuccess);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(102, entry.EventId);
        Assert.Null(entry.Exception);
        Assert.Contains("size must be positive", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_UnexpectedException_LoggedAtWarningWithStack()
    {
        var result = await Tester().SubmitAsync("Explode", "a1");

        Assert.False(result.IsSuccess);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(101, entry.EventId);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    private ChaincodeTester Tester() => new(new ContractRouter(new ContractRouterOptions { LoggerFactory = _factory }, new AssetContract()));

    private sealed record Entry(LogLevel Level, int EventId, string Message, Exception? Exception);

    /// <summary>Keeps the router's log entries in memory.</summary>
    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => _entries.ToList();

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(ContractRouter).FullName ? new Recorder(_entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Recorder(System.Collections.Concurrent.ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(logLevel, eventId.Id, formatter(state, exception), exception));
        }
    }
}
