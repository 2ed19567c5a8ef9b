using Hyperledger.Fabric.Shim.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hyperledger.Fabric.Shim.Hosting;

/// <summary>Maps <c>protos.Chaincode/Connect</c> in an ASP.NET Core app (after <see cref="ChaincodeServiceCollectionExtensions.AddChaincode{TChaincode}"/>).</summary>
public static class ChaincodeEndpointRouteBuilderExtensions
{
    /// <summary>Maps the chaincode's gRPC service.</summary>
    /// <param name="endpoints">The app's route builder.</param>
    /// <returns>The endpoint conventions, for authorisation or host filters.</returns>
    public static GrpcServiceEndpointConventionBuilder MapChaincode(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<ChaincodeService>();
    }
}
