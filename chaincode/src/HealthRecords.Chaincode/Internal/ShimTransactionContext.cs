using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Shim;
using HealthRecords.Domain;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Chaincode.Internal;

/// <summary>Builds the domain's <see cref="ITransactionContext"/> from the shim's stub.</summary>
internal static class ShimTransactionContext
{
    /// <summary>
    /// The transaction id and the channel header's timestamp from the proposal, the caller from the
    /// proposal's creator, the ledger over the stub, and the proposal's binding.
    /// </summary>
    /// <param name="stub">The transaction's stub.</param>
    /// <param name="isSubmit">True when the running function writes.</param>
    /// <exception cref="DomainException">FORBIDDEN when the creator is missing or is not an X.509 identity with readable attributes.</exception>
    public static ITransactionContext Create(IChaincodeStub stub, bool isSubmit)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return new TransactionContext(stub.TxId, stub.TxTimestamp, CreateCaller(stub), new ShimLedger(stub, isSubmit), stub.Binding);
    }

    /// <summary>
    /// The caller: MSP id, Fabric's client identity id in its decoded form
    /// (<c>x509::&lt;subject DN&gt;::&lt;issuer DN&gt;</c>, the same string <c>X509Identity.Id</c> gives a
    /// client for its own certificate) and the Fabric CA attributes (extension 1.2.3.4.5.6.7.8.1).
    /// </summary>
    /// <param name="stub">The transaction's stub.</param>
    /// <exception cref="DomainException">FORBIDDEN when there is no usable creator.</exception>
    public static Caller CreateCaller(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        if (stub.Creator.IsEmpty)
        {
            throw new DomainException(DomainErrorCodes.Forbidden, "The transaction has no creator identity.");
        }

        try
        {
            var identity = stub.ClientIdentity;
            return new Caller(identity.MspId, identity.Id, identity.Attributes);
        }
        catch (Exception e) when (e is CryptoMaterialException or FormatException or InvalidOperationException)
        {
            throw new DomainException(
                DomainErrorCodes.Forbidden, "The transaction's creator is not an X.509 identity with readable attributes: " + e.Message);
        }
    }
}
