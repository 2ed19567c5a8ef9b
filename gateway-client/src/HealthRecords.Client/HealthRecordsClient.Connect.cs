using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Profiles;

namespace HealthRecords.Client;

/// <content>Creating a client from a connection profile.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>The gateway this client created and owns (see <see cref="Connect(ConnectionProfile, string, HealthRecordsClientOptions?)"/>); null when built over a caller's contract.</summary>
    public IGateway? Gateway => _owned as IGateway;

    /// <summary>
    /// Connects as the profile's identity <paramref name="identityName"/> (<c>x-hrec.identities</c>) to the
    /// profile's channel (<c>x-hrec.channel</c>, default <c>healthchannel</c>) and chaincode
    /// (<c>x-hrec.chaincode</c>, else <see cref="HealthRecordsClientOptions.ChaincodeName"/>). The client owns
    /// the gateway and disposes it. No network I/O happens until the first call.
    /// </summary>
    /// <param name="profile">The connection profile.</param>
    /// <param name="identityName">A named identity of the profile.</param>
    /// <param name="options">What to verify; null for the defaults. For verifiable reads, pass
    /// <c>VerifiedReads = profile.CreateVerifiedReadOptions()</c>.</param>
    /// <returns>The client; dispose it to close the connections.</returns>
    /// <exception cref="KeyNotFoundException">The profile has no such identity.</exception>
    public static HealthRecordsClient Connect(ConnectionProfile profile, string identityName, HealthRecordsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Connect(profile, profile.CreateGatewayOptions(identityName), options);
    }

    /// <summary>
    /// Connects with <paramref name="gatewayOptions"/> (for example <see cref="ConnectionProfile.CreateGatewayOptions(string, Hyperledger.Fabric.Identity.ISigner, string?)"/>
    /// with a PKCS#11 signer) to the profile's channel and chaincode, as <see cref="Connect(ConnectionProfile, string, HealthRecordsClientOptions?)"/> does.
    /// The client owns the gateway; the caller still owns the signer and disposes it after the client.
    /// </summary>
    /// <param name="profile">The connection profile (channel and chaincode).</param>
    /// <param name="gatewayOptions">Identity, signer and endpoints.</param>
    /// <param name="options">What to verify; null for the defaults.</param>
    /// <returns>The client; dispose it to close the connections.</returns>
    public static HealthRecordsClient Connect(ConnectionProfile profile, GatewayOptions gatewayOptions, HealthRecordsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        options ??= new HealthRecordsClientOptions();
        var gateway = Hyperledger.Fabric.Gateway.Gateway.Connect(gatewayOptions);
        try
        {
            var contract = gateway.GetNetwork(profile.Channel ?? "healthchannel").GetContract(profile.Chaincode ?? options.ChaincodeName);
            return new HealthRecordsClient(contract, options, gateway);
        }
        catch
        {
            gateway.Dispose();
            throw;
        }
    }

    /// <summary>Loads the connection profile at <paramref name="profilePath"/> and connects as <paramref name="identityName"/>.</summary>
    /// <param name="profilePath">The profile file (relative paths inside it are relative to it).</param>
    /// <param name="identityName">A named identity of the profile.</param>
    /// <param name="options">What to verify; null for the defaults.</param>
    /// <returns>The client; dispose it to close the connections.</returns>
    public static HealthRecordsClient Connect(string profilePath, string identityName, HealthRecordsClientOptions? options = null) =>
        Connect(ConnectionProfile.Load(profilePath), identityName, options);
}
