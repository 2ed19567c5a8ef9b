using Hyperledger.Fabric.Shim.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperledger.Fabric.Shim.Hosting;

/// <summary>
/// Hosts a chaincode inside an existing ASP.NET Core app: <c>builder.Services.AddChaincode&lt;MyChaincode&gt;("mycc:1.0")</c>,
/// then <c>app.MapChaincode()</c>. The app's Kestrel endpoint must speak HTTP/2 (Fabric peers dial with gRPC).
/// </summary>
public static class ChaincodeServiceCollectionExtensions
{
    /// <summary>Adds gRPC and the chaincode service, with <typeparamref name="TChaincode"/> as a singleton.</summary>
    /// <typeparam name="TChaincode">The chaincode, created from the container (once).</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="chaincodeId">The chaincode package id the peer expects (Fabric's <c>CHAINCODE_ID</c>).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddChaincode<TChaincode>(this IServiceCollection services, string chaincodeId)
        where TChaincode : class, IChaincode
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TChaincode>();
        return AddCore(services, new ChaincodeHostingOptions { ChaincodeId = chaincodeId }, sp => sp.GetRequiredService<TChaincode>());
    }

    /// <summary>Adds gRPC and the chaincode service for an existing chaincode instance.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="chaincode">The chaincode every peer stream serves.</param>
    /// <param name="options">The package id and logging.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddChaincode(this IServiceCollection services, IChaincode chaincode, ChaincodeHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(chaincode);
        return AddCore(services, options, _ => chaincode);
    }

    private static IServiceCollection AddCore(IServiceCollection services, ChaincodeHostingOptions options, Func<IServiceProvider, IChaincode> chaincode)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ChaincodeId, nameof(options));
        services.AddGrpc();
        services.AddSingleton(sp => new ChaincodeService(chaincode(sp), options, sp));
        return services;
    }
}
