using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// One dev network for the gateway tests: two organisations with TLS on ephemeral loopback ports, and the
/// Node fabric-shim chaincode <c>devnetcc</c> endorsed by either organisation (so one peer can carry on
/// while the other is stopped).
/// </summary>
public sealed class NetworkFixture : IAsyncLifetime, IDisposable
{
    public const string ChaincodeName = "devnetcc";

    private TemporaryDirectory? _data;
    private NodeChaincode? _chaincode;
    private global::Fabric.DevNetwork.DevNetwork? _network;

    public global::Fabric.DevNetwork.DevNetwork Network => _network ?? throw new InvalidOperationException("not started");

    public string Channel => Network.ChannelId;

    public PeerInfo Org1Peer => Network.Peers.First(p => p.MspId == "Org1MSP");

    public PeerInfo Org2Peer => Network.Peers.First(p => p.MspId == "Org2MSP");

    public string DataDirectory => _data?.Path ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _data = new TemporaryDirectory();
        _chaincode = await NodeChaincode.StartAsync(ChaincodeName + ":1");
        _network = await global::Fabric.DevNetwork.DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = _data.Path,
            Batch = new BatchOptions { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(300) },
            Chaincodes =
            [
                new ChaincodeDefinition
                {
                    Name = ChaincodeName,
                    Address = _chaincode.Address,
                    PackageId = ChaincodeName + ":1",
                    EndorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')",
                },
            ],
        }).WithTimeout();
    }

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
    }

    public void Dispose() => _data?.Dispose();

    public static GatewayEndpoint Endpoint(PeerInfo peer)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(peer.TlsCaCertificatePath);
        return new GatewayEndpoint { Address = peer.Address, TlsRootCertificates = roots, ServerNameOverride = peer.Name };
    }

    /// <summary>
    /// The identity these tests act as: Org1's admin, because the network's ACLs (our configtx.yaml) keep whole
    /// blocks and chaincode events, which these tests read, for admins and peers; a plain client is refused them.
    /// </summary>
    public const string DefaultUser = "Admin";

    public X509Identity Identity(string mspId = "Org1MSP", string user = DefaultUser)
    {
        var material = Network.Crypto.GetOrganization(mspId).GetUser(user);
        return X509Identity.FromPemFile(mspId, material.SigningCertificatePath);
    }

    public ISigner Signer(string mspId = "Org1MSP", string user = DefaultUser) =>
        Signers.FromPemFile(Network.Crypto.GetOrganization(mspId).GetUser(user).PrivateKeyPath);

    /// <summary>Options for <see cref="DefaultUser"/> of Org1 (signing in process) with the given peers as endpoints, Org1's peer by default.</summary>
    public GatewayOptions Options(params PeerInfo[] peers) => new()
    {
        Identity = Identity(),
        Signer = Signer(),
        Endpoints = (peers.Length == 0 ? [Org1Peer] : peers).Select(Endpoint).ToList(),
    };

    public IGateway Connect(params PeerInfo[] peers) => Gateway.Connect(Options(peers));

    /// <summary>Each peer organisation's MSP root CA, as a connection profile lists them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> MspCaCertificates() =>
        Network.Crypto.PeerOrganizations.ToDictionary(
            o => o.MspId,
            o => (IReadOnlyList<X509Certificate2>)[X509CertificateLoader.LoadCertificateFromFile(o.MspCaCertificatePath)]);

    /// <summary>Stops a peer for the duration of a test step; the returned handle starts it again.</summary>
    public async Task<IAsyncDisposable> StopPeerAsync(PeerInfo peer)
    {
        await Network.StopPeerAsync(peer.Name).WithTimeout();
        return new Restart(Network, peer.Name);
    }

    /// <summary>
    /// Waits until every peer has committed every block the orderer has cut. Each peer commits at its own pace,
    /// and a commit status comes from one peer only: a read endorsed by both organisations straight after a
    /// write could meet the other peer without the write's block (<c>ProposalResponsePayloads do not match</c>).
    /// </summary>
    public async Task SettleAsync()
    {
        var height = Network.OrdererHeight;
        foreach (var peer in Network.Peers)
        {
            await Network.GetPeerLedger(peer.Name).WaitForHeightAsync(height).WithTimeout();
        }
    }

    /// <summary>A key no other test uses.</summary>
    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private sealed class Restart(global::Fabric.DevNetwork.DevNetwork network, string name) : IAsyncDisposable
    {
        private int _done;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0 && !network.Peers.First(p => p.Name == name).IsRunning)
            {
                await network.StartPeerAsync(name).WithTimeout();
            }
        }
    }
}
