using System.Net;
using System.Net.Sockets;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// A TCP relay on loopback that holds each connection's first bytes (the TLS ClientHello) for a while before it
/// relays them: a connection that is slow to open, as a fresh process on a loaded machine or a slow network sees.
/// </summary>
public sealed class HoldingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly TimeSpan _hold;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private int _connections;

    private HoldingTcpProxy(int upstreamPort, TimeSpan hold)
    {
        _upstreamPort = upstreamPort;
        _hold = hold;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections the relay has accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts relaying to <paramref name="upstreamPort"/> on 127.0.0.1, holding each connection's first bytes for <paramref name="hold"/>.</summary>
    public static HoldingTcpProxy Start(int upstreamPort, TimeSpan hold) => new(upstreamPort, hold);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }

        await Task.WhenAll(relays).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            lock (_relays)
            {
                _relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await Task.Delay(_hold, _stop.Token);
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = client.GetStream().CopyToAsync(upstream.GetStream(), either.Token);
                var down = upstream.GetStream().CopyToAsync(client.GetStream(), either.Token);
                await Task.WhenAny(up, down);
                await either.CancelAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // the test is over, or one side closed
            }
        }
    }
}
