using Fabric.DevNetwork.Ordering;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>
/// One dev network per test collection: two organisations with TLS on ephemeral loopback ports, and the
/// Node fabric-shim chaincode <c>devnetcc</c> (majority endorsement, i.e. both orgs) running as a service.
/// </summary>
public sealed class DevNetworkFixture : IAsyncLifetime, IDisposable
{
    private TemporaryDirectory? _data;
    private NodeChaincode? _chaincode;
    private DevNetwork? _network;

    public DevNetwork Network => _network ?? throw new InvalidOperationException("not started");

    public string DataDirectory => _data?.Path ?? throw new InvalidOperationException("not started");

    public static BatchOptions Batch { get; } = new() { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(500) };

    public async Task InitializeAsync()
    {
        _data = new TemporaryDirectory();
        _chaincode = await NodeChaincode.StartAsync();
        _network = await DevNetwork.StartAsync(Options(_data.Path, _chaincode.Address)).WithTimeout();
    }

    public static DevNetworkOptions Options(string data, string chaincodeAddress) => new()
    {
        DataDirectory = data,
        Batch = Batch,
        Chaincodes = [new ChaincodeDefinition { Name = "devnetcc", Version = "1.0", Address = chaincodeAddress }],
    };

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => _data?.Dispose();
}
