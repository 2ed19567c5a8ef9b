using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting.Internal;

/// <summary>A minimal console logger (the console logging package is not on our feed): one line per entry on stderr.</summary>
internal sealed class ConsoleLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    private static readonly Lock s_gate = new();

    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(ShortName(categoryName), minimum);

    public void Dispose()
    {
    }

    private static string ShortName(string category) => category[(category.LastIndexOf('.') + 1)..];

    private sealed class ConsoleLogger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {Level(logLevel)} {category}: {formatter(state, exception)}";
            if (exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            lock (s_gate)
            {
                Console.Error.WriteLine(line);
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
    }
}
