using System.Net;
using System.Net.Sockets;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>Picks a loopback port nobody listens on (for servers that cannot report an ephemeral port back).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
