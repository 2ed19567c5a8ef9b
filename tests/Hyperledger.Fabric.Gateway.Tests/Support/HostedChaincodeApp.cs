using System.Net;
using Hyperledger.Fabric.Shim;
using Hyperledger.Fabric.Shim.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// A chaincode served the way an application hosts one: an ASP.NET Core app (<c>AddChaincode&lt;T&gt;()</c> +
/// <c>MapChaincode()</c>) on an ephemeral loopback port, HTTP/2 only, that the dev network's peers dial.
/// </summary>
internal static class HostedChaincodeApp
{
    /// <summary>Starts the app; <paramref name="mapEndpoints"/> adds the app's own endpoints beside the chaincode.</summary>
    public static async Task<WebApplication> StartAsync<TChaincode>(string packageId, Action<WebApplication>? mapEndpoints = null)
        where TChaincode : class, IChaincode
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddChaincode<TChaincode>(packageId);
        var app = builder.Build();
        mapEndpoints?.Invoke(app);
        app.MapChaincode();
        await app.StartAsync().WithTimeout();
        return app;
    }

    /// <summary>The address a chaincode definition names for the app (<c>127.0.0.1:port</c>).</summary>
    public static string Address(WebApplication app) =>
        "127.0.0.1:" + app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a).Port).First();
}
