using Hyperledger.Fabric.Shim.Contracts;
using HealthRecords.Domain;
using Microsoft.Extensions.Logging;

namespace HealthRecords.Chaincode;

/// <summary>Builds the chaincode the process hosts, so tests run exactly what the peer talks to.</summary>
public static class HealthRecordsChaincode
{
    /// <summary>
    /// The contract router with <see cref="HealthRecordsContract"/> as its only and default contract:
    /// <c>RegisterPatient</c> and <c>healthrecords:RegisterPatient</c> both reach it, and
    /// <c>org.hyperledger.fabric:GetMetadata</c> describes it.
    /// </summary>
    /// <param name="loggerFactory">Logging for the router and the contract; <see langword="null"/> logs nothing.</param>
    /// <param name="options">Domain tunables; <see langword="null"/> for the defaults. Every endorser must use the same values.</param>
    public static ContractRouter CreateRouter(ILoggerFactory? loggerFactory = null, HealthRecordsOptions? options = null)
    {
        var contract = new HealthRecordsContract(new HealthRecordsDispatcher(new HealthRecordsService(options)), loggerFactory);
        return new ContractRouter(
            new ContractRouterOptions
            {
                DefaultContract = HealthRecordsContract.ContractName,
                Title = "Fabric.HealthRecords chaincode",
                Version = HealthRecordsContract.ContractVersion,
                LoggerFactory = loggerFactory,
            },
            contract);
    }
}
