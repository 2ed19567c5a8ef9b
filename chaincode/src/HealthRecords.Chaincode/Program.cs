using System.Runtime.InteropServices;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode;
using HealthRecords.Chaincode.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

// The chaincode as a service: the peer dials this process (see docs/chaincode.md and
// docs/chaincode-as-a-service.md). Exit codes: 0 after a clean shutdown (SIGTERM or Ctrl-C),
// 2 for bad configuration, 1 when the server fails.
if (!ProgramSettings.TryParseLogLevel(Environment.GetEnvironmentVariable(ProgramSettings.LogLevelVariable), out var level))
{
    await Console.Error.WriteLineAsync(
        $"error: {ProgramSettings.LogLevelVariable} must be one of debug, info, warning, error (got '{Environment.GetEnvironmentVariable(ProgramSettings.LogLevelVariable)}')");
    return 2;
}

using var loggerFactory = LoggerFactory.Create(builder => builder
    .SetMinimumLevel(level)
    .AddFilter("Microsoft", level > LogLevel.Warning ? level : LogLevel.Warning) // Kestrel's start-up chatter
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Warning)
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        o.ColorBehavior = LoggerColorBehavior.Disabled;
    }));
var logger = loggerFactory.CreateLogger("HealthRecords.Chaincode");

ChaincodeServerOptions options;
try
{
    options = ChaincodeServerOptions.FromEnvironment() with { LoggerFactory = loggerFactory };
}
catch (InvalidOperationException e)
{
    ProgramLog.ConfigurationError(logger, e.Message);
    await Console.Error.WriteLineAsync(ProgramSettings.Usage);
    return 2;
}

ChaincodeServer server;
try
{
    server = new ChaincodeServer(HealthRecordsChaincode.CreateRouter(loggerFactory), options);
}
catch (ArgumentException e)
{
    ProgramLog.ConfigurationError(logger, e.Message);
    await Console.Error.WriteLineAsync(ProgramSettings.Usage);
    return 2;
}

await using (server)
{
    using var stop = new CancellationTokenSource();
    var signal = "none";
    void OnSignal(PosixSignalContext context)
    {
        // Cancel the default (immediate termination) so the server can close its streams.
        context.Cancel = true;
        signal = context.Signal.ToString();
        stop.Cancel();
    }

    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    try
    {
        await server.StartAsync(stop.Token);
        ProgramLog.Listening(logger, options.ChaincodeId, server.Address, options.TlsCertificate is not null, options.ClientCaCertificates is not null);
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // SIGTERM or Ctrl-C: the normal way to stop.
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        ProgramLog.ServerFailed(logger, e);
        return 1;
    }

    ProgramLog.ShuttingDown(logger, signal);
    try
    {
        await server.StopAsync(CancellationToken.None);
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        ProgramLog.ServerFailed(logger, e);
        return 1;
    }
}

ProgramLog.Stopped(logger);
return 0;
