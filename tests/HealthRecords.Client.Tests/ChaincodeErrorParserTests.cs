using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Internal;
using GrpcStatus = Grpc.Core.Status;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace HealthRecords.Client.Tests;

public sealed class ChaincodeErrorParserTests
{
    [Theory]
    [InlineData("chaincode response 500, FORBIDDEN: Access denied (consent-expired): consent con-1 expired", HealthRecordsErrorCode.Forbidden, "Access denied (consent-expired): consent con-1 expired")]
    [InlineData("NOT_FOUND: Patient 'p' is not registered.", HealthRecordsErrorCode.NotFound, "Patient 'p' is not registered.")]
    [InlineData("transaction returned with failure: CONFLICT: already revoked", HealthRecordsErrorCode.Conflict, "already revoked")]
    [InlineData("evaluate call to endorser returned error: chaincode response 500, INVALID_ARGUMENT: bad [peer0:7051 (Org1MSP): x]", HealthRecordsErrorCode.InvalidArgument, "bad")]
    public void TryParse_PeerWrappedMessage_FindsCodeAndMessage(string text, HealthRecordsErrorCode code, string message)
    {
        Assert.True(ChaincodeErrorParser.TryParse(text, out var parsed, out var parsedMessage));
        Assert.Equal(code, parsed);
        Assert.Equal(message, parsedMessage);
    }

    [Theory]
    [InlineData("failed to endorse transaction, see attached details for more info")]
    [InlineData("XFORBIDDEN: nope")]
    [InlineData("")]
    public void TryParse_NoChaincodeCode_ReturnsFalse(string text)
    {
        Assert.False(ChaincodeErrorParser.TryParse(text, out _, out _));
    }

    [Fact]
    public void TryMap_EndorseWithDetails_UsesDetailAndTransactionId()
    {
        var error = new EndorseException(
            "tx1", new GrpcStatus(GrpcStatusCode.Aborted, "failed to endorse transaction, see attached details for more info"),
            [new ErrorDetail("peer0.org2.example.com:9051", "Org2MSP", "chaincode response 500, FORBIDDEN: Access denied (no-consent): no consent")]);

        var mapped = ChaincodeErrorParser.TryMap(error, "ReadRecord");

        Assert.NotNull(mapped);
        Assert.Equal(HealthRecordsErrorCode.Forbidden, mapped.Code);
        Assert.Equal("no-consent", mapped.Reason);
        Assert.Equal("tx1", mapped.TransactionId);
        Assert.Same(error, mapped.InnerException);
    }

    [Theory]
    [InlineData("FORBIDDEN: Access denied (consent-expired): expired", "consent-expired")]
    [InlineData("FORBIDDEN: Append denied (no-consent): device has no append consent", "no-consent")]
    [InlineData("FORBIDDEN: Listing denied (scope-mismatch): no consent for that category", "scope-mismatch")]
    [InlineData("FORBIDDEN: Only the patient may do that.", null)]
    public void TryMap_DenialMessage_ExtractsReason(string detail, string? reason)
    {
        var error = new EndorseException(
            "tx2", new GrpcStatus(GrpcStatusCode.Aborted, "failed to endorse transaction, see attached details for more info"),
            [new ErrorDetail("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 403, " + detail)]);

        var mapped = ChaincodeErrorParser.TryMap(error, "AddRecord");

        Assert.NotNull(mapped);
        Assert.Equal(HealthRecordsErrorCode.Forbidden, mapped.Code);
        Assert.Equal(reason, mapped.Reason);
    }

    [Theory]
    [InlineData("NOT_FOUND: Access entry not found (access-not-committed): access a1 of patient 'pt-1' is not committed on this peer", "access-not-committed")]
    [InlineData("NOT_FOUND: Access a1 of patient 'pt-1' is not committed; submit RequestAccess", null)]
    [InlineData("NOT_FOUND: Record 'rec-1' (of pt-1): does not exist.", null)]
    public void TryMap_NotFoundMessage_ReasonOnlyFromTheReasonToken(string detail, string? reason)
    {
        var error = new GatewayException(
            GatewayOperation.Evaluate, new GrpcStatus(GrpcStatusCode.Unknown, "evaluate call to endorser returned error: chaincode response 404, " + detail),
            [new ErrorDetail("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 404, " + detail)]);

        var mapped = ChaincodeErrorParser.TryMap(error, "ReadAccessedRecords");

        Assert.NotNull(mapped);
        Assert.Equal(HealthRecordsErrorCode.NotFound, mapped.Code);
        Assert.Equal(reason, mapped.Reason);
    }

    [Fact]
    public void TryMap_TransportFailure_ReturnsNull()
    {
        var error = new GatewayException(GatewayOperation.Evaluate, new GrpcStatus(GrpcStatusCode.Unavailable, "connection refused"));

        Assert.Null(ChaincodeErrorParser.TryMap(error, "GetPatient"));
    }
}
