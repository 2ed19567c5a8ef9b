using System.Runtime.InteropServices;
using HealthRecords.Cli;

// Ctrl-C and SIGTERM cancel the running command (network up, events follow stop cleanly); a second
// Ctrl-C is left to the default handler, which ends the process.
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (!stop.IsCancellationRequested)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return await HrecCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
