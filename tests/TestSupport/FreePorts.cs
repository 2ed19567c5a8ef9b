using System.Net;
using System.Net.Sockets;

namespace TestSupport;

/// <summary>Picks a loopback port nobody listens on (for servers that cannot report an ephemeral port back).</summary>
public static class FreePorts
{
    /// <summary>A port that was free a moment ago; a small race remains, so use it at once.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
