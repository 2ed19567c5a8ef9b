using Grpc.Net.Client;

namespace HealthRecords.Sample;

/// <summary>Disposes the application's channels at the end of the run (the gateway never does).</summary>
internal sealed class ChannelsOwner(IEnumerable<GrpcChannel> channels) : IDisposable
{
    public void Dispose()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }
}
