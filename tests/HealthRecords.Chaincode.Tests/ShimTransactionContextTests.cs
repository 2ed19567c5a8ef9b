using Hyperledger.Fabric.Shim.Testing;
using HealthRecords.Chaincode.Internal;
using HealthRecords.Domain;
using HealthRecords.Domain.Ports;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>The domain's transaction context built from the stub and the creator's certificate.</summary>
public sealed class ShimTransactionContextTests
{
    [Fact]
    public void Create_ProposalWithCreator_CarriesTxIdTimestampAndCaller()
    {
        var timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var stub = new InMemoryLedger().CreateStub([], new InMemoryTransactionOptions { Creator = Device(), TxId = "abc123", Timestamp = timestamp });

        var context = ShimTransactionContext.Create(stub, isSubmit: true);

        Assert.Equal("abc123", context.TxId);
        Assert.Equal(timestamp, context.Timestamp);
        Assert.Equal(Org1, context.Caller.MspId);
        Assert.Equal(Role.Device, context.Caller.Role);
        Assert.Equal(P1, context.Caller.PatientId);
    }

    [Fact]
    public void CreateCaller_CertificateFromCryptoGen_IdIsTheClientSideX509IdentityId()
    {
        var identity = Provider(Org2);
        var stub = new InMemoryLedger().CreateStub([], new InMemoryTransactionOptions { Creator = identity });

        var caller = ShimTransactionContext.CreateCaller(stub);

        // The same string the .NET client computes for its own certificate.
        Assert.Equal(identity.Id, caller.Id);
        Assert.StartsWith("x509::CN=doctor@org2.example.com,OU=client,", caller.Id, StringComparison.Ordinal);
        Assert.Contains("::CN=ca.org2.example.com,O=org2.example.com,", caller.Id, StringComparison.Ordinal);
        Assert.Equal(Role.Provider, caller.Role);
        Assert.Null(caller.PatientId);
    }

    [Fact]
    public void CreateCaller_CertificateWithoutAttributes_RoleNone()
    {
        var stub = new InMemoryLedger().CreateStub([], new InMemoryTransactionOptions { Creator = NoAttributes() });

        var caller = ShimTransactionContext.CreateCaller(stub);

        Assert.Equal(Role.None, caller.Role);
        Assert.Empty(caller.Attributes);
    }

    [Fact]
    public void CreateCaller_NoCreator_ThrowsForbidden()
    {
        var stub = new InMemoryLedger().CreateStub([], new InMemoryTransactionOptions());

        var error = Assert.Throws<DomainException>(() => ShimTransactionContext.CreateCaller(stub));

        Assert.Equal(DomainErrorCodes.Forbidden, error.Code);
    }
}
