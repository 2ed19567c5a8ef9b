using System.Security.Authentication;
using Hyperledger.Fabric.Gateway;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// <c>hrec network status</c>'s check of one peer: a real Gateway call (an Evaluate of the system
/// chaincode <c>qscc</c> <c>GetChainInfo</c>), so TLS is negotiated to the end, the Gateway service
/// answers and the reply carries the peer's ledger height. Opening a TCP connection alone would leave
/// every real peer logging a failed handshake and would call a peer with the wrong TLS CA "up".
/// </summary>
internal static class PeerHealthCheck
{
    /// <summary>How long one peer may take to answer the check.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks <paramref name="peer"/> on its own (no failover to other endpoints), signing as <paramref name="identityName"/>.</summary>
    public static async Task<PeerState> CheckAsync(CliContext context, ConnectionProfilePeer peer, string? identityName, CancellationToken cancellationToken)
    {
        if (identityName is null)
        {
            return new PeerState(peer.Name, peer.Url, peer.MspId, PeerState.Unchecked, null, "the profile has no identity to sign the check with");
        }

        var options = context.CreateGatewayOptions(identityName) with
        {
            Endpoints = [peer.ToEndpoint()],
            ConnectTimeout = Timeout,
            EvaluateTimeout = Timeout,
        };
        var channel = context.Profile.Channel;
        try
        {
            using var gateway = Gateway.Connect(options);
            var reply = await gateway.GetNetwork(channel).GetContract("qscc")
                .EvaluateTransactionAsync("GetChainInfo", [channel], cancellationToken).ConfigureAwait(false);
            var info = BlockchainInfo.Parser.ParseFrom(reply.Span);
            return new PeerState(peer.Name, peer.Url, peer.MspId, PeerState.Up, info.Height, null);
        }
        catch (GatewayException e) when (FindTlsFailure(e) is { } tls)
        {
            return new PeerState(peer.Name, peer.Url, peer.MspId, PeerState.TlsError, null,
                $"TLS handshake failed ({tls.Message}): the peer's certificate does not chain to the profile's tlsCACerts for it (wrong TLS CA?) or does not name {HostOf(peer)}");
        }
        catch (GatewayException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && e.Details.Count == 0)
        {
            return new PeerState(peer.Name, peer.Url, peer.MspId, PeerState.Unreachable, null, $"{e.StatusCode}: {FirstLine(e.GrpcStatus.Detail)}");
        }
        catch (GatewayException e)
        {
            // TLS and the Gateway service work, but the peer refused the query (an identity it does not accept, say).
            return new PeerState(peer.Name, peer.Url, peer.MspId, PeerState.GatewayError, null, $"{e.StatusCode}: {FirstLine(e.Message)}");
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return new PeerState(peer.Name, peer.Url, peer.MspId, PeerState.GatewayError, null, "qscc GetChainInfo answered something other than a BlockchainInfo");
        }
    }

    /// <summary>
    /// The identity to sign a peer's check with: one bound to that peer, else one of its organisation,
    /// else any; keys in files before keys in tokens (a token may ask for a PIN).
    /// </summary>
    public static string? PickIdentity(ConnectionProfileFile profile, ConnectionProfilePeer peer) =>
        profile.Identities.Values
            .OrderBy(i => i.Peer == peer.Name ? 0 : i.MspId == peer.MspId ? 1 : 2)
            .ThenBy(i => i.Hsm is null ? 0 : 1)
            .ThenBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => i.Name)
            .FirstOrDefault();

    /// <summary>The TLS failure behind a failed call: the transport's exception hangs under the RpcException's status.</summary>
    private static AuthenticationException? FindTlsFailure(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is AuthenticationException tls)
            {
                return tls;
            }

            if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }

            if (e is RpcException { Status.DebugException: { } debug })
            {
                pending.Push(debug);
            }
        }

        return null;
    }

    private static string HostOf(ConnectionProfilePeer peer) =>
        peer.ServerNameOverride ?? (Uri.TryCreate(peer.Url.Replace("grpcs://", "https://", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : peer.Url);

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}
