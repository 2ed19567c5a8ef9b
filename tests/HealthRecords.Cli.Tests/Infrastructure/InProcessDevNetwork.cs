using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode;
using Microsoft.Extensions.Logging;

namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>
/// The dev network and the health-records chaincode server, in the test process (hrec itself runs them
/// as child processes, see its DevNetworkProcess; the tests that share one network start it here): the chaincode listens on
/// an ephemeral loopback port as a service, and the network's peers dial it there, exactly as Fabric
/// peers dial a <c>ccaas</c> chaincode. Disposing stops the peers first, then the chaincode.
/// </summary>
public sealed class InProcessDevNetwork : IAsyncDisposable
{
    /// <summary>The chaincode's package id on the dev network (label:hash form, as Fabric's lifecycle makes them).</summary>
    public const string PackageId = "healthrecords_1.0:dev";

    /// <summary>The policy of the Docker test network: both organisations endorse every transaction.</summary>
    public const string EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    private readonly ChaincodeServer _chaincode;
    private int _disposed;

    private InProcessDevNetwork(ChaincodeServer chaincode, DevNetwork network, string profilePath)
    {
        _chaincode = chaincode;
        Network = network;
        ProfilePath = profilePath;
    }

    public DevNetwork Network { get; }

    public string ProfilePath { get; }

    /// <summary>The chaincode server's address (<c>127.0.0.1:port</c>).</summary>
    public string ChaincodeAddress => $"127.0.0.1:{_chaincode.Port}";

    /// <summary>Starts the chaincode server, then the network configured to dial it, then writes the profile.</summary>
    public static async Task<InProcessDevNetwork> StartAsync(InProcessDevNetworkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(data);
        var chaincode = new ChaincodeServer(
            HealthRecordsChaincode.CreateRouter(options.LoggerFactory),
            new ChaincodeServerOptions { ChaincodeId = PackageId, Address = "127.0.0.1:0", LoggerFactory = options.LoggerFactory });
        DevNetwork? network = null;
        try
        {
            await chaincode.StartAsync(cancellationToken).ConfigureAwait(false);
            network = await DevNetwork.StartAsync(new DevNetworkOptions
            {
                DataDirectory = data,
                BasePort = options.BasePort,
                Chaincodes =
                [
                    new ChaincodeDefinition
                    {
                        Name = "healthrecords",
                        PackageId = PackageId,
                        Address = $"127.0.0.1:{chaincode.Port}",
                        EndorsementPolicy = EndorsementPolicy,
                    },
                ],
                Batch = new BatchOptions { BatchTimeout = options.BatchTimeout },
                LoggerFactory = options.LoggerFactory,
            }, cancellationToken).ConfigureAwait(false);
            var profile = Path.GetFullPath(options.ProfilePath ?? Path.Combine(data, "connection-profile.json"));
            network.WriteConnectionProfile(profile, "healthrecords");
            return new InProcessDevNetwork(chaincode, network, profile);
        }
        catch
        {
            if (network is not null)
            {
                await network.DisposeAsync().ConfigureAwait(false);
            }

            await chaincode.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the peers, then the chaincode server. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Network.DisposeAsync().ConfigureAwait(false);
        await _chaincode.DisposeAsync().ConfigureAwait(false);
    }
}
